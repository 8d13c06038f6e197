/**
 * The renderer's one way to the core: Electron's preload puts the TokenDeskApi on
 * `window.tokendesk`; in a browser (the bridge's build) the same API is the
 * WebSocket client from src/api, on this page's own origin. Screens never know which.
 */
import { connectTokenDesk, type TokenDeskApi } from '../../../api/index.js';
import { takeLaunchSecret } from './launch-secret.js';

export interface OpenedApi {
  api: TokenDeskApi;
  /** Resolves when calls can be made; rejects when the bridge refused the connection. */
  ready: Promise<void>;
}

export function openApi(scope: { tokendesk?: TokenDeskApi } = globalThis as { tokendesk?: TokenDeskApi }): OpenedApi {
  if (scope.tokendesk) return { api: scope.tokendesk, ready: Promise.resolve() };
  const secret = takeLaunchSecret();
  const client = connectTokenDesk(secret === undefined ? {} : { secret });
  return { api: client.api, ready: client.ready };
}

/**
 * The operating system when the page runs in the desktop app (its preload is there),
 * else nothing: the tray and login-item settings mean nothing in a browser. Read from
 * the user agent, as the sandboxed page has no process.platform.
 */
export function desktopPlatform(
  scope: { tokendesk?: TokenDeskApi; navigator?: { userAgent: string } } = globalThis as { tokendesk?: TokenDeskApi; navigator?: { userAgent: string } },
): NodeJS.Platform | undefined {
  if (!scope.tokendesk) return undefined;
  const agent = scope.navigator?.userAgent ?? '';
  if (agent.includes('Windows')) return 'win32';
  if (agent.includes('Macintosh')) return 'darwin';
  return 'linux';
}
