import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty">
      <strong>{title}</strong>
      {children ? <div className="hint">{children}</div> : null}
    </div>
  );
}

/** Errors in words; a route that does not exist yet is a feature still to ship, not a failure. */
export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.missingRoute) return <NotAvailable />;
  return (
    <div className="state error" role="alert">
      <strong>{t('common.error')}</strong>
      <div className="hint">{error.message}</div>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function NotAvailable() {
  const { t } = useTranslation();
  return (
    <div className="state empty">
      <strong>{t('common.notAvailable')}</strong>
      <div className="hint">{t('common.notAvailableHint')}</div>
    </div>
  );
}

/** Render loading/error states or the children with the data. */
export function Load<T>({
  state,
  children,
}: {
  state: { data: T | null; error: Error | null; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (state.data === null) return <Loading />;
  return <>{children(state.data)}</>;
}
