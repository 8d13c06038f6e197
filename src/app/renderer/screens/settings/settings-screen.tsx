import { useEffect, useState, type FormEvent } from 'react';
import type { Settings, SettingsView } from '../../../../api/index.js';
import { desktopPreferences } from '../../../../core/desktop/index.js';
import { Busy } from '../../components/busy.js';
import { MessageBox } from '../../components/message-box.js';
import { useCall } from '../../components/use-call.js';
import type { StringKey } from '../../i18n/strings.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { useUi } from '../../store/ui-store.js';
import { desktopPlatform } from '../../api/open-api.js';
import { PortalGrants } from './portal-grants.js';

const OTHER = '';
const AUTO = 'auto';

const SOURCE_WORDS: Record<NonNullable<SettingsView['module']>['source'], StringKey> = {
  argument: 'pkcs11FromSettings',
  environment: 'pkcs11FromEnvironment',
  detected: 'pkcs11Detected',
};

/**
 * The PKCS#11 library (auto-detected, one of those found, or a path), the CA's URL
 * and trust. The language is the window's own switch (one switch, not two); it is
 * saved with the rest. Nothing here is secret; the core validates and persists it.
 */
export function SettingsScreen() {
  const t = useT();
  const language = useUi((state) => state.language);
  const loaded = useCall<SettingsView>();
  const saved = useCall<SettingsView>();
  const [draft, setDraft] = useState<Settings | undefined>();
  const [savedOnce, setSavedOnce] = useState(false);
  // "Use another library" is a choice of its own, even before a path is typed.
  const [useOther, setUseOther] = useState<boolean | undefined>();

  useEffect(() => {
    void loaded.run(() => requireApi().getSettings({}));
  }, [loaded.run]);
  useEffect(() => {
    if (loaded.value && !draft) setDraft(loaded.value.settings);
  }, [loaded.value, draft]);

  const view = saved.value ?? loaded.value;
  if (!view || !draft) {
    return (
      <section className="screen" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('settingsTitle')}</h2>
        {loaded.error ? <MessageBox message={loaded.error} /> : <Busy text={t('connecting')} />}
      </section>
    );
  }

  const detectedPaths = view.detectedModules.map((module) => module.path);
  const overriding = draft.modulePath !== undefined && !detectedPaths.includes(draft.modulePath);
  // The radio checked is what the line above it says is in use: auto-detect when no path is set.
  const choice = (useOther ?? overriding) ? OTHER : (draft.modulePath ?? AUTO);
  const update = (patch: Partial<Settings>) => setDraft((now) => (now ? strip({ ...now, ...patch }) : now));
  // Tray and login item exist only in the desktop app, not in the browser build.
  const platform = desktopPlatform();
  const desktop = platform ? desktopPreferences(draft, platform) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSavedOnce(false);
    await saved.run(() => requireApi().saveSettings({ ...draft, language }));
    setSavedOnce(true);
  };

  return (
    <section className="screen" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsTitle')}</h2>
      <form onSubmit={(event) => void submit(event)} className="settings-form">
        <fieldset>
          <legend>{t('pkcs11Library')}</legend>
          {view.module ? (
            <p className="hint">
              {view.module.vendor}: <code>{view.module.path}</code> ({t(SOURCE_WORDS[view.module.source])})
            </p>
          ) : null}
          <div className="radio">
            <input
              type="radio"
              id="module-auto"
              name="module"
              checked={choice === AUTO}
              onChange={() => {
                setUseOther(false);
                update({ modulePath: undefined });
              }}
            />
            <label htmlFor="module-auto">{t('pkcs11Detected')}</label>
          </div>
          {view.detectedModules.map((module) => (
            <div className="radio" key={module.path}>
              <input
                type="radio"
                id={`module-${module.path}`}
                name="module"
                checked={choice === module.path}
                onChange={() => {
                  setUseOther(false);
                  update({ modulePath: module.path });
                }}
              />
              <label htmlFor={`module-${module.path}`}>
                {module.vendor} — <code>{module.path}</code>
              </label>
            </div>
          ))}
          <div className="radio">
            <input type="radio" id="module-other" name="module" checked={choice === OTHER} onChange={() => setUseOther(true)} />
            <label htmlFor="module-other">{t('pkcs11Override')}</label>
          </div>
          {choice === OTHER ? (
            <div className="field">
              <label htmlFor="module-path">{t('pkcs11Path')}</label>
              <input id="module-path" type="text" value={draft.modulePath ?? ''} onChange={(event) => update({ modulePath: event.target.value })} />
            </div>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t('caSection')}</legend>
          <div className="field">
            <label htmlFor="ca-url">{t('caUrl')}</label>
            <input id="ca-url" type="url" value={draft.caUrl ?? ''} placeholder="https://" onChange={(event) => update({ caUrl: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="ca-trust">{t('caTrust')}</label>
            <input id="ca-trust" type="text" value={draft.caTrustPath ?? ''} aria-describedby="ca-trust-hint" onChange={(event) => update({ caTrustPath: event.target.value })} />
            <p id="ca-trust-hint" className="hint">
              {t('caTrustHint')}
            </p>
          </div>
        </fieldset>
        {desktop ? (
          <fieldset>
            <legend>{t('desktopSection')}</legend>
            <div className="checkbox">
              <input type="checkbox" id="keep-in-tray" checked={desktop.keepInTray} aria-describedby="keep-in-tray-hint" onChange={(event) => update({ keepInTray: event.target.checked })} />
              <label htmlFor="keep-in-tray">{t('keepInTray')}</label>
              <p id="keep-in-tray-hint" className="hint">
                {t('keepInTrayHint')}
              </p>
            </div>
            {platform === 'win32' || platform === 'darwin' ? (
              <div className="checkbox">
                <input type="checkbox" id="start-at-login" checked={desktop.startAtLogin} onChange={(event) => update({ startAtLogin: event.target.checked })} />
                <label htmlFor="start-at-login">{t('startAtLogin')}</label>
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={saved.running}>
            {t('settingsSave')}
          </button>
          <span role="status">{savedOnce && !saved.error ? t('settingsSaved') : ''}</span>
        </div>
      </form>
      {saved.error ? <MessageBox message={saved.error} /> : null}
      <PortalGrants />
    </section>
  );
}

/** Empty text fields mean "not set" (auto-detect, system trust), not an empty path or URL. */
function strip(settings: Settings): Settings {
  const result: Settings = { ...settings };
  for (const key of ['modulePath', 'caUrl', 'caTrustPath'] as const) {
    if (result[key] === '') delete result[key];
  }
  return result;
}
