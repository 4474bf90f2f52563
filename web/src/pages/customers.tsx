import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qs } from '../api';
import { Empty, Load } from '../components/states';
import { fmtDate } from '../format';
import { navigate } from '../router';
import { useApi } from '../use-api';

export interface UserView {
  userId: string;
  traits: Record<string, unknown>;
  pii?: Record<string, unknown>;
  consent?: Record<string, boolean>;
  createdAt: string;
  updatedAt: string;
}

const PAGE = 25;

/** Searchable, paged customer list: a userId prefix, or an exact email (matched through its lookup hash). */
export default function Customers() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  // Cursor stack: the API pages forward only, so going back re-reads a remembered cursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const isEmail = search.includes('@');
  const path = `/api/users${qs({
    limit: PAGE,
    cursor,
    prefix: isEmail ? undefined : search,
    email: isEmail ? search : undefined,
  })}`;
  const users = useApi<{ users: UserView[]; next: string | null }>(path);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch(query.trim());
    setCursors([null]);
  };

  return (
    <section aria-labelledby="customers-title">
      <div className="page-head">
        <h1 id="customers-title">{t('customers.title')}</h1>
        <search>
          <form className="search" onSubmit={submit}>
            <input
              type="search"
              aria-label={t('customers.searchLabel')}
              placeholder={t('customers.searchPlaceholder')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <button type="submit">{t('customers.search')}</button>
          </form>
        </search>
      </div>
      <div className="card">
        <Load state={users}>
          {(page) =>
            page.users.length === 0 ? (
              <Empty title={search ? t('customers.noMatch') : t('customers.emptyTitle')}>
                {search ? null : t('customers.emptyHint')}
              </Empty>
            ) : (
              <>
                <table>
                  <thead>
                    <tr>
                      <th>{t('customers.userId')}</th>
                      <th>{t('customers.country')}</th>
                      <th>{t('customers.language')}</th>
                      <th>{t('customers.since')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.users.map((u) => (
                      <tr key={u.userId}>
                        <td>
                          <a
                            href={`/customers/${encodeURIComponent(u.userId)}`}
                            onClick={(e) => {
                              e.preventDefault();
                              navigate(`/customers/${encodeURIComponent(u.userId)}`);
                            }}
                          >
                            {u.userId}
                          </a>
                        </td>
                        <td>{String(u.traits.country ?? '—')}</td>
                        <td>{String(u.traits.language ?? '—')}</td>
                        <td>{fmtDate(String(u.traits.created_at ?? u.createdAt))}</td>
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
                  <button
                    type="button"
                    disabled={!page.next}
                    onClick={() => setCursors((c) => [...c, page.next])}
                  >
                    {t('common.next')}
                  </button>
                </div>
              </>
            )
          }
        </Load>
      </div>
    </section>
  );
}
