/**
 * The one Content-Security-Policy of the renderer, for Electron (response header
 * via session.webRequest) and the bridge (HTTP header): only our own files, no
 * inline script or style, no eval, no plug-ins, no framing, no forms, no remote
 * content. `connect` lists where the page may open a socket (the bridge's own
 * ws:// origin; nothing in Electron, which talks over IPC).
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'self'",
  ].join('; ');
}
