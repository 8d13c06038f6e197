/**
 * The portal API's transport: a WebSocket at ws://127.0.0.1:PORT/ and nothing
 * else. Thin: who may connect is decided here (Host names this server — DNS
 * rebinding; an Origin is present and servable — origin-rules.ts), everything
 * after that by portal-connection.ts. A bad frame ends its connection only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createOriginGuard } from '../bridge/origin-guard.js';
import { endOnProtocolError, endRawOnError } from '../bridge/socket-errors.js';
import { printable } from '../core/printable.js';
import { sendOrEnd } from '../bridge/socket-limits.js';
import { isServableOrigin } from './origin-rules.js';
import { openPortalConnection, type PortalContext } from './portal-connection.js';
import { PORTAL_MAX_FRAME_BYTES } from './portal-protocol.js';

export interface PortalServer {
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function listenPortal(port: number, context: PortalContext, log: (line: string) => void): Promise<PortalServer> {
  let hostAllowed = createOriginGuard(port).hostAllowed;
  const refuse = (request: IncomingMessage, why: string) => log(`refused ${why}: host=${printable(request.headers.host)} origin=${printable(request.headers.origin)}`);

  const server: Server = createServer((request, response) => {
    const status = hostAllowed(request.headers.host) ? 426 : 403;
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    response.end(status === 426 ? 'TokenDesk device module: WebSocket only (tokendesk-portal/1)' : 'Forbidden');
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  const sockets = new WebSocketServer({ noServer: true, maxPayload: PORTAL_MAX_FRAME_BYTES });
  sockets.on('error', () => undefined);
  server.on('upgrade', (request, socket, head) => {
    endRawOnError(socket);
    const origin = request.headers.origin;
    const path = (request.url ?? '').split('?')[0];
    const why = path !== '/' ? 'path' : !hostAllowed(request.headers.host) ? 'host' : origin === undefined ? 'no origin' : !isServableOrigin(origin) ? 'origin' : undefined;
    if (why || origin === undefined) {
      refuse(request, why ?? 'origin');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      endOnProtocolError(ws, log);
      const connection = openPortalConnection(
        origin,
        (message) => sendOrEnd(ws, JSON.stringify(message), log),
        (code, reason) => ws.close(code, reason),
        context,
      );
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1008, 'text frames only');
        connection.receive(data.toString());
      });
      ws.on('close', () => connection.closed());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  hostAllowed = createOriginGuard(bound).hostAllowed;
  return {
    port: bound,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
