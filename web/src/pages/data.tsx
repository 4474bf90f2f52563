import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorState, Load } from '../components/states';
import { fmtDateTime, fmtInt, fmtPct } from '../format';
import { useApi } from '../use-api';

interface ImportView {
  id: string;
  status: string;
  file: string | null;
  progress: {
    read?: number;
    accepted?: number;
    rejected?: number;
    bytesRead?: number;
    totalBytes?: number;
  } | null;
  result: {
    read?: number;
    accepted?: number;
    rejected?: number;
    rejections?: { row: number; field: string; reason: string }[];
  } | null;
  error: string | null;
}

interface KeyView {
  id: string;
  role: 'write' | 'admin';
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export default function Data() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="data-title">
      <div className="page-head">
        <h1 id="data-title">{t('data.title')}</h1>
      </div>
      <div className="grid two">
        <ImportCard />
        <SnippetCard />
      </div>
      <KeysCard />
    </section>
  );
}

function ImportCard() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState('');
  const [mapping, setMapping] = useState('');
  const [job, setJob] = useState<ImportView | null>(null);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const j = await api<ImportView>(`/api/imports/${encodeURIComponent(id)}`);
        setJob(j);
        if (j.status === 'queued' || j.status === 'running') poll(id);
      } catch (err) {
        setError(err as Error);
      }
    }, 700);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setJob(null);
    const form = new FormData();
    if (kind) form.set('kind', kind);
    if (mapping) form.set('mapping', mapping);
    form.set('file', file);
    // XMLHttpRequest rather than fetch: only it reports upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.setRequestHeader('authorization', `Bearer ${sessionStorage.getItem('osprey.adminKey') ?? ''}`);
    xhr.upload.onprogress = (ev) => ev.lengthComputable && setUploaded(ev.loaded / ev.total);
    xhr.onload = () => {
      setUploaded(null);
      let body: { error?: string } & Partial<ImportView> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status !== 202) {
        setError(new Error(body.error ?? `HTTP ${xhr.status}`));
        return;
      }
      setJob(body as ImportView);
      poll(body.id!);
    };
    xhr.onerror = () => {
      setUploaded(null);
      setError(new Error(t('data.uploadFailed')));
    };
    xhr.send(form);
  };

  const p = job?.result ?? job?.progress ?? null;
  const bytes = job?.progress?.totalBytes ? (job.progress.bytesRead ?? 0) / job.progress.totalBytes : null;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="import-title">
      <h2 id="import-title">{t('data.importTitle')}</h2>
      <p className="hint">{t('data.importHint')}</p>
      <label htmlFor="import-file">{t('data.file')}</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.jsonl,.ndjson,.gz,.json"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <div className="row">
        <label>
          {t('data.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('data.kindAuto')}</option>
            <option value="users">{t('data.kindUsers')}</option>
            <option value="items">{t('data.kindItems')}</option>
            <option value="events">{t('data.kindEvents')}</option>
          </select>
        </label>
        <label>
          {t('data.mapping')}
          <input value={mapping} placeholder="online-retail" onChange={(e) => setMapping(e.target.value)} />
        </label>
      </div>
      <button type="submit" className="primary" disabled={!file || uploaded !== null}>
        {t('data.upload')}
      </button>
      {uploaded !== null ? (
        <div>
          {t('data.uploading')}
          <progress value={uploaded} max={1} aria-label={t('data.uploading')} />
        </div>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
      {job ? (
        <div className="import-status" role="status" aria-live="polite">
          <div>
            {t('data.status')}:{' '}
            <strong>{t(`data.statuses.${job.status}`, { defaultValue: job.status })}</strong>
          </div>
          {job.status === 'running' || job.status === 'queued' ? (
            <progress value={bytes ?? undefined} max={1} aria-label={t('data.importProgress')} />
          ) : null}
          {bytes !== null && job.status === 'running' ? <span> {fmtPct(bytes)}</span> : null}
          {p ? (
            <dl className="traits">
              <dt>{t('data.read')}</dt>
              <dd>{fmtInt(p.read ?? 0)}</dd>
              <dt>{t('data.accepted')}</dt>
              <dd>{fmtInt(p.accepted ?? 0)}</dd>
              <dt>{t('data.rejected')}</dt>
              <dd>{fmtInt(p.rejected ?? 0)}</dd>
            </dl>
          ) : null}
          {job.result?.rejections?.length ? (
            <table>
              <thead>
                <tr>
                  <th className="num">{t('data.row')}</th>
                  <th>{t('data.field')}</th>
                  <th>{t('overview.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {job.result.rejections.map((r) => (
                  <tr key={`${r.row}-${r.field}`}>
                    <td className="num">{r.row}</td>
                    <td>{r.field}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {job.error ? <p className="error-text">{job.error}</p> : null}
        </div>
      ) : null}
    </form>
  );
}

function SnippetCard() {
  const { t } = useTranslation();
  const origin = typeof location === 'undefined' ? 'http://localhost:8080' : location.origin;
  const snippet = `import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({
  writeKey: 'YOUR_WRITE_KEY',
  host: '${origin}',
  path: '/v1/batch',
});

analytics.identify({ userId: 'user-1', traits: { email: 'ada@example.com' } });
analytics.track({
  userId: 'user-1',
  event: 'Order Completed',
  properties: { order_id: 'o-1', revenue: 42.5, products: [{ product_id: 'P0001', price: 42.5 }] },
});`;
  const [copied, setCopied] = useState(false);
  return (
    <div className="card">
      <h2>{t('data.snippetTitle')}</h2>
      <p className="hint">{t('data.snippetHint')}</p>
      <pre className="code">{snippet}</pre>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(snippet).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? t('data.copied') : t('data.copy')}
      </button>
    </div>
  );
}

function KeysCard() {
  const { t } = useTranslation();
  const keys = useApi<{ keys: KeyView[] }>('/api/keys');
  const [role, setRole] = useState<'write' | 'admin'>('write');
  const [label, setLabel] = useState('');
  const [minted, setMinted] = useState<string | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ key: string }>('/api/keys', {
        method: 'POST',
        body: label ? { role, label } : { role },
      });
      setMinted(r.key);
      setLabel('');
      keys.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const revoke = async (id: string) => {
    setError(null);
    try {
      await api(`/api/keys/${encodeURIComponent(id)}`, { method: 'DELETE' });
      setConfirmRevoke(null);
      keys.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <div className="card">
      <h2>{t('data.keysTitle')}</h2>
      <form className="row" onSubmit={create}>
        <label>
          {t('data.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as 'write' | 'admin')}>
            <option value="write">{t('data.roleWrite')}</option>
            <option value="admin">{t('data.roleAdmin')}</option>
          </select>
        </label>
        <label>
          {t('data.label')}
          <input value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('data.createKey')}
        </button>
      </form>
      {minted ? (
        <p className="notice" role="status">
          {t('data.mintedOnce')} <code>{minted}</code>
        </p>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
      <Load state={keys}>
        {(k) => (
          <table>
            <thead>
              <tr>
                <th>{t('data.keyId')}</th>
                <th>{t('data.role')}</th>
                <th>{t('data.label')}</th>
                <th>{t('data.created')}</th>
                <th>{t('data.state')}</th>
                <th>
                  <span className="sr-only">{t('data.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {k.keys.map((key) => (
                <tr key={key.id}>
                  <td>
                    <code>{key.id}</code>
                  </td>
                  <td>{key.role === 'admin' ? t('data.roleAdmin') : t('data.roleWrite')}</td>
                  <td>{key.label ?? '—'}</td>
                  <td>{fmtDateTime(key.createdAt)}</td>
                  <td>
                    {key.revokedAt
                      ? t('data.revokedAt', { at: fmtDateTime(key.revokedAt) })
                      : t('data.active')}
                  </td>
                  <td>
                    {key.revokedAt ? null : confirmRevoke === key.id ? (
                      <>
                        <button type="button" className="danger" onClick={() => revoke(key.id)}>
                          {t('data.revokeYes')}
                        </button>
                        <button type="button" onClick={() => setConfirmRevoke(null)}>
                          {t('common.cancel')}
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        aria-label={t('data.revokeLabel', { id: key.id })}
                        onClick={() => setConfirmRevoke(key.id)}
                      >
                        {t('data.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Load>
    </div>
  );
}
