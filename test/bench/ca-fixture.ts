/**
 * The reference CA for the benches: a temp data dir made by `initCa` (the code
 * `tokendesk ca init` runs), served in this process by the same Fastify app
 * `startCaServer` builds — built here so the bench can time the CA's side of each
 * request on the same clock (the Node server's 'request' → response 'finish').
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCaContext, openCaContext, type CaContext } from '../../src/server/ca-context.js';
import { initCa } from '../../src/server/ca-init.js';
import type { CaConfig } from '../../src/server/config.js';
import { buildCaHttpApp } from '../../src/server/http/ca-http-app.js';
import { loadServerTls } from '../../src/server/pki/server-tls.js';
import { freePort } from '../support/ca-server.js';

export interface BenchCa {
  dataDir: string;
  url: string;
  caPem: string;
  /** Only when served in this process. */
  ctx?: CaContext;
  /** Milliseconds the server spent on requests since the last reset (in-process only). */
  serverMs(): number;
  resetServerMs(): void;
  stop(): Promise<void>;
}

export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 } as const;

/** Makes a CA data dir (without serving it). */
export async function initBenchCa(settings: Partial<CaConfig> = {}): Promise<{ root: string; dataDir: string; url: string; caPem: string; port: number }> {
  const root = await mkdtemp(join(tmpdir(), 'tokendesk-bench-ca-'));
  const dataDir = join(root, 'ca');
  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  const init = await initCa(dataDir, { publicUrl: url, port, host: '127.0.0.1', logLevel: 'silent', scrypt: CHEAP_SCRYPT, ...settings });
  return { root, dataDir, url, caPem: init.caCertificatePem, port };
}

/** A CA served in this process, timing its own work per request. */
export async function startBenchCa(settings: Partial<CaConfig> = {}): Promise<BenchCa> {
  const { root, dataDir, url, caPem, port } = await initBenchCa(settings);
  const ctx = await openCaContext(dataDir, { ...process.env, TOKENDESK_CA_DATA: dataDir });
  const app = await buildCaHttpApp(ctx, { tls: await loadServerTls(dataDir, ctx.master), logger: false });
  let busy = 0;
  // Fastify's own 'request' listener was added first: this one runs right after it, same tick.
  app.server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    const t0 = performance.now();
    response.once('finish', () => (busy += performance.now() - t0));
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    dataDir,
    url,
    caPem,
    ctx,
    serverMs: () => busy,
    resetServerMs: () => {
      busy = 0;
    },
    async stop() {
      await app.close();
      await closeCaContext(ctx);
      await rm(root, { recursive: true, force: true });
    },
  };
}
