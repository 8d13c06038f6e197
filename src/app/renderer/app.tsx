import { MessageBox } from './components/message-box.js';
import { Busy } from './components/busy.js';
import type { StringKey } from './i18n/strings.js';
import { useT } from './i18n/use-t.js';
import { CardScreen } from './screens/card/card-screen.js';
import { DeviceScreen } from './screens/device/device-screen.js';
import { HelpdeskScreen } from './screens/helpdesk/helpdesk-screen.js';
import { PortalPromptDialog } from './screens/portal/portal-prompt-dialog.js';
import { SettingsScreen } from './screens/settings/settings-screen.js';
import { StorageScreen } from './screens/storage/storage-screen.js';
import { useConnection } from './store/connection-store.js';
import { SCREENS, useUi, type Screen } from './store/ui-store.js';
import { useWizard } from './store/wizard-store.js';

const NAV_WORDS: Record<Screen, StringKey> = {
  storage: 'navStorage',
  device: 'navDevice',
  helpdesk: 'navHelpdesk',
  card: 'navCard',
  settings: 'navSettings',
};

/** The window: title, the task switcher, the language switch, and the chosen screen. */
export function App() {
  const t = useT();
  const { language, screen, setLanguage, setScreen } = useUi();
  const status = useConnection((state) => state.status);
  const callError = useWizard((state) => state.callError);
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>{t('appTitle')}</h1>
          <p className="subtitle">{t('appSubtitle')}</p>
        </div>
        <div className="language">
          <label htmlFor="language-switch">{t('language')}</label>
          <select id="language-switch" value={language} onChange={(event) => setLanguage(event.target.value === 'en' ? 'en' : 'ja')}>
            <option value="ja" lang="ja">
              日本語
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </div>
      </header>
      <nav className="app-nav" aria-label={t('navLabel')}>
        <ul>
          {SCREENS.map((name) => (
            <li key={name}>
              <button type="button" className="nav-button" aria-current={name === screen ? 'page' : undefined} onClick={() => setScreen(name)} data-screen={name}>
                {t(NAV_WORDS[name])}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main">
        {status === 'connecting' ? <Busy text={t('connecting')} /> : null}
        {status === 'failed' ? (
          <div role="alert" className="message message-error">
            <p className="message-text">{t('disconnected')}</p>
            <button type="button" className="primary" onClick={() => location.reload()}>
              {t('reload')}
            </button>
          </div>
        ) : null}
        {status === 'ready' ? <CurrentScreen screen={screen} /> : null}
        {status === 'ready' ? <PortalPromptDialog /> : null}
        {status !== 'ready' && callError ? <MessageBox message={callError} /> : null}
      </main>
    </div>
  );
}

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'storage':
      return <StorageScreen />;
    case 'device':
      return <DeviceScreen />;
    case 'helpdesk':
      return <HelpdeskScreen />;
    case 'card':
      return <CardScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
