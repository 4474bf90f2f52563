import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../api';
import { ErrorState, Load } from '../components/states';
import { fmtDateTime, fmtMoney, fmtPct } from '../format';
import { navigate } from '../router';
import { useApi } from '../use-api';
import type { UserView } from './customers';

interface EventView {
  messageId: string;
  type: string;
  name: string | null;
  properties?: Record<string, unknown>;
  timestamp: string;
}

/** GET /api/users/:id/profile: predictions (src/predict) joined by segment, RFM segment, tags and rules (src/profiles). */
interface Named {
  id?: string;
  name?: string;
  nameZh?: string | null;
  en?: string;
  zh?: string | null;
}
interface ProfileView {
  predictions?: Record<string, Prediction | null | undefined>;
  segment?: Named | null;
  rfmSegment?: Named | null;
  tags?: Named[];
  ruleSegments?: Named[];
}
interface Prediction {
  score?: number;
  probability?: number;
  value?: number;
  reasons?: (string | { text?: string; feature?: string; contribution?: number })[];
  model?: string | { version?: number };
}
interface RecommendationView {
  items?: { itemId: string; title?: string | null; score?: number; reason?: string; reasons?: string[] }[];
}

const mask = (v: string) =>
  v.length <= 2 ? '••' : `${v[0]}${'•'.repeat(Math.min(8, v.length - 2))}${v.at(-1)}`;

