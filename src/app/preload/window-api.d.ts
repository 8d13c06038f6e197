/** The renderer's view of the preload: `window.tokendesk` (absent in the browser build, which uses the WebSocket client). */
import type { TokenDeskApi } from '../../api/index.js';

declare global {
  interface Window {
    tokendesk?: TokenDeskApi;
  }
}

export {};
