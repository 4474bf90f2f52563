import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Chart } from '../components/chart';
import { Empty, ErrorState, Load } from '../components/states';
import { fmtDateTime, fmtInt, fmtMoney, fmtNum, fmtPct } from '../format';
import { useApi } from '../use-api';
import { operatingPoints, type RocCurve } from './model-charts';

interface ModelRecord {
  kind: string;
  version: number;
  algorithm: string;
  training: { trainRows?: number; validationRows?: number; [k: string]: unknown };
  metrics: {
    auc?: number;
    logLoss?: number;
    liftAtTopDecile?: number;
    positiveRate?: number;
    rmse?: number;
    naiveRmse?: number;
    roc?: RocCurve;
    calibration?: { meanPredicted: number[]; fractionPositive: number[]; count: number[] };
    featureImportance?: { feature: string; importance: number }[];
  };
  active: boolean;
  createdAt: string;
}

interface TrainJob {
  id: string;
  status: string;
  progress: { fraction?: number; message?: string } | null;
  error: string | null;
  result: Record<string, unknown> | null;
}

const KINDS = ['churn', 'propensity', 'clv'] as const;

export default function Models() {
  const { t } = useTranslation();
  const models = useApi<{ models: ModelRecord[] }>('/api/models');
  const [kind, setKind] = useState<string>('churn');
  const [version, setVersion] = useState<number | null>(null);

  return (
    <section aria-labelledby="models-title">
      <div className="page-head">
        <h1 id="models-title">{t('models.title')}</h1>
        <div className="tabs" role="tablist" aria-label={t('models.kind')}>
          {KINDS.map((k) => (
            <button
              type="button"
              role="tab"
              key={k}
              aria-selected={k === kind}
              className={k === kind ? 'primary' : ''}
              onClick={() => {
                setKind(k);
                setVersion(null);
              }}
            >
              {t(`models.kinds.${k}`)}
            </button>
          ))}
        </div>
      </div>
      <Retrain kind={kind} onDone={models.reload} />
      {models.error ? (
        <ErrorState error={models.error} onRetry={models.reload} />
      ) : (
        <Load state={models}>
          {(m) => {
            const versions = m.models.filter((x) => x.kind === kind).sort((a, b) => b.version - a.version);
            if (versions.length === 0)
              return <Empty title={t('models.empty')}>{t('models.emptyHint')}</Empty>;
            const chosen =
              versions.find((v) => v.version === version) ?? versions.find((v) => v.active) ?? versions[0]!;
            return (
              <>
                <div className="card">
                  <h2>{t('models.versions')}</h2>
                  <table>
                    <thead>
                      <tr>
                        <th>{t('models.version')}</th>
                        <th>{t('models.algorithm')}</th>
                        <th>{t('models.trainedAt')}</th>
                        <th className="num">{t('models.trainRows')}</th>
                        {kind === 'clv' ? (
                          <>
                            <th className="num">{t('models.rmse')}</th>
                            <th className="num">{t('models.naiveRmse')}</th>
                          </>
                        ) : (
                          <>
                            <th className="num">{t('models.auc')}</th>
                            <th className="num">{t('models.logLoss')}</th>
                            <th className="num">{t('models.liftTop')}</th>
                          </>
                        )}
                        <th>{t('models.state')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {versions.map((v) => (
                        <tr key={v.version} className={v === chosen ? 'selected' : ''}>
                          <td>
                            <button
                              type="button"
                              className="link-button"
                              onClick={() => setVersion(v.version)}
                            >
                              v{v.version}
                            </button>
                          </td>
                          <td>{v.algorithm}</td>
                          <td>{fmtDateTime(v.createdAt)}</td>
                          <td className="num">{v.training.trainRows ? fmtInt(v.training.trainRows) : '—'}</td>
                          {kind === 'clv' ? (
                            <>
                              <td className="num">{num(v.metrics.rmse, fmtMoney)}</td>
                              <td className="num">{num(v.metrics.naiveRmse, fmtMoney)}</td>
                            </>
                          ) : (
                            <>
                              <td className="num">{num(v.metrics.auc, (x) => fmtNum(x, 3))}</td>
                              <td className="num">{num(v.metrics.logLoss, (x) => fmtNum(x, 3))}</td>
                              <td className="num">
                                {num(v.metrics.liftAtTopDecile, (x) => `${fmtNum(x, 2)}×`)}
                              </td>
                            </>
                          )}
                          <td>{v.active ? t('models.active') : ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {kind === 'clv' ? (
                  <div className="card">
                    <p className="hint">{t('models.clvCharts')}</p>
                  </div>
                ) : (
                  <ClassifierCharts model={chosen} />
                )}
              </>
            );
          }}
        </Load>
      )}
    </section>
  );
}

const num = (v: number | undefined, f: (x: number) => string) => (typeof v === 'number' ? f(v) : '—');

function ClassifierCharts({ model }: { model: ModelRecord }) {
  const { t } = useTranslation();
  const roc = model.metrics.roc;
  const rows = model.training.validationRows ?? 0;
  const points = useMemo(
    () => (roc ? operatingPoints(roc, model.metrics.positiveRate ?? 0, rows) : []),
    [roc, model.metrics.positiveRate, rows],
  );
  const [pointIndex, setPointIndex] = useState(() => Math.floor(points.length / 5));
  const point = points[Math.min(pointIndex, points.length - 1)];

  const rocOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 32, bottom: 40 },
      xAxis: { type: 'value', min: 0, max: 1, name: t('models.fpr'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', min: 0, max: 1, name: t('models.tpr') },
      series: [
        {
          type: 'line',
          showSymbol: false,
          data: roc ? roc.fpr.map((f, i) => [f, roc.tpr[i]]) : [],
          name: t('models.roc'),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#999' },
            data: [[{ coord: [0, 0] }, { coord: [1, 1] }]],
          },
        },
        ...(point && roc
          ? [
              {
                type: 'scatter',
                symbolSize: 10,
                data: [[roc.fpr[pointIndex], roc.tpr[pointIndex]]],
                name: t('models.operatingPoint'),
              },
            ]
          : []),
      ],
    }),
    [roc, point, pointIndex, t],
  );
  const cal = model.metrics.calibration;
  const calOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item' },
      grid: { left: 48, right: 16, top: 32, bottom: 40 },
      xAxis: { type: 'value', min: 0, name: t('models.meanPredicted'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', min: 0, name: t('models.fractionPositive') },
      series: [
        {
          type: 'line',
          data: cal ? cal.meanPredicted.map((p, i) => [p, cal.fractionPositive[i]]) : [],
          name: t('models.calibration'),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#999' },
            data: [[{ coord: [0, 0] }, { coord: [1, 1] }]],
          },
        },
      ],
    }),
    [cal, t],
  );
  const liftOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 32, bottom: 40 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('models.targeted'),
        nameLocation: 'middle',
        nameGap: 26,
      },
      yAxis: { type: 'value', min: 0, name: t('models.lift') },
      series: [
        {
          type: 'line',
          showSymbol: false,
          name: t('models.lift'),
          data: points.filter((p) => p.targeted > 0.01).map((p) => [p.targeted, p.lift]),
        },
      ],
    }),
    [points, t],
  );
  const fi = model.metrics.featureImportance;
  const fiOption = useMemo<EChartsCoreOption | null>(
    () =>
      fi && fi.length > 0
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 160, right: 16, top: 8, bottom: 24 },
            xAxis: { type: 'value' },
            yAxis: {
              type: 'category',
              data: fi
                .slice(0, 15)
                .map((f) => f.feature)
                .reverse(),
            },
            series: [
              {
                type: 'bar',
                data: fi
                  .slice(0, 15)
                  .map((f) => f.importance)
                  .reverse(),
              },
            ],
          }
        : null,
    [fi],
  );

  return (
    <>
      <div className="grid two">
        <div className="card">
          <h2>{t('models.roc')}</h2>
          {roc ? (
            <Chart option={rocOption} label={t('models.roc')} />
          ) : (
            <p className="hint">{t('models.noMetric')}</p>
          )}
        </div>
        <div className="card">
          <h2>{t('models.calibration')}</h2>
          {cal ? (
            <Chart option={calOption} label={t('models.calibration')} />
          ) : (
            <p className="hint">{t('models.noMetric')}</p>
          )}
        </div>
      </div>
      <div className="grid two">
        <div className="card">
          <h2>{t('models.liftChart')}</h2>
          {points.length > 0 && rows > 0 ? (
            <Chart option={liftOption} label={t('models.liftChart')} />
          ) : (
            <p className="hint">{t('models.noMetric')}</p>
          )}
        </div>
        <div className="card">
          <h2>{t('models.confusion')}</h2>
          {point && rows > 0 ? (
            <>
              <label className="slider">
                {t('models.targetShare', { share: fmtPct(point.targeted) })}
                <input
                  type="range"
                  min={0}
                  max={points.length - 1}
                  value={pointIndex}
                  onChange={(e) => setPointIndex(Number(e.target.value))}
                />
              </label>
              <table className="confusion">
                <thead>
                  <tr>
                    <th />
                    <th className="num">{t('models.predictedYes')}</th>
                    <th className="num">{t('models.predictedNo')}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th>{t('models.actualYes')}</th>
                    <td className="num">{fmtInt(point.tp)}</td>
                    <td className="num">{fmtInt(point.fn)}</td>
                  </tr>
                  <tr>
                    <th>{t('models.actualNo')}</th>
                    <td className="num">{fmtInt(point.fp)}</td>
                    <td className="num">{fmtInt(point.tn)}</td>
                  </tr>
                </tbody>
              </table>
              <p className="hint">
                {t('models.confusionHint', {
                  rows: fmtInt(rows),
                  precision: fmtPct(point.tp + point.fp > 0 ? point.tp / (point.tp + point.fp) : 0),
                  recall: fmtPct(point.tp + point.fn > 0 ? point.tp / (point.tp + point.fn) : 0),
                })}
              </p>
            </>
          ) : (
            <p className="hint">{t('models.noMetric')}</p>
          )}
        </div>
      </div>
      <div className="card">
        <h2>{t('models.importance')}</h2>
        {fiOption ? (
          <Chart option={fiOption} label={t('models.importance')} height={360} />
        ) : (
          <p className="hint">{t('models.noImportance')}</p>
        )}
      </div>
    </>
  );
}

