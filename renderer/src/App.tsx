import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from './nav';
import { ROUTES } from './views/routes';
import { useApi } from './api/hooks';
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
  const Current = ROUTES.find((r) => r.view === route.view)?.component ?? ROUTES[0].component;
  const active = route.view === 'case' ? 'cases' : route.view;
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand" onClick={() => go({ view: 'cases' })}>
          <span className="brand__mark" aria-hidden>◆</span>
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tag">{t('app.tagline')}</span>
        </div>
        <nav className="topnav">
          {ROUTES.filter((r) => r.nav).map((r) => (
            <button key={r.view} className={`topnav__item${active === r.view ? ' is-active' : ''}`} onClick={() => go({ view: r.view } as never)}>
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
