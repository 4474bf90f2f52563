import { useTranslation } from 'react-i18next';
import { ErrorState, Load } from '../components/states';
import { useApi } from '../use-api';

interface SegmentList {
  segments: { id: string; name: string; kind?: string; description?: string; size?: number; rule?: string }[];
}

/** Segments: shown once the segments API is on this server; until then a clear "not available yet". */
export default function Segments() {
  const { t } = useTranslation();
  const segments = useApi<SegmentList>('/api/segments');
  return (
    <section aria-labelledby="segments-title">
      <div className="page-head">
        <h1 id="segments-title">{t('segments.title')}</h1>
      </div>
      <div className="card">
        {segments.error ? (
          <ErrorState error={segments.error} onRetry={segments.reload} />
        ) : (
          <Load state={segments}>
            {(s) =>
              s.segments.length === 0 ? (
                <p className="hint">{t('segments.empty')}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th>{t('segments.name')}</th>
                      <th>{t('segments.description')}</th>
                      <th className="num">{t('segments.size')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.segments.map((seg) => (
                      <tr key={seg.id}>
                        <td>{seg.name}</td>
                        <td>{seg.description ?? seg.rule ?? ''}</td>
                        <td className="num">{seg.size ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Load>
        )}
      </div>
    </section>
  );
}
