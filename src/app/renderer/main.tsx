/**
 * The React app, loaded by the page's module (first-frame/boot.ts) once the first screen is
 * on the display: find the API (Electron preload or the bridge), wire the stores, and take
 * over the drawn window — hydrating the prerendered STEP1, or drawing afresh when the window
 * opened elsewhere (#device) and nothing was drawn.
 */
import { flushSync } from 'react-dom';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { appTree } from './app-tree.js';
import { connectStores } from './api/connect-stores.js';
import { openApi } from './api/open-api.js';
import type { EarlyChoices } from './first-frame/early-choices.js';
import { screenFromHash, useUi } from './store/ui-store.js';

export interface AppStart {
  /** The bridge's launch secret the first frame took out of the URL, if it carried one. */
  launchSecret: string | undefined;
  /** Whether the root holds the prerendered first screen as React would draw it now (else it is drawn afresh). */
  prerendered: boolean;
  /** What the user chose on the drawn screen before React was there. */
  early: EarlyChoices;
}

export function startApp({ launchSecret, prerendered, early }: AppStart): void {
  // The language the page was served in (the settings'): the first frame drew STEP1 in it.
  const served = useUi.getState().language;
  // The desktop app's tray opens a screen by changing the fragment (#device).
  window.addEventListener('hashchange', () => {
    const screen = screenFromHash(location.hash);
    if (screen) useUi.getState().setScreen(screen);
  });
  const root = document.getElementById('root');
  if (root && prerendered) {
    hydrateRoot(root, appTree());
  } else if (root) {
    // Nothing is drawn (or what is, is not what React starts from): commit now, in this
    // task, so the next paint shows the screen.
    root.replaceChildren();
    const reactRoot = createRoot(root);
    flushSync(() => reactRoot.render(appTree()));
  }
  // After the takeover, as state changes: hydration starts from the state the screen was drawn in.
  const ui = useUi.getState();
  if (early.language) ui.setLanguage(early.language);
  if (early.screen) ui.setScreen(early.screen);
  void connectStores(openApi(undefined, launchSecret), served);
}
