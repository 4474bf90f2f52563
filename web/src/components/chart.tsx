import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { loadEcharts } from './echarts';

/** An ECharts canvas; ECharts itself is loaded on first use so the sign-in page stays light. */
export function Chart({
  option,
  height = 280,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: EChartsCoreOption): void; dispose(): void; resize(): void } | null = null;
    const onResize = () => chart?.resize();
    loadEcharts().then(
      (echarts) => {
        if (disposed || !el.current) return;
        chart = echarts.init(el.current);
        chart.setOption(option);
        window.addEventListener('resize', onResize);
      },
      (err: unknown) => console.error('chart failed to load', err),
    );
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={el} className="chart" style={{ height }} role="img" aria-label={label} />;
}
