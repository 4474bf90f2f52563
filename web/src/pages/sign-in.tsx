import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setKey } from '../api';
import { LanguageSwitch } from '../components/language-switch';

/** Sign in with an admin API key; it is checked against /api/stats before being kept for the session. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [key, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError(t('signIn.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('/api/keys', { key: trimmed });
      setKey(trimmed);
      onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('signIn.wrongKey'));
      else if (err instanceof ApiError && err.status === 403) setError(t('signIn.notAdmin'));
      else setError(t('signIn.unreachable', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <form onSubmit={submit} className="card" aria-labelledby="signin-title">
        <div className="signin-head">
          <h1 id="signin-title">{t('signIn.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="hint">{t('signIn.intro')}</p>
        <label htmlFor="admin-key">{t('signIn.keyLabel')}</label>
        <input
          id="admin-key"
          type="password"
          autoComplete="off"
          value={key}
          placeholder="osp_adm_…"
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'signin-error' : undefined}
        />
        {error ? (
          <p id="signin-error" className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.checking') : t('signIn.submit')}
        </button>
        <p className="hint small">{t('signIn.where')}</p>
      </form>
    </div>
  );
}
