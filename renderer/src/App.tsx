import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefOf, useNav } from './nav';
import { hashToRoute } from './routing';
import { ROUTES } from './views/routes';
import { useApi } from './api/hooks';
import { useLiveQueries } from './api/live';
import { FirstLaunchDialog } from './views/settings/FirstLaunchDialog';
import { IntegrityBanner } from './views/audit/IntegrityBanner';

export function App() {
  const { t } = useTranslation();
  const { route, go } = useNav();
  const profile = useApi('settings.profile', {});
  // Stays up after the profile is saved: its second step offers to create the agency key.
  const [firstLaunch, setFirstLaunch] = useState(false);
  useEffect(() => {
    if (profile.data && !profile.data.configured) setFirstLaunch(true);
  }, [profile.data]);
  useLiveQueries();
  const Current = ROUTES.find((r) => r.view === route.view)?.component ?? ROUTES[0].component;
  const active = route.view === 'case' ? 'cases' : route.view;
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={hrefOf({ view: 'cases' })} onClick={(e) => { e.preventDefault(); go({ view: 'cases' }); }}>
          <span className="brand__mark" aria-hidden>◆</span>
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tag">{t('app.tagline')}</span>
        </a>
        <nav className="topnav" aria-label={t('nav.label')}>
          {ROUTES.filter((r) => r.nav).map((r) => (
            <button key={r.view} className={`topnav__item${active === r.view ? ' is-active' : ''}`} aria-current={active === r.view ? 'page' : undefined} onClick={() => go(hashToRoute(`#/${r.view}`))}>
              {t(r.nav!)}
            </button>
          ))}
        </nav>
        <div className="topbar__profile">{profile.data?.configured ? t('profile.who', { ...profile.data }) : ''}</div>
      </header>
      <main className="content">
        <IntegrityBanner />
        <Current />
      </main>
      {firstLaunch && <FirstLaunchDialog onDone={() => setFirstLaunch(false)} />}
    </div>
  );
}
