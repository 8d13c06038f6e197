/**
 * Who may talk to the bridge (docs/architecture.md): it listens on
 * 127.0.0.1 only, and every request must name it as its Host — a page on
 * evil.example that rebinds its DNS to 127.0.0.1 still sends `Host: evil.example`
 * — and every WebSocket must come from an allowed Origin, which a browser sets
 * and a page cannot forge. Exact string comparison: no patterns, no suffixes.
 */
export interface OriginGuard {
  hostAllowed(host: string | undefined): boolean;
  originAllowed(origin: string | undefined): boolean;
  readonly origins: readonly string[];
}

export function createOriginGuard(port: number, extraOrigins: readonly string[] = []): OriginGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...extraOrigins];
  const allowed = new Set(origins);
  return {
    hostAllowed: (host) => host !== undefined && hosts.has(host.toLowerCase()),
    originAllowed: (origin) => origin !== undefined && allowed.has(origin),
    origins,
  };
}
