/** ECharts is loaded on first use, in its own chunk, so the sign-in page and the shell stay light. */
export const loadEcharts = () => import('./echarts-setup');
