import { useTranslation } from 'react-i18next';
import { ErrorState, Load } from '../components/states';
import { useApi } from '../use-api';

/** Models: versions and metrics once the predict API is on this server. */
export default function Models() {
  const { t } = useTranslation();
  const models = useApi<{ models: { kind: string; version: number; metrics?: Record<string, number> }[] }>(
    '/api/models',
  );
  return (
    <section aria-labelledby="models-title">
      <div className="page-head">
        <h1 id="models-title">{t('models.title')}</h1>
      </div>
      <div className="card">
        {models.error ? (
          <ErrorState error={models.error} onRetry={models.reload} />
        ) : (
          <Load state={models}>
            {(m) =>
              m.models.length === 0 ? (
                <p className="hint">{t('models.empty')}</p>
              ) : (
                <ul className="plain">
                  {m.models.map((x) => (
                    <li key={`${x.kind}-${x.version}`}>
                      {t(`models.kinds.${x.kind}`, { defaultValue: x.kind })} v{x.version}
                    </li>
                  ))}
                </ul>
              )
            }
          </Load>
        )}
      </div>
    </section>
  );
}