export default function CustomerProfile({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const id = encodeURIComponent(userId);
  const user = useApi<UserView>(`/api/users/${id}`);
  const events = useApi<{ events: EventView[] }>(`/api/events${qs({ userId, order: 'desc', limit: 50 })}`);
  const profile = useApi<ProfileView>(`/api/users/${id}/profile`);
  const recs = useApi<RecommendationView>(`/api/users/${id}/recommendations`);
  const [reveal, setReveal] = useState(false);
  const [confirm, setConfirm] = useState<'erase' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);

  const exportUser = async () => {
    setActionError(null);
    try {
      const data = await api<unknown>(`/api/users/${id}/export`);
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `${userId}-export.json`;
      a.click();
      URL.revokeObjectURL(url);
      setMessage(t('profile.exported'));
    } catch (err) {
      setActionError(err as Error);
    }
  };
  const erase = async () => {
    setActionError(null);
    try {
      const r = await api<{ events: number }>(`/api/users/${id}`, { method: 'DELETE' });
      setConfirm(null);
      setMessage(t('profile.erased', { count: r.events }));
      setTimeout(() => navigate('/customers'), 1500);
    } catch (err) {
      setActionError(err as Error);
    }
  };

  return (
    <section aria-labelledby="profile-title">
      <div className="page-head">
        <h1 id="profile-title">
          <a
            href="/customers"
            className="back"
            onClick={(e) => {
              e.preventDefault();
              navigate('/customers');
            }}
          >
            {t('profile.back')}
          </a>{' '}
          {userId}
        </h1>
        <div className="actions">
          <button type="button" onClick={exportUser}>
            {t('profile.export')}
          </button>
          <button type="button" className="danger" onClick={() => setConfirm('erase')}>
            {t('profile.erase')}
          </button>
        </div>
      </div>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {actionError ? <ErrorState error={actionError} /> : null}
      {confirm === 'erase' ? (
        <div className="card confirm" role="alertdialog" aria-labelledby="erase-q">
          <p id="erase-q">{t('profile.eraseConfirm', { userId })}</p>
          <button type="button" className="danger" onClick={erase}>
            {t('profile.eraseYes')}
          </button>
          <button type="button" onClick={() => setConfirm(null)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      <div className="grid two">
        <div className="card">
          <div className="card-head">
            <h2>{t('profile.traits')}</h2>
            <label className="inline">
              <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />
              {t('profile.revealPii')}
            </label>
          </div>
          <Load state={user}>
            {(u) => (
              <dl className="traits">
                {Object.entries(u.traits).map(([k, v]) => (
                  <Row key={k} name={k} value={v} />
                ))}
                {Object.entries(u.pii ?? {}).map(([k, v]) => (
                  <Row key={`pii-${k}`} name={k} value={v} masked={!reveal} pii />
                ))}
                {u.consent ? (
                  <Row
                    name={t('profile.consent')}
                    value={Object.entries(u.consent)
                      .map(([c, ok]) => `${c}: ${ok ? '✓' : '✗'}`)
                      .join(' · ')}
                  />
                ) : null}
              </dl>
            )}
          </Load>
        </div>
        <div className="card">
          <h2>{t('profile.insights')}</h2>
          <Insights state={profile} />
        </div>
      </div>
      <div className="grid two">
        <div className="card">
          <h2>{t('profile.timeline')}</h2>
          <Load state={events}>
            {(e) =>
              e.events.length === 0 ? (
                <p className="hint">{t('profile.noEvents')}</p>
              ) : (
                <ol className="timeline">
                  {e.events.map((ev) => (
                    <li key={ev.messageId}>
                      <time dateTime={ev.timestamp}>{fmtDateTime(ev.timestamp)}</time>
                      <strong>{ev.name ?? ev.type}</strong>
                      <span className="muted">{describeEvent(ev)}</span>
                    </li>
                  ))}
                </ol>
              )
            }
          </Load>
        </div>
        <div className="card">
          <h2>{t('profile.recommendations')}</h2>
          {recs.error ? (
            <ErrorState error={recs.error} />
          ) : (
            <Load state={recs}>
              {(r) =>
                (r.items ?? []).length === 0 ? (
                  <p className="hint">{t('profile.noRecommendations')}</p>
                ) : (
                  <ol>
                    {(r.items ?? []).map((i) => (
                      <li key={i.itemId}>
                        {i.title ?? i.itemId}
                        <div className="muted">{i.reason ?? (i.reasons ?? []).join('; ')}</div>
                      </li>
                    ))}
                  </ol>
                )
              }
            </Load>
          )}
        </div>
      </div>
    </section>
  );
}

function Row({
  name,
  value,
  masked,
  pii,
}: {
  name: string;
  value: unknown;
  masked?: boolean;
  pii?: boolean;
}) {
  const { t } = useTranslation();
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return (
    <>
      <dt>
        {name}
        {pii ? <span className="badge">{t('profile.pii')}</span> : null}
      </dt>
      <dd>{masked ? mask(text) : text}</dd>
    </>
  );
}

function describeEvent(ev: EventView): string {
  const p = ev.properties ?? {};
  const parts: string[] = [];
  if (typeof p.name === 'string') parts.push(p.name);
  else if (typeof p.product_id === 'string') parts.push(p.product_id);
  if (typeof p.revenue === 'number') parts.push(fmtMoney(p.revenue));
  else if (typeof p.price === 'number') parts.push(fmtMoney(p.price));
  if (typeof p.query === 'string') parts.push(`“${p.query}”`);
  return parts.join(' · ');
}

function Insights({ state }: { state: ReturnType<typeof useApi<ProfileView>> }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const label = (n: Named) => (zh ? (n.nameZh ?? n.zh) : null) ?? n.name ?? n.en ?? n.id ?? '';
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  return (
    <Load state={state}>
      {(p) => {
        const predictions = Object.entries(p.predictions ?? {});
        const chips = (list: Named[] | undefined) =>
          (list ?? []).length === 0
            ? t('profile.none')
            : (list ?? []).map((n) => (
                <span className="tag" key={n.id ?? label(n)}>
                  {label(n)}
                </span>
              ));
        return (
          <>
            <dl className="traits">
              <dt>{t('profile.segment')}</dt>
              <dd>{p.segment ? label(p.segment) : t('profile.none')}</dd>
              <dt>{t('profile.rfmSegment')}</dt>
              <dd>{p.rfmSegment ? label(p.rfmSegment) : t('profile.none')}</dd>
              <dt>{t('profile.tags')}</dt>
              <dd>{chips(p.tags)}</dd>
              <dt>{t('profile.ruleSegments')}</dt>
              <dd>{chips(p.ruleSegments)}</dd>
            </dl>
            <h3>{t('profile.predictions')}</h3>
            {predictions.length === 0 ? (
              <NotTrained />
            ) : (
              predictions.map(([kind, pred]) => (
                <div key={kind} className="prediction">
                  <strong>{t(`models.kinds.${kind}`, { defaultValue: kind })}</strong>{' '}
                  {pred ? predictionValue(kind, pred) : t('profile.noScore')}
                  {pred?.reasons?.length ? (
                    <ul>
                      {pred.reasons.map((r) => {
                        const text = typeof r === 'string' ? r : (r.text ?? r.feature ?? '');
                        return <li key={text}>{text}</li>;
                      })}
                    </ul>
                  ) : null}
                </div>
              ))
            )}
          </>
        );
      }}
    </Load>
  );
}

function predictionValue(kind: string, p: Prediction): string {
  // CLV is money; churn and propensity values are calibrated probabilities.
  const v = p.value ?? p.probability ?? p.score;
  if (typeof v !== 'number') return '';
  return kind === 'clv' ? fmtMoney(v) : fmtPct(v);
}

function NotTrained() {
  const { t } = useTranslation();
  return <p className="hint">{t('profile.noPredictions')}</p>;
}
