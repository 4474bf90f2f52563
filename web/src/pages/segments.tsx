import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../api';
import { Chart } from '../components/chart';
import { Empty, ErrorState, Load } from '../components/states';
import { fmtDateTime, fmtInt } from '../format';
import { navigate } from '../router';
import { useApi } from '../use-api';
import { type Condition, type Group, newCondition, toRule } from './rule-builder';

export interface Segment {
  id: string;
  kind: 'cluster' | 'rfm' | 'tag' | 'rule';
  name: string;
  nameZh: string | null;
  description: string | null;
  descriptionZh: string | null;
  size: number;
  refreshedAt: string | null;
}
interface Member {
  userId: string | null;
  enteredAt: string | null;
  x: number | null;
  y: number | null;
}

/** How many members per cluster the scatter draws: a sample keeps the chart fast on big stores. */
const SCATTER_SAMPLE = 300;

export default function Segments() {
  const { t, i18n } = useTranslation();
  const segments = useApi<{ segments: Segment[] }>('/api/segments');
  const [selected, setSelected] = useState<string | null>(null);
  const zh = i18n.language === 'zh-CN';
  const name = (s: Segment) => (zh && s.nameZh ? s.nameZh : s.name);
  const describe = (s: Segment) => (zh && s.descriptionZh ? s.descriptionZh : (s.description ?? ''));

  return (
    <section aria-labelledby="segments-title">
      <div className="page-head">
        <h1 id="segments-title">{t('segments.title')}</h1>
        <TrainSegments onDone={segments.reload} />
      </div>
      {segments.error ? (
        <ErrorState error={segments.error} onRetry={segments.reload} />
      ) : (
        <Load state={segments}>
          {(s) => {
            const clusters = s.segments.filter((x) => x.kind === 'cluster');
            const rfm = s.segments.filter((x) => x.kind === 'rfm');
            const others = s.segments.filter((x) => x.kind === 'tag' || x.kind === 'rule');
            return (
              <>
                {clusters.length === 0 ? (
                  <Empty title={t('segments.empty')}>{t('segments.emptyHint')}</Empty>
                ) : (
                  <div className="grid two">
                    <div className="card">
                      <h2>{t('segments.clusters')}</h2>
                      <ClusterScatter clusters={clusters} name={name} />
                      <p className="hint small">{t('segments.scatterHint', { n: SCATTER_SAMPLE })}</p>
                    </div>
                    <div className="card">
                      <h2>{t('segments.clusterList')}</h2>
                      <SegmentTable list={clusters} name={name} describe={describe} onOpen={setSelected} />
                    </div>
                  </div>
                )}
                {rfm.length > 0 ? (
                  <div className="card">
                    <h2>{t('segments.rfm')}</h2>
                    <div className="rfm-grid">
                      {rfm.map((r) => (
                        <button
                          type="button"
                          key={r.id}
                          className="rfm-cell"
                          onClick={() => setSelected(r.id)}
                        >
                          <strong>{name(r)}</strong>
                          <span className="kpi-value">{fmtInt(r.size)}</span>
                          <span className="muted">{describe(r).replace(/^[^—]*— /, '')}</span>
                        </button>
                      ))}
                    </div>
                    <p className="hint small">{t('segments.rfmGridMissing')}</p>
                  </div>
                ) : null}
                <RuleBuilder
                  segments={s.segments}
                  name={name}
                  onCreated={(id) => {
                    segments.reload();
                    setSelected(id);
                  }}
                />
                {others.length > 0 ? (
                  <div className="card">
                    <h2>{t('segments.tagsAndRules')}</h2>
                    <SegmentTable list={others} name={name} describe={describe} onOpen={setSelected} />
                  </div>
                ) : null}
                {selected ? (
                  <Members
                    segment={s.segments.find((x) => x.id === selected) ?? null}
                    id={selected}
                    name={name}
                    onClose={() => setSelected(null)}
                  />
                ) : null}
              </>
            );
          }}
        </Load>
      )}
    </section>
  );
}

