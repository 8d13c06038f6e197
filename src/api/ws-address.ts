/**
 * Where the page finds the bridge's API, without the schemas: the renderer reads the
 * launch secret from its URL before anything else, and must not pull zod into its
 * first screen to learn one parameter's name (ws-client.ts is loaded after it).
 */

/** Where the bridge serves the API. */
export const WS_PATH = '/api';

/**
 * The bridge's launch secret travels as `#secret=…` in the page URL the bridge
 * prints (a fragment is never sent to a server) and as `?secret=…` on the
 * WebSocket the page opens.
 */
export const LAUNCH_SECRET_PARAM = 'secret';
