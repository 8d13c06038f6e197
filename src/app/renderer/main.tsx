/** The renderer's entry: find the API (Electron preload or the bridge), wire the stores, draw the app. */
import { StrictMode } from 'react';
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
const { api, ready } = openApi();
void connectStores(api, ready);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
