/**
 * The CA's HTTPS listener, made here (Fastify's serverFactory) so every knob that
 * protects it sits in one place:
 * - the TLS policy (tls-policy.ts) and a *requested, not required* client certificate
 *   (simplereenroll's proof of the current certificate, chain-checked against this CA
 *   by OpenSSL; reenrollment.ts decides what a missing or failed one means);
 * - time limits: the whole request must arrive within requestTimeout, its headers
 *   within headersTimeout, a TLS handshake within headersTimeout too, and an idle
 *   keep-alive connection closes after keepAliveTimeout; Node checks them every
 *   connectionsCheckingInterval, derived from the limits so short test limits bite fast;
 * - a connection cap (maxConnections: more are closed on accept);
 * - canonical header names on every answer (canonical-header-names.ts);
 * - an `Expect:` other than 100-continue answered with the catalogue's 417, not Node's bare one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { CaConfig } from '../config.js';
import type { ServerTls } from '../pki/server-tls.js';
import { serverErrors } from '../server-error.js';
import { CanonicalHeaderResponse } from './canonical-header-names.js';
import { errorAnswer } from './error-replies.js';
import { serverTlsPolicy } from './tls-policy.js';

/** The benchmark holds 32 keep-alive connections open between its rounds. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface CaHttpsServerOptions {
  tls: ServerTls;
  /** PEM of the CA whose certificates may authenticate a client (simplereenroll). */
  clientCa: string;
  limits: CaConfig['http'];
}

export function createCaHttpsServer(handler: (request: IncomingMessage, response: ServerResponse) => void, options: CaHttpsServerOptions): Server {
  const { limits } = options;
  const server = createServer(
    {
      key: options.tls.key,
      cert: options.tls.cert,
      passphrase: options.tls.passphrase,
      ...serverTlsPolicy,
      requestCert: true,
      rejectUnauthorized: false,
      ca: options.clientCa,
      handshakeTimeout: limits.headersTimeoutMs,
      ServerResponse: CanonicalHeaderResponse,
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4))),
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const answer = errorAnswer(serverErrors.expectationFailed(), false);
    const body = Buffer.from(answer.body, 'utf8');
    response.writeHead(answer.status, { ...answer.headers, 'Content-Length': body.length, Connection: 'close' });
    response.end(body);
  });
  return server;
}
