/**
 * The bridge: the renderer and TokenDeskApi for a browser, on 127.0.0.1 only
 * (DESIGN.md "One picture"). HTTP serves the built renderer; WS_PATH carries the
 * API. Host is checked on every request and Host + Origin on every WebSocket
 * (origin-guard.ts). Thin: every call goes to the core service through dispatch.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WS_MAX_FRAME_BYTES, WS_PATH } from '../api/index.js';
import { contentSecurityPolicy } from '../app/main/content-security-policy.js';
import { createTokenDeskService, type TokenDeskService, type TokenDeskServiceOptions } from '../core/service/index.js';
import { createOriginGuard } from './origin-guard.js';
import { DEFAULT_RENDERER_DIR, securityHeaders, serveStatic } from './static-files.js';
import { attachSession } from './ws-session.js';

export interface BridgeOptions {
  /** A service to serve (the caller closes it); else one is made from `serviceOptions` and closed with the bridge. */
  service?: TokenDeskService;
  serviceOptions?: TokenDeskServiceOptions;
  /** Default 0: a free port. */
  port?: number;
  /** The built renderer; default dist/renderer; `false`: API only. */
  rendererDir?: string | false;
  /** More origins allowed to open the API, e.g. a Vite dev server (`http://127.0.0.1:5173`). */
  extraOrigins?: string[];
  /** One line per event worth keeping (refusals, calls by channel name); never a request body. */
  log?: (line: string) => void;
}

export interface RunningBridge {
  /** http://127.0.0.1:PORT/ — what a person opens. */
  url: string;
  /** ws://127.0.0.1:PORT/api */
  wsUrl: string;
  port: number;
  service: TokenDeskService;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startBridge(options: BridgeOptions = {}): Promise<RunningBridge> {
  const log = options.log ?? (() => undefined);
  const ownsService = !options.service;
  const service = options.service ?? (await createTokenDeskService(options.serviceOptions));
  const rendererDir = options.rendererDir === false ? undefined : (options.rendererDir ?? DEFAULT_RENDERER_DIR);
  // Port and guard are known only once listening; no request can arrive before.
  let guard = createOriginGuard(options.port ?? 0, options.extraOrigins);
  let headers: Record<string, string> = {};

  const refuse = (request: IncomingMessage, why: string) => log(`refused ${why}: host=${sanitize(request.headers.host)} origin=${sanitize(request.headers.origin)}`);

  const server: Server = createServer((request, response) => {
    if (!guard.hostAllowed(request.headers.host)) {
      refuse(request, 'http host');
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void response.end('Forbidden: TokenDesk answers only http://127.0.0.1 and http://localhost');
    }
    serveStatic(rendererDir, request, response, headers).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://bridge').pathname;
    const hostOk = guard.hostAllowed(request.headers.host);
    const originOk = guard.originAllowed(request.headers.origin);
    if (path !== WS_PATH || !hostOk || !originOk) {
      refuse(request, path !== WS_PATH ? 'ws path' : hostOk ? 'ws origin' : 'ws host');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachSession(ws, service, log));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  guard = createOriginGuard(port, options.extraOrigins);
  headers = securityHeaders(contentSecurityPolicy([`ws://${LOOPBACK}:${port}`, `ws://localhost:${port}`]));

  return {
    url: `http://${LOOPBACK}:${port}/`,
    wsUrl: `ws://${LOOPBACK}:${port}${WS_PATH}`,
    port,
    service,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsService) await service.close();
    },
  };
}

/** Headers are the caller's text: short and printable before they reach a log. */
function sanitize(value: string | undefined): string {
  return value === undefined ? '-' : value.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}
