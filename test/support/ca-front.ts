/**
 * An edge stand-in, named as such: an HTTPS server on loopback in front of the real
 * test CA. It passes every request on to the CA unchanged, except those a test
 * answers itself — what a foreign or faulty CA would say that the reference CA never
 * does (a 500 at the pending lookup, a PIN check that names no application, a plain
 * EST server's bare 401). Its certificate is an openssl-made self-signed one for
 * 127.0.0.1, which the client under test trusts (`caPem`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FrontAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface FrontRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
}

/**
 * Decides one request: answer it here (a FrontAnswer), or pass it on (undefined) —
 * optionally changing the CA's answer on its way back (`rewrite`).
 */
export interface FrontRules {
  answer?(request: FrontRequest): FrontAnswer | undefined;
  rewrite?(request: FrontRequest, answer: FrontAnswer): FrontAnswer;
  /**
   * A CA answering slowly: the answer's status line and headers at once, then its body
   * one byte every `byteEveryMs` (a connection that never falls idle, yet never ends).
   */
  slowly?(request: FrontRequest): { byteEveryMs: number } | undefined;
}

export interface CaFront {
  url: string;
  caPem: string;
  /** Every request that reached the front, in order. */
  seen: FrontRequest[];
  close(): Promise<void>;
}

export async function startCaFront(ca: { url: string; caCertificatePem: string }, rules: FrontRules): Promise<CaFront> {
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-front-'));
  let key: Buffer;
  let cert: string;
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    key = readFileSync(join(dir, 'key.pem'));
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const target = new URL(ca.url);
  const seen: FrontRequest[] = [];
  const server = createServer({ key, cert }, (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: FrontRequest = { method: incoming.method ?? 'GET', path: incoming.url ?? '/' };
      seen.push(request);
      const send = (answer: FrontAnswer) => {
        outgoing.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(answer.body.length), Connection: 'close' });
        const slow = rules.slowly?.(request);
        if (!slow) return outgoing.end(answer.body);
        outgoing.flushHeaders();
        let sent = 0;
        const drip = setInterval(() => {
          if (outgoing.destroyed || sent >= answer.body.length) {
            clearInterval(drip);
            if (!outgoing.destroyed) outgoing.end();
            return;
          }
          outgoing.write(answer.body.subarray(sent, sent + 1));
          sent += 1;
        }, slow.byteEveryMs);
        outgoing.on('close', () => clearInterval(drip));
      };
      const own = rules.answer?.(request);
      if (own) return send(own);
      const headers: IncomingHttpHeaders = { ...incoming.headers, host: target.host };
      const upstream = httpsRequest(
        { host: target.hostname, port: target.port, path: request.path, method: request.method, headers, ca: ca.caCertificatePem, agent: false },
        (reply) => {
          const body: Buffer[] = [];
          reply.on('data', (chunk: Buffer) => body.push(chunk));
          reply.on('end', () => {
            const passed: Record<string, string> = {};
            for (const [name, value] of Object.entries(reply.headers)) {
              if (value === undefined || ['content-length', 'connection', 'transfer-encoding', 'keep-alive'].includes(name)) continue;
              passed[name] = Array.isArray(value) ? value.join(', ') : value;
            }
            const answer = { status: reply.statusCode ?? 502, headers: passed, body: Buffer.concat(body) };
            send(rules.rewrite ? rules.rewrite(request, answer) : answer);
          });
        },
      );
      upstream.on('error', () => send({ status: 502, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('front: CA unreachable') }));
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: cert,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON answer as the front's own. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): FrontAnswer {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) };
}