function SegmentTable({
  list,
  name,
  describe,
  onOpen,
}: {
  list: Segment[];
  name: (s: Segment) => string;
  describe: (s: Segment) => string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th>{t('segments.name')}</th>
          <th>{t('segments.description')}</th>
          <th className="num">{t('segments.size')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((seg) => (
          <tr key={seg.id}>
            <td>
              <button type="button" className="link-button" onClick={() => onOpen(seg.id)}>
                {name(seg)}
              </button>
            </td>
            <td className="muted">{describe(seg)}</td>
            <td className="num">{fmtInt(seg.size)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClusterScatter({ clusters, name }: { clusters: Segment[]; name: (s: Segment) => string }) {
  const { t } = useTranslation();
  const [points, setPoints] = useState<{ id: string; data: [number, number][] }[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all(
      clusters.map((c) =>
        api<{ members: Member[] }>(
          `/api/segments/${encodeURIComponent(c.id)}/members${qs({ limit: SCATTER_SAMPLE })}`,
        ).then((r) => ({
          id: c.id,
          data: r.members
            .filter((m) => m.x !== null && m.y !== null)
            .map((m) => [m.x, m.y] as [number, number]),
        })),
      ),
    ).then(
      (p) => live && setPoints(p),
      (err: Error) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [clusters]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'value', name: t('segments.pc1'), nameLocation: 'middle', nameGap: 22, scale: true },
      yAxis: { type: 'value', name: t('segments.pc2'), scale: true },
      series: (points ?? []).map((p) => {
        const c = clusters.find((x) => x.id === p.id)!;
        return { type: 'scatter', name: `${name(c)} (${fmtInt(c.size)})`, symbolSize: 5, data: p.data };
      }),
    }),
    [points, clusters, name, t],
  );
  if (error) return <ErrorState error={error} />;
  if (!points)
    return <Load state={{ data: null, error: null, loading: true, reload: () => {} }}>{() => null}</Load>;
  return <Chart option={option} height={340} label={t('segments.clusters')} />;
}

function Members({
  id,
  segment,
  name,
  onClose,
}: {
  id: string;
  segment: Segment | null;
  name: (s: Segment) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const members = useApi<{ members: Member[]; next: string | null }>(
    `/api/segments/${encodeURIComponent(id)}/members${qs({ limit: 25, cursor })}`,
  );
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  // Walk every page so the CSV has the whole segment, not just the page on screen.
  const exportCsv = async () => {
    setExporting(true);
    setError(null);
    try {
      const rows: Member[] = [];
      let next: string | null = null;
      do {
        const page: { members: Member[]; next: string | null } = await api(
          `/api/segments/${encodeURIComponent(id)}/members${qs({ limit: 500, cursor: next })}`,
        );
        rows.push(...page.members);
        next = page.next;
      } while (next);
      const esc = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
      const csv = ['userId,enteredAt', ...rows.map((m) => `${esc(m.userId)},${esc(m.enteredAt)}`)].join('\n');
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `segment-${id}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(err as Error);
    } finally {
      setExporting(false);
    }
  };
  return (
    <section className="card" aria-labelledby="members-title">
      <div className="card-head">
        <h2 id="members-title">{t('segments.members', { name: segment ? name(segment) : id })}</h2>
        <div>
          <button type="button" onClick={exportCsv} disabled={exporting}>
            {exporting ? t('common.loading') : t('segments.exportCsv')}
          </button>
          <button type="button" onClick={onClose}>
            {t('segments.close')}
          </button>
        </div>
      </div>
      {error ? <ErrorState error={error} /> : null}
      <Load state={members}>
        {(m) =>
          m.members.length === 0 ? (
            <p className="hint">{t('segments.noMembers')}</p>
          ) : (
            <>
              <table>
                <thead>
                  <tr>
                    <th>{t('customers.userId')}</th>
                    <th>{t('segments.enteredAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.members.map((x, i) => (
                    <tr key={x.userId ?? i}>
                      <td>
                        {x.userId ? (
                          <a
                            href={`/customers/${encodeURIComponent(x.userId)}`}
                            onClick={(e) => {
                              e.preventDefault();
                              navigate(`/customers/${encodeURIComponent(x.userId!)}`);
                            }}
                          >
                            {x.userId}
                          </a>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>{x.enteredAt ? fmtDateTime(x.enteredAt) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="pager">
                <button
                  type="button"
                  disabled={cursors.length === 1}
                  onClick={() => setCursors((c) => c.slice(0, -1))}
                >
                  {t('common.previous')}
                </button>
                <span>{t('common.page', { page: cursors.length })}</span>
                <button type="button" disabled={!m.next} onClick={() => setCursors((c) => [...c, m.next])}>
                  {t('common.next')}
                </button>
              </div>
            </>
          )
        }
      </Load>
    </section>
  );
}

function TrainSegments({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'running' | 'done' | 'failed'>('idle');
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // The API has no status route for this job: it is done when the clusters carry a refresh time after
  // the request (the job refreshes them all at once).
  const poll = (since: number, tries: number) => {
    timer.current = setTimeout(async () => {
      try {
        const r = await api<{ segments: Segment[] }>('/api/segments?kind=cluster');
        const fresh = r.segments.some((s) => s.refreshedAt && Date.parse(s.refreshedAt) >= since);
        if (fresh) {
          setState('done');
          onDone();
        } else if (tries > 100) {
          setState('failed');
          setMessage(t('segments.trainTimeout'));
        } else poll(since, tries + 1);
      } catch (err) {
        setState('failed');
        setMessage((err as Error).message);
      }
    }, 2000);
  };
  const start = async () => {
    setState('running');
    setMessage('');
    const since = Date.now() - 1000;
    try {
      await api<{ jobId: string }>('/api/segments/train', { method: 'POST', body: {} });
      poll(since, 0);
    } catch (err) {
      setState('failed');
      setMessage((err as Error).message);
    }
  };
  return (
    <div className="row train-segments" role="status" aria-live="polite">
      <button type="button" className="primary" onClick={start} disabled={state === 'running'}>
        {t('segments.train')}
      </button>
      {state === 'running' ? <progress aria-label={t('segments.training')} /> : null}
      {state !== 'idle' ? (
        <span className="muted">
          {t(`segments.trainState.${state}`)} {message}
        </span>
      ) : null}
    </div>
  );
}

function RuleBuilder({
  segments,
  name,
  onCreated,
}: {
  segments: Segment[];
  name: (s: Segment) => string;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [group, setGroup] = useState<Group>({ join: 'and', items: [newCondition('trait')] });
  const [title, setTitle] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const rule = useMemo(() => toRule(group), [group]);
  const ruleText = JSON.stringify(rule, null, 2);

  // Live count: re-preview shortly after the rule stops changing.
  useEffect(() => {
    setCount(null);
    setPreviewError(null);
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api<{ count: number }>('/api/segments/preview', {
        method: 'POST',
        body: { rule },
        signal: ctrl.signal,
      }).then(
        (r) => setCount(r.count),
        (err: Error) => err.name !== 'AbortError' && setPreviewError(err.message),
      );
    }, 400);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [rule]);

  const save = async () => {
    setSaveError(null);
    try {
      const s = await api<Segment>('/api/segments', { method: 'POST', body: { name: title.trim(), rule } });
      setTitle('');
      onCreated(s.id);
    } catch (err) {
      setSaveError(err as Error);
    }
  };
  const update = (i: number, c: Condition | Group) =>
    setGroup((g) => ({ ...g, items: g.items.map((x, j) => (j === i ? c : x)) }));

  return (
    <div className="card">
      <h2>{t('segments.builder')}</h2>
      <div className="builder">
        <div>
          <GroupEditor
            group={group}
            onChange={setGroup}
            update={update}
            segments={segments}
            name={name}
            depth={0}
          />
        </div>
        <div>
          <div className="preview" role="status" aria-live="polite">
            {t('segments.previewCount')}{' '}
            <strong data-testid="rule-count">{count === null ? '…' : fmtInt(count)}</strong>
          </div>
          {previewError ? <p className="error-text">{previewError}</p> : null}
          <label htmlFor="rule-json">{t('segments.ruleJson')}</label>
          <pre id="rule-json" className="code">
            {ruleText}
          </pre>
          <div className="row">
            <label>
              {t('segments.newName')}
              <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <button
              type="button"
              className="primary"
              disabled={!title.trim() || previewError !== null}
              onClick={save}
            >
              {t('segments.save')}
            </button>
          </div>
          {saveError ? <ErrorState error={saveError} /> : null}
        </div>
      </div>
    </div>
  );
}

function GroupEditor({
  group,
  onChange,
  segments,
  name,
  depth,
}: {
  group: Group;
  onChange: (g: Group) => void;
  update: (i: number, c: Condition | Group) => void;
  segments: Segment[];
  name: (s: Segment) => string;
  depth: number;
}) {
  const { t } = useTranslation();
  const set = (i: number, c: Condition | Group) =>
    onChange({ ...group, items: group.items.map((x, j) => (j === i ? c : x)) });
  const remove = (i: number) => onChange({ ...group, items: group.items.filter((_, j) => j !== i) });
  return (
    <fieldset className="group">
      <legend>
        <select
          aria-label={t('segments.join')}
          value={group.join}
          onChange={(e) => onChange({ ...group, join: e.target.value as 'and' | 'or' })}
        >
          <option value="and">{t('segments.all')}</option>
          <option value="or">{t('segments.any')}</option>
        </select>
      </legend>
      {group.items.map((item, i) =>
        'join' in item ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity beyond their place
          <div key={i} className="nested">
            <GroupEditor
              group={item}
              onChange={(g) => set(i, g)}
              update={() => {}}
              segments={segments}
              name={name}
              depth={depth + 1}
            />
            <button type="button" onClick={() => remove(i)} aria-label={t('segments.removeGroup')}>
              ✕
            </button>
          </div>
        ) : (
          <ConditionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity beyond their place
            key={i}
            c={item}
            onChange={(c) => set(i, c)}
            onRemove={() => remove(i)}
            segments={segments}
            name={name}
          />
        ),
      )}
      <div className="row">
        {(['trait', 'event', 'prediction', 'segment'] as const).map((k) => (
          <button
            type="button"
            key={k}
            onClick={() => onChange({ ...group, items: [...group.items, newCondition(k)] })}
          >
            {t(`segments.add.${k}`)}
          </button>
        ))}
        {depth < 2 ? (
          <button
            type="button"
            onClick={() =>
              onChange({
                ...group,
                items: [
                  ...group.items,
                  { join: group.join === 'and' ? 'or' : 'and', items: [newCondition('trait')] },
                ],
              })
            }
          >
            {t('segments.add.group')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists'] as const;

function ConditionEditor({
  c,
  onChange,
  onRemove,
  segments,
  name,
}: {
  c: Condition;
  onChange: (c: Condition) => void;
  onRemove: () => void;
  segments: Segment[];
  name: (s: Segment) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="condition">
      <span className="cond-kind">{t(`segments.kind.${c.kind}`)}</span>
      {c.kind === 'trait' ? (
        <>
          <input
            aria-label={t('segments.traitName')}
            value={c.trait}
            onChange={(e) => onChange({ ...c, trait: e.target.value })}
          />
          <select
            aria-label={t('segments.operator')}
            value={c.op}
            onChange={(e) => onChange({ ...c, op: e.target.value })}
          >
            {OPS.map((op) => (
              <option key={op} value={op}>
                {t(`segments.ops.${op}`)}
              </option>
            ))}
          </select>
          {c.op === 'exists' ? null : (
            <input
              aria-label={t('segments.value')}
              value={c.value}
              onChange={(e) => onChange({ ...c, value: e.target.value })}
            />
          )}
        </>
      ) : null}
      {c.kind === 'event' ? (
        <>
          <input
            aria-label={t('segments.eventName')}
            value={c.event}
            onChange={(e) => onChange({ ...c, event: e.target.value })}
          />
          <label className="inline">
            {t('segments.atLeast')}
            <input
              type="number"
              min={0}
              className="short"
              value={c.min}
              onChange={(e) => onChange({ ...c, min: e.target.value })}
            />
          </label>
          <label className="inline">
            {t('segments.withinDays')}
            <input
              type="number"
              min={1}
              className="short"
              value={c.withinDays}
              onChange={(e) => onChange({ ...c, withinDays: e.target.value })}
            />
          </label>
        </>
      ) : null}
      {c.kind === 'prediction' ? (
        <>
          <select
            aria-label={t('segments.model')}
            value={c.prediction}
            onChange={(e) => onChange({ ...c, prediction: e.target.value })}
          >
            {['churn', 'propensity', 'clv'].map((k) => (
              <option key={k} value={k}>
                {t(`models.kinds.${k}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('segments.operator')}
            value={c.op}
            onChange={(e) => onChange({ ...c, op: e.target.value })}
          >
            {(['gt', 'gte', 'lt', 'lte'] as const).map((op) => (
              <option key={op} value={op}>
                {t(`segments.ops.${op}`)}
              </option>
            ))}
          </select>
          <input
            aria-label={t('segments.value')}
            type="number"
            step="0.05"
            className="short"
            value={c.value}
            onChange={(e) => onChange({ ...c, value: e.target.value })}
          />
        </>
      ) : null}
      {c.kind === 'segment' ? (
        <select
          aria-label={t('segments.segment')}
          value={c.segment}
          onChange={(e) => onChange({ ...c, segment: e.target.value })}
        >
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {name(s)}
            </option>
          ))}
        </select>
      ) : null}
      <label className="inline">
        <input
          type="checkbox"
          checked={c.negate}
          onChange={(e) => onChange({ ...c, negate: e.target.checked })}
        />
        {t('segments.not')}
      </label>
      <button type="button" onClick={onRemove} aria-label={t('segments.removeCondition')}>
        ✕
      </button>
    </div>
  );
}
