import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Load, NotAvailable } from '../components/states';
import { useApi } from '../use-api';

interface RecItem {
  itemId: string;
  title?: string | null;
  score?: number;
  reason?: string;
  reasons?: string[];
}
interface UserRecs {
  algorithms?: { name: string; items: RecItem[] }[];
  items?: RecItem[];
}

function ItemList({ items }: { items: RecItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="hint">{t('recs.none')}</p>;
  return (
    <ol>
      {items.map((i) => (
        <li key={i.itemId}>
          {i.title ?? i.itemId}
          <div className="muted">{i.reason ?? (i.reasons ?? []).join('; ')}</div>
        </li>
      ))}
    </ol>
  );
}

function Picker({ label, onPick }: { label: string; onPick: (v: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) onPick(value.trim());
  };
  return (
    <form className="row" onSubmit={submit}>
      <label>
        {label}
        <input value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit">{t('recs.show')}</button>
    </form>
  );
}

/** Recommendations for a user and similar items; the serving routes arrive with the recommend issue. */
export default function Recommendations() {
  const { t } = useTranslation();
  const [user, setUser] = useState<string | null>(null);
  const [item, setItem] = useState<string | null>(null);
  const userRecs = useApi<UserRecs>(user ? `/api/users/${encodeURIComponent(user)}/recommendations` : null);
  const similar = useApi<{ items: RecItem[] }>(
    item ? `/api/items/${encodeURIComponent(item)}/similar` : null,
  );
  return (
    <section aria-labelledby="recs-title">
      <div className="page-head">
        <h1 id="recs-title">{t('recs.title')}</h1>
      </div>
      <div className="grid two">
        <div className="card">
          <h2>{t('recs.forUser')}</h2>
          <Picker label={t('recs.userId')} onPick={setUser} />
          {user ? (
            <Load state={userRecs}>
              {(r) =>
                r.algorithms ? (
                  <div className="side-by-side">
                    {r.algorithms.map((a) => (
                      <div key={a.name}>
                        <h3>{a.name}</h3>
                        <ItemList items={a.items} />
                      </div>
                    ))}
                  </div>
                ) : (
                  <ItemList items={r.items ?? []} />
                )
              }
            </Load>
          ) : null}
        </div>
        <div className="card">
          <h2>{t('recs.similar')}</h2>
          <Picker label={t('recs.itemId')} onPick={setItem} />
          {item ? <Load state={similar}>{(r) => <ItemList items={r.items} />}</Load> : null}
        </div>
      </div>
      <div className="card">
        <h2>{t('recs.evaluation')}</h2>
        <NotAvailable />
      </div>
    </section>
  );
}
