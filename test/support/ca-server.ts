/**
 * A real reference CA for tests: a temp data dir, `ca init` (through the same code the
 * CLI runs), HTTPS on a free loopback port — in this process, or as a child process
 * running `tokendesk ca serve` — plus the operator's helpers (add an application and
 * get its mail's numbers, approve, new PIN, revoke, status). stop() removes it all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeCaContext, openCaContext, type CaContext } from '../../src/server/ca-context.js';
import { initCa } from '../../src/server/ca-init.js';
import { startCaServer, type RunningCaServer } from '../../src/server/ca-server.js';
import type { CaConfig } from '../../src/server/config.js';
import {
  addApplication,
  applicationStatus,
  approveApplication,
  issueNewPin,
  revokeCertificate,
  type ApplicationInput,
  type ApplicationStatus,
  type StoragePinNotice,
} from '../../src/server/operator.js';
import { freePort } from './free-port.js';

export { freePort };

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface TestCaOptions {
  /** 'child' spawns `tokendesk ca serve` (tsx on the source); default in-process. */
  mode?: 'in-process' | 'child';
  estOnly?: boolean;
  /** Extra settings for config.json (pinAttemptLimit, rateLimit, …). */
  settings?: Partial<CaConfig>;
}

export interface TestCa {
  dataDir: string;
  url: string;
  port: number;
  caCertificatePem: string;
  addApplication(input?: Partial<ApplicationInput>): Promise<StoragePinNotice>;
  approve(applicationNo: string): Promise<ApplicationStatus>;
  newPin(applicationNo: string): Promise<StoragePinNotice>;
  revoke(certificateSerial: string, reason?: number): Promise<{ serial: string }>;
  status(applicationNo: string): Promise<ApplicationStatus>;
  /** Runs `tokendesk ca …` against this CA's data dir; answers stdout. */
  cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

export function runTokendesk(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export const defaultApplication: ApplicationInput = {
  kind: 'new',
  contractNo: '1234567890123',
  name: 'Souken Tarou',
  company: 'Souken Kensetsu Co., Ltd.',
  email: 'tarou@souken.example.jp',
  years: 2,
};

function waitForListening(child: ChildProcess): Promise<{ url: string; port: number }> {
  return new Promise((resolveReady, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`ca serve did not start: ${err}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        const ready = JSON.parse(out) as { url: string; port: number };
        clearTimeout(timer);
        resolveReady(ready);
      } catch {
        // not the whole JSON document yet
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ca serve exited ${code}: ${err}`));
    });
  });
}

/** `tokendesk ca serve --json` as a child process; answers once it listens. */
export async function spawnCaServe(
  dataDir: string,
  options: { env?: NodeJS.ProcessEnv; port?: number; estOnly?: boolean } = {},
): Promise<{ child: ChildProcess; url: string; port: number }> {
  const args = ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'ca', 'serve', '--data', dataDir, '--json'];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.estOnly) args.push('--est-only');
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: options.env ?? { ...process.env, TOKENDESK_CA_DATA: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    return { child, ...(await waitForListening(child)) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

export async function startTestCa(options: TestCaOptions = {}): Promise<TestCa> {
  const root = await mkdtemp(join(tmpdir(), 'tokendesk-ca-'));
  const dataDir = join(root, 'ca');
  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  // Cheap scrypt keeps tests fast; production keeps the default cost.
  const init = await initCa(dataDir, { publicUrl: url, port, logLevel: 'silent', scrypt: { N: 1024, r: 8, p: 1 }, ...options.settings });
  const env = { ...process.env, TOKENDESK_CA_DATA: dataDir };

  let server: RunningCaServer | undefined;
  let child: ChildProcess | undefined;
  if (options.mode === 'child') {
    ({ child } = await spawnCaServe(dataDir, { env, ...(options.estOnly ? { estOnly: true } : {}) }));
  } else {
    server = await startCaServer(dataDir, { port, host: '127.0.0.1', ...(options.estOnly ? { estOnly: true } : {}) });
  }

  const withContext = async <T>(work: (ctx: CaContext) => Promise<T>): Promise<T> => {
    if (server) return work(server.context);
    const ctx = await openCaContext(dataDir, env);
    try {
      return await work(ctx);
    } finally {
      await closeCaContext(ctx);
    }
  };

  return {
    dataDir,
    url,
    port,
    caCertificatePem: init.caCertificatePem,
    addApplication: (input = {}) => withContext((ctx) => addApplication(ctx, { ...defaultApplication, ...input })),
    approve: (no) => withContext((ctx) => approveApplication(ctx, no)),
    newPin: (no) => withContext((ctx) => issueNewPin(ctx, no)),
    revoke: (serial, reason) => withContext((ctx) => revokeCertificate(ctx, serial, reason)),
    status: (no) => withContext((ctx) => applicationStatus(ctx, no)),
    cli: (args, input) => runTokendesk([...args, '--data', dataDir], { env, ...(input !== undefined ? { input } : {}) }),
    async stop() {
      if (server) await server.close();
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface CaResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json<T = unknown>(): T;
}

/** HTTPS to the test CA, trusting only its CA certificate. */
export function caRequest(
  ca: Pick<TestCa, 'url' | 'caCertificatePem'>,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; auth?: { user: string; password: string } } = {},
): Promise<CaResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
  return new Promise((resolveResponse, reject) => {
    const req = httpsRequest(new URL(path, ca.url), { method, headers, ca: ca.caCertificatePem, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
