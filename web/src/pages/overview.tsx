import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qs } from '../api';
import { Chart } from '../components/chart';
import { Empty, Load } from '../components/states';
import { fmtDateTime, fmtInt, fmtMoney, fmtNum, fmtPct } from '../format';
import { navigate } from '../router';
import { useApi } from '../use-api';

interface Stats {
  from: string;
  to: string;
  users: number;
  events: number;
  eventsByDay: { day: string; type: string; count: number }[];
  orders: number;
  revenue: number;
  averageOrderValue: number;
  dau: number;
  wau: number;
  mau: number;
  viewToPurchase: number;
  topItems: { itemId: string; title: string | null; orders: number; revenue: number }[];
  topCategories: { category: string; orders: number; revenue: number }[];
}

interface Rejections {
  counts: { reason: string; count: number }[];
  rejections: { at: string; source: string; reason: string; path: string }[];
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export default function Overview() {
  const { t } = useTranslation();
  const [range, setRange] = useState(() => {
    const to = Date.now();
    return { from: isoDay(to - 29 * DAY), to: isoDay(to) };
  });
  // The end date is inclusive for the marketer: up to the end of that day (UTC).
  const statsPath = `/api/stats${qs({
    from: `${range.from}T00:00:00.000Z`,
    to: `${range.to}T23:59:59.999Z`,
  })}`;
  const stats = useApi<Stats>(range.from <= range.to ? statsPath : null);
  // The last hour's events, for events per minute. Anchored once per mount so the query is stable.
  const [hourAgo] = useState(() => new Date(Date.now() - 3_600_000).toISOString());
  const lastHour = useApi<Stats>(`/api/stats${qs({ from: hourAgo, top: 1 })}`);
  const rejections = useApi<Rejections>('/api/ingest/rejections?limit=20');

  return (
    <section aria-labelledby="overview-title">
      <div className="page-head">
        <h1 id="overview-title">{t('overview.title')}</h1>
        <fieldset className="range">
          <legend className="sr-only">{t('overview.range')}</legend>
          <label>
            {t('overview.from')}
            <input
              type="date"
              value={range.from}
              max={range.to}
              onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))}
            />
          </label>
          <label>
            {t('overview.to')}
            <input
              type="date"
              value={range.to}
              min={range.from}
              onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))}
            />
          </label>
          {[7, 30, 90].map((days) => (
            <button
              type="button"
              key={days}
              onClick={() => {
                const to = Date.now();
                setRange({ from: isoDay(to - (days - 1) * DAY), to: isoDay(to) });
              }}
            >
              {t('overview.lastDays', { count: days })}
            </button>
          ))}
        </fieldset>
      </div>
      <Load state={stats}>{(s) => <StatsView stats={s} />}</Load>
      <h2>{t('overview.health')}</h2>
      <div className="grid two">
        <div className="card">
          <h3>{t('overview.eventsPerMinute')}</h3>
          <Load state={lastHour}>
            {(h) => (
              <div className="kpi-value" data-testid="events-per-minute">
                {fmtNum(h.events / 60, 1)}
              </div>
            )}
          </Load>
          <p className="hint">{t('overview.eventsPerMinuteHint')}</p>
        </div>
        <div className="card">
          <h3>{t('overview.rejected')}</h3>
          <Load state={rejections}>
            {(r) =>
              r.counts.length === 0 ? (
                <p className="hint">{t('overview.noRejections')}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th>{t('overview.reason')}</th>
                      <th className="num">{t('overview.count')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.counts.map((c) => (
                      <tr key={c.reason}>
                        <td>{c.reason}</td>
                        <td className="num">{fmtInt(c.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Load>
          <Load state={rejections}>
            {(r) =>
              r.rejections.length > 0 ? (
                <details>
                  <summary>{t('overview.recentRejections')}</summary>
                  <ul className="plain">
                    {r.rejections.map((x) => (
                      <li key={`${x.at}${x.path}${x.reason}`}>
                        {fmtDateTime(x.at)} · {x.source} · {x.path} · {x.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null
            }
          </Load>
        </div>
      </div>
    </section>
  );
}

function StatsView({ stats: s }: { stats: Stats }) {
  const { t } = useTranslation();
  const eventsChart = useMemo<EChartsCoreOption>(() => {
    const days = [...new Set(s.eventsByDay.map((e) => e.day))].sort();
    const types = [...new Set(s.eventsByDay.map((e) => e.type))];
    const cell = new Map(s.eventsByDay.map((e) => [`${e.day}|${e.type}`, e.count]));
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value' },
      series: types.map((type) => ({
        name: type,
        type: 'bar',
        stack: 'events',
        data: days.map((d) => cell.get(`${d}|${type}`) ?? 0),
      })),
    };
  }, [s]);

  if (s.users === 0 && s.events === 0) {
    return (
      <Empty title={t('overview.emptyTitle')}>
        <p>{t('overview.emptyHint')}</p>
        <button type="button" className="primary" onClick={() => navigate('/data')}>
          {t('overview.goToData')}
        </button>
      </Empty>
    );
  }
  const kpis: [string, string][] = [
    [t('overview.users'), fmtInt(s.users)],
    [t('overview.events'), fmtInt(s.events)],
    [t('overview.orders'), fmtInt(s.orders)],
    [t('overview.revenue'), fmtMoney(s.revenue)],
    [t('overview.aov'), fmtMoney(s.averageOrderValue)],
    [t('overview.dau'), fmtInt(s.dau)],
    [t('overview.wau'), fmtInt(s.wau)],
    [t('overview.mau'), fmtInt(s.mau)],
    [t('overview.conversion'), fmtPct(s.viewToPurchase)],
  ];
  return (
    <>
      <div className="kpis">
        {kpis.map(([label, value]) => (
          <div className="card kpi" key={label}>
            <div className="kpi-label">{label}</div>
            <div className="kpi-value">{value}</div>
          </div>
        ))}
      </div>
      <div className="card">
        <h3>{t('overview.eventsPerDay')}</h3>
        {s.eventsByDay.length === 0 ? (
          <p className="hint">{t('overview.noEventsInRange')}</p>
        ) : (
          <Chart option={eventsChart} height={300} label={t('overview.eventsPerDay')} />
        )}
      </div>
      <div className="grid two">
        <div className="card">
          <h3>{t('overview.topItems')}</h3>
          {s.topItems.length === 0 ? (
            <p className="hint">{t('overview.noOrders')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{t('overview.item')}</th>
                  <th className="num">{t('overview.orders')}</th>
                  <th className="num">{t('overview.revenue')}</th>
                </tr>
              </thead>
              <tbody>
                {s.topItems.map((i) => (
                  <tr key={i.itemId}>
                    <td>
                      {i.title ?? i.itemId} <span className="muted">{i.itemId}</span>
                    </td>
                    <td className="num">{fmtInt(i.orders)}</td>
                    <td className="num">{fmtMoney(i.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="card">
          <h3>{t('overview.topCategories')}</h3>
          {s.topCategories.length === 0 ? (
            <p className="hint">{t('overview.noOrders')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{t('overview.category')}</th>
                  <th className="num">{t('overview.orders')}</th>
                  <th className="num">{t('overview.revenue')}</th>
                </tr>
              </thead>
              <tbody>
                {s.topCategories.map((c) => (
                  <tr key={c.category}>
                    <td>{c.category}</td>
                    <td className="num">{fmtInt(c.orders)}</td>
                    <td className="num">{fmtMoney(c.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </>
  );
}
