/**
 * The bridge: the renderer and TokenDeskApi for a browser, on 127.0.0.1 only
 * (docs/architecture.md). HTTP serves the built renderer; WS_PATH carries the
 * API. Host is checked on every request and Host + Origin on every WebSocket
 * (origin-guard.ts) — but a local process can forge both, so the WebSocket also
 * needs this launch's secret (launch-secret.ts), which only the URL printed to
 * the user carries. Thin: every call goes to the core service through dispatch.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { LAUNCH_SECRET_PARAM, WS_MAX_FRAME_BYTES, WS_PATH } from '../api/index.js';
import { rendererPagePolicy } from '../app/main/content-security-policy.js';
import { pageInLanguage } from '../app/main/page-language.js';
import { printable } from '../core/printable.js';
import { createTokenDeskService, type TokenDeskService, type TokenDeskServiceOptions } from '../core/service/index.js';
import { createPortalDesk, startDeviceModule, type PortalDeskOptions, type RunningDeviceModule } from '../device-module/index.js';
import { createOriginGuard } from './origin-guard.js';
import { DEFAULT_RENDERER_DIR, securityHeaders, serveStatic } from './static-files.js';
import { createLaunchSecret, secretMatches } from './launch-secret.js';
import { endRawOnError } from './socket-errors.js';
import { attachConnection } from './ws-connection.js';

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
  /**
   * Also host the device module (the portal API for CA web pages), its prompts
   * shown in this bridge's page. Needs `serviceOptions` (the service is made with
   * the module's desk). Port default 47211; 0: any free port.
   */
  deviceModule?: Omit<PortalDeskOptions, 'now'> & { port?: number; presenceIntervalMs?: number };
  /** One line per event worth keeping (refusals, calls by channel name); never a request body nor the secret. */
  log?: (line: string) => void;
}

export interface RunningBridge {
  /** http://127.0.0.1:PORT/#secret=… — what the person who launched TokenDesk opens; it carries the secret. */
  url: string;
  /** ws://127.0.0.1:PORT/api — refused without `?secret=` (see `secret`). */
  wsUrl: string;
  /** This launch's secret: only TokenDesk's own page and the launching user have it. */
  secret: string;
  port: number;
  /** What the socket is really bound to (server.address()): 127.0.0.1, never a wildcard. */
  boundAddress: AddressInfo;
  service: TokenDeskService;
  /** The device module, when `deviceModule` was asked for. */
  deviceModule?: RunningDeviceModule;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startBridge(options: BridgeOptions = {}): Promise<RunningBridge> {
  const log = options.log ?? (() => undefined);
  const secret = createLaunchSecret();
  const ownsService = !options.service;
  if (options.deviceModule && options.service) throw new Error('deviceModule needs serviceOptions: the service is made with its desk');
  const desk = options.deviceModule ? createPortalDesk(options.deviceModule) : undefined;
  const service = options.service ?? (await createTokenDeskService({ ...options.serviceOptions, ...(desk ? { portalDesk: desk } : {}) }));
  let deviceModule: RunningDeviceModule | undefined;
  if (desk) {
    try {
      deviceModule = await startDeviceModule({
        desk,
        modulePath: async () => service.currentSettings().modulePath,
        ...(options.deviceModule?.port !== undefined ? { port: options.deviceModule.port } : {}),
        ...(options.deviceModule?.presenceIntervalMs !== undefined ? { presenceIntervalMs: options.deviceModule.presenceIntervalMs } : {}),
        log: (line) => log(`device module: ${line}`),
      });
    } catch (error) {
      await service.close();
      throw error;
    }
  }
  const rendererDir = options.rendererDir === false ? undefined : (options.rendererDir ?? DEFAULT_RENDERER_DIR);
  // Port and guard are known only once listening; no request can arrive before.
  let guard = createOriginGuard(options.port ?? 0, options.extraOrigins);
  let headers: Record<string, string> = {};

  const refuse = (request: IncomingMessage, why: string) => log(`refused ${why}: host=${printable(request.headers.host)} origin=${printable(request.headers.origin)}`);

  const server: Server = createServer((request, response) => {
    if (!guard.hostAllowed(request.headers.host)) {
      refuse(request, 'http host');
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void response.end('Forbidden: TokenDesk answers only http://127.0.0.1 and http://localhost');
    }
    // The page is served in the window's language (the settings'), for its first frame to show STEP1 in.
    const page = (html: string) => pageInLanguage(html, service.currentSettings().language);
    serveStatic(rendererDir, request, response, headers, page).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES });
  // A malformed request line or header ends that client only (Node answers 400 when it still can).
  server.on('clientError', (_error, socket) => socket.destroy());
  sockets.on('error', () => undefined);
  server.on('upgrade', (request, socket, head) => {
    endRawOnError(socket);
    const target = parseTarget(request.url);
    const hostOk = guard.hostAllowed(request.headers.host);
    const originOk = guard.originAllowed(request.headers.origin);
    const why =
      target?.pathname !== WS_PATH ? 'ws path' : !hostOk ? 'ws host' : !originOk ? 'ws origin' : !secretMatches(secret, target.searchParams.get(LAUNCH_SECRET_PARAM)) ? 'ws secret' : undefined;
    if (why) {
      refuse(request, why);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachConnection(ws, service, log));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // The page's port is taken: nothing started here may outlive the failed start.
    await deviceModule?.close();
    if (ownsService) await service.close();
    throw error;
  }
  const boundAddress = server.address() as AddressInfo;
  const port = boundAddress.port;
  guard = createOriginGuard(port, options.extraOrigins);
  headers = securityHeaders(await rendererPagePolicy(rendererDir, [`ws://${LOOPBACK}:${port}`, `ws://localhost:${port}`]));

  return {
    url: `http://${LOOPBACK}:${port}/#${LAUNCH_SECRET_PARAM}=${secret}`,
    wsUrl: `ws://${LOOPBACK}:${port}${WS_PATH}`,
    secret,
    port,
    boundAddress,
    service,
    ...(deviceModule ? { deviceModule } : {}),
    async close() {
      await deviceModule?.close();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsService) await service.close();
    },
  };
}

function parseTarget(url: string | undefined): URL | undefined {
  try {
    return new URL(url ?? '/', 'http://bridge');
  } catch {
    return undefined;
  }
}

