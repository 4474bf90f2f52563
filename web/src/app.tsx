import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getKey, setKey, setUnauthorizedHandler } from './api';
import { LanguageSwitch } from './components/language-switch';
import { Loading } from './components/states';
import { SignIn } from './pages/sign-in';
import { navigate, usePath } from './router';

// One chunk per page: the first paint needs only the shell and the page being opened.
const Overview = lazy(() => import('./pages/overview'));
const Customers = lazy(() => import('./pages/customers'));
const CustomerProfile = lazy(() => import('./pages/customer-profile'));
const Segments = lazy(() => import('./pages/segments'));
const Models = lazy(() => import('./pages/models'));
const Recommendations = lazy(() => import('./pages/recommendations'));
const Data = lazy(() => import('./pages/data'));

const NAV = [
  { path: '/', key: 'nav.overview' },
  { path: '/customers', key: 'nav.customers' },
  { path: '/segments', key: 'nav.segments' },
  { path: '/models', key: 'nav.models' },
  { path: '/recommendations', key: 'nav.recommendations' },
  { path: '/data', key: 'nav.data' },
] as const;

function page(path: string) {
  if (path.startsWith('/customers/')) return <CustomerProfile userId={decodeURIComponent(path.slice(11))} />;
  switch (path) {
    case '/customers':
      return <Customers />;
    case '/segments':
      return <Segments />;
    case '/models':
      return <Models />;
    case '/recommendations':
      return <Recommendations />;
    case '/data':
      return <Data />;
    default:
      return <Overview />;
  }
}

export function App() {
  const { t, i18n } = useTranslation();
  const [signedIn, setSignedIn] = useState(() => getKey() !== null);
  const path = usePath();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setKey(null);
      setSignedIn(false);
    });
  }, []);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const active = (p: string) => (p === '/' ? path === '/' : path.startsWith(p));
  return (
    <div className="shell">
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          {NAV.map((n) => (
            <a
              key={n.path}
              href={n.path}
              className={active(n.path) ? 'active' : ''}
              aria-current={active(n.path) ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(n.path);
              }}
            >
              {t(n.key)}
            </a>
          ))}
        </nav>
        <LanguageSwitch />
        <button
          type="button"
          className="link"
          onClick={() => {
            setKey(null);
            setSignedIn(false);
          }}
        >
          {t('nav.signOut')}
        </button>
      </header>
      <main>
        <Suspense fallback={<Loading />}>{page(path)}</Suspense>
      </main>
    </div>
  );
}
