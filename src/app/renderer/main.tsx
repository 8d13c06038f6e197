/** The renderer's entry: find the API (Electron preload or the bridge), wire the stores, draw the app. */
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { connectStores } from './api/connect-stores.js';
import { openApi } from './api/open-api.js';
import { screenFromHash, useUi } from './store/ui-store.js';

document.documentElement.lang = useUi.getState().language;
// The desktop app's tray opens a screen by changing the fragment (#device).
window.addEventListener('hashchange', () => {
  const screen = screenFromHash(location.hash);
  if (screen) useUi.getState().setScreen(screen);
});

const root = document.getElementById('root');
if (root) {
  // The first screen is committed now, in this task, so the browser's first paint shows
  // it; the API is opened after (open-api.ts: its client is fetched after that paint).
  const reactRoot = createRoot(root);
  flushSync(() =>
    reactRoot.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
void connectStores(openApi());
