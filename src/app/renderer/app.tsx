import { Busy } from './components/busy.js';
import { ConnectionLost } from './components/connection-lost.js';
import { MessageBox } from './components/message-box.js';
import { PartBoundary } from './components/part-boundary.js';
import type { StringKey } from './i18n/strings.js';
import { useT } from './i18n/use-t.js';
import { CardScreen, DeviceScreen, HelpdeskScreen, PortalPromptDialog, SettingsScreen } from './screens/later-parts.js';
import { StorageScreen } from './screens/storage/storage-screen.js';
import { useConnection } from './store/connection-store.js';
import { usePortal } from './store/portal-store.js';
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
  const prompted = usePortal((state) => state.prompts.length > 0);
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
        {status === 'failed' ? <ConnectionLost /> : <CurrentScreen screen={screen} connected={status === 'ready'} />}
        {status === 'ready' && prompted ? (
          <PartBoundary quiet>
            <PortalPromptDialog.Component />
          </PartBoundary>
        ) : null}
        {status !== 'ready' && callError ? <MessageBox message={callError} /> : null}
      </main>
    </div>
  );
}

/**
 * STEP1 is drawn at once, before the API answers: it needs nothing from the core to be
 * shown, only to act (its Next waits for the connection). Every other screen shows
 * what the core says, so it waits for the connection, then for its chunk.
 */
function CurrentScreen({ screen, connected }: { screen: Screen; connected: boolean }) {
  const t = useT();
  if (screen === 'storage') return <StorageScreen />;
  if (!connected) return <Busy text={t('connecting')} />;
  const Later = { device: DeviceScreen, helpdesk: HelpdeskScreen, card: CardScreen, settings: SettingsScreen }[screen].Component;
  return (
    <PartBoundary key={screen}>
      <Later />
    </PartBoundary>
  );
}
