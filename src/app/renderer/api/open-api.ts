/**
 * The renderer's one way to the core: Electron's preload puts the TokenDeskApi on
 * `window.tokendesk`; in a browser (the bridge's build) the same API is the
 * WebSocket client from src/api, on this page's own origin. Screens never know which.
 *
 * The WebSocket client checks every frame with the API's schemas (zod, a quarter of
 * the page's weight), which the first screen does not need to be drawn: it is a chunk
 * of its own, fetched after that screen is painted. The launch secret is taken out of
 * the address bar at once all the same (by the first frame, first-frame/draw-first-frame.ts; kept
 * for reloads after the paint).
 */
import type { TokenDeskApi } from '../../../api/index.js';
import { afterFirstPaint } from '../first-frame/after-first-paint.js';
import { keepLaunchSecret, stripLaunchSecret } from './launch-secret.js';

/** Resolves to the API when calls can be made; rejects when the bridge refused the connection or its client could not be fetched. */
export function openApi(
  scope: { tokendesk?: TokenDeskApi } = globalThis as { tokendesk?: TokenDeskApi },
  given: string | undefined = stripLaunchSecret(),
): Promise<TokenDeskApi> {
  if (scope.tokendesk) return Promise.resolve(scope.tokendesk);
  return afterFirstPaint().then(async () => {
    const secret = keepLaunchSecret(given);
    const { connectTokenDesk } = await import('../../../api/ws-client.js');
    const client = connectTokenDesk(secret === undefined ? {} : { secret });
    await client.ready;
    return client.api;
  });
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
