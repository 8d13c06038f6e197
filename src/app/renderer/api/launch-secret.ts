/**
 * The bridge's launch secret, as the browser build receives it: in the fragment
 * of the URL the bridge printed (`#secret=…`). It is taken out of the address bar
 * at once (history.replaceState), so it is not shown, bookmarked or shared with
 * the screen, and kept in this tab's sessionStorage so a reload still connects.
 * sessionStorage is this origin's and this tab's only — another local process
 * cannot read it.
 */
import { LAUNCH_SECRET_PARAM } from '../../../api/ws-address.js';

const STORAGE_KEY = 'tokendesk.launchSecret';

export interface SecretScope {
  location: Pick<Location, 'hash' | 'search' | 'pathname'>;
  history: Pick<History, 'replaceState'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The secret the URL carries, taken out of the address bar; touches nothing but the URL, so it can run before the first paint. */
export function stripLaunchSecret(scope: Pick<SecretScope, 'location' | 'history'> = globalThis as unknown as SecretScope): string | undefined {
  const fromFragment = new URLSearchParams(scope.location.hash.replace(/^#/, '')).get(LAUNCH_SECRET_PARAM);
  const fromQuery = new URLSearchParams(scope.location.search).get(LAUNCH_SECRET_PARAM);
  const given = fromFragment ?? fromQuery;
  if (!given) return undefined;
  const rest = new URLSearchParams(scope.location.search);
  rest.delete(LAUNCH_SECRET_PARAM);
  const search = rest.toString();
  scope.history.replaceState(null, '', `${scope.location.pathname}${search ? `?${search}` : ''}`);
  return given;
}

/**
 * The secret kept for this tab's reloads, or, with none given, the one kept before.
 * A page's first use of sessionStorage waits for the browser process, so the renderer
 * does this after its first paint.
 */
export function keepLaunchSecret(given: string | undefined, scope: Pick<SecretScope, 'sessionStorage'> = globalThis as unknown as SecretScope): string | undefined {
  if (given) {
    try {
      scope.sessionStorage.setItem(STORAGE_KEY, given);
    } catch {
      // Storage off (private mode): this load still connects; a reload needs the printed URL again.
    }
    return given;
  }
  try {
    return scope.sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