function Retrain({ kind, onDone }: { kind: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [job, setJob] = useState<TrainJob | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const j = await api<TrainJob>(`/api/models/jobs/${encodeURIComponent(id)}`);
        setJob(j);
        if (j.status === 'queued' || j.status === 'running') poll(id);
        else onDone();
      } catch (err) {
        setError(err as Error);
      }
    }, 1000);
  };
  const start = async () => {
    setError(null);
    try {
      const j = await api<TrainJob>(`/api/models/${kind}/train`, { method: 'POST', body: {} });
      setJob(j);
      poll(j.id);
    } catch (err) {
      setError(err as Error);
    }
  };
  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  return (
    <div className="card retrain">
      <button type="button" className="primary" onClick={start} disabled={running}>
        {t('models.retrain', { kind: t(`models.kinds.${kind}`) })}
      </button>
      {job ? (
        <div className="train-status" role="status" aria-live="polite">
          <span>{t(`data.statuses.${job.status}`, { defaultValue: job.status })}</span>
          {running ? (
            <progress
              value={job.progress?.fraction ?? undefined}
              max={1}
              aria-label={t('models.trainProgress')}
            />
          ) : null}
          <span className="muted">{job.progress?.message ?? ''}</span>
          {job.error ? <span className="error-text">{job.error}</span> : null}
        </div>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
    </div>
  );
}
