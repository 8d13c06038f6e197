/**
 * The CA's settings: `config.json` in the data dir, then environment overrides (for
 * containers and for several servers behind one load balancer sharing PostgreSQL).
 * Secrets are not settings: the master key lives in env TOKENDESK_CA_MASTER_KEY or in
 * the 0600 file `master.key` (see master-key.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { mailConfigSchema, portalConfigSchema, portalDefaults } from './portal/portal-settings.js';
import { serverErrors } from './server-error.js';

export const scryptParamsSchema = z.object({
  N: z.number().int().min(2),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
});
export type ScryptParams = z.infer<typeof scryptParamsSchema>;

export const caConfigSchema = z.object({
  /** `sqlite:ca.db` (relative to the data dir), an absolute file path, or `postgres://…`. */
  databaseUrl: z.string().default('sqlite:ca.db'),
  /** Base URL clients reach; the CRL distribution point is `${publicUrl}/crl`. */
  publicUrl: z.string().url().default('https://127.0.0.1:8443'),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8443),
  caName: z.string().default('TokenDesk Reference CA'),
  caOrganization: z.string().default('TokenDesk'),
  /** Wrong storage PINs allowed per application before it locks (CA manual: the CA limits attempts). */
  pinAttemptLimit: z.number().int().min(1).max(100).default(5),
  /**
   * How long a storage-PIN lock lasts. Time-limited by default so that a stranger who
   * guesses application numbers can delay an applicant but not lock them out for good;
   * 0 = until the operator issues a new PIN (README, "Security").
   */
  pinLockMinutes: z.number().int().min(0).max(7 * 24 * 60).default(30),
  /** scrypt cost for new storage-PIN hashes; each hash keeps its own, so this can change later. */
  scrypt: scryptParamsSchema.default({ N: 16384, r: 8, p: 1 }),
  /** Storage-PIN checks per client, one budget across every endpoint that takes a PIN (per server instance). */
  rateLimit: z.object({ max: z.number().int().min(1), windowSeconds: z.number().int().min(1) }).default({ max: 300, windowSeconds: 60 }),
  /** Requests per client on every endpoint (per server instance). */
  requestRateLimit: z.object({ max: z.number().int().min(1), windowSeconds: z.number().int().min(1) }).default({ max: 1200, windowSeconds: 60 }),
  /** Requests per client to `tokens/{serial}/pending`, which needs no credentials (per server instance). */
  lookupRateLimit: z.object({ max: z.number().int().min(1), windowSeconds: z.number().int().min(1) }).default({ max: 30, windowSeconds: 60 }),
  /** Answer only RFC 7030 (no /api/v1): lets the client's EST-only profile be tested. */
  estOnly: z.boolean().default(false),
  /**
   * What a slow or greedy client may hold (issue: a client trickling one byte every few
   * seconds held its connection forever). The whole request (headers + body) must arrive
   * within requestTimeoutMs, its headers within headersTimeoutMs; at most
   * maxConnections are open at once (more are closed on accept).
   */
  http: z
    .object({
      headersTimeoutMs: z.number().int().min(100).default(10_000),
      requestTimeoutMs: z.number().int().min(100).default(30_000),
      maxConnections: z.number().int().min(1).default(1024),
    })
    .default({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 1024 }),
  bodyLimitBytes: z.number().int().min(1024).default(65536),
  /**
   * Threads of the CA's own for its certificate signatures (pki/signing-thread.ts), run
   * below the event loop's priority; 0 = node:crypto on libuv's pool, shared with scrypt.
   * Unset: 0 (signingThreadCount). Threads of its own keep a signature from queueing
   * behind storage-PIN checks and spare the event loop libuv's wake-ups, but on 2 cores
   * one such thread signed fewer a second than the pool (docs/benchmarks.md).
   */
  signingThreads: z.number().int().min(0).max(16).optional(),
  retryAfterSeconds: z.number().int().min(1).default(60),
  crlValidityDays: z.number().int().min(1).default(7),
  /** Behind a load balancer: trust X-Forwarded-For for the client address. */
  trustProxy: z.boolean().default(false),
  /** Dates in application numbers follow the CA's calendar. */
  timeZone: z.string().default('Asia/Tokyo'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  /** The CA's mails (CA manual §3): sealed into `<data>/outbox` unless `smtp` is set (portal/mail/outbox.ts). */
  mail: mailConfigSchema.default({ from: 'TokenDesk CA <ca@localhost>' }),
  /** The contractor portal under /portal/ (portal/portal-settings.ts). */
  portal: portalConfigSchema.default(portalDefaults),
});
export type CaConfig = z.infer<typeof caConfigSchema>;

export const CONFIG_FILE = 'config.json';

/** `--data DIR`, else env TOKENDESK_CA_DATA, else ./.tokendesk-data/ca. */
export function resolveDataDir(option?: string): string {
  return resolve(option ?? process.env.TOKENDESK_CA_DATA ?? join('.tokendesk-data', 'ca'));
}

function envOverrides(env: NodeJS.ProcessEnv): Partial<CaConfig> {
  const out: Partial<CaConfig> = {};
  if (env.TOKENDESK_CA_DATABASE_URL) out.databaseUrl = env.TOKENDESK_CA_DATABASE_URL;
  if (env.TOKENDESK_CA_PUBLIC_URL) out.publicUrl = env.TOKENDESK_CA_PUBLIC_URL;
  if (env.TOKENDESK_CA_HOST) out.host = env.TOKENDESK_CA_HOST;
  if (env.TOKENDESK_CA_PORT) out.port = Number(env.TOKENDESK_CA_PORT);
  if (env.TOKENDESK_CA_PIN_ATTEMPTS) out.pinAttemptLimit = Number(env.TOKENDESK_CA_PIN_ATTEMPTS);
  if (env.TOKENDESK_CA_SIGNING_THREADS) out.signingThreads = Number(env.TOKENDESK_CA_SIGNING_THREADS);
  if (env.TOKENDESK_CA_EST_ONLY) out.estOnly = env.TOKENDESK_CA_EST_ONLY === '1' || env.TOKENDESK_CA_EST_ONLY === 'true';
  if (env.TOKENDESK_CA_LOG_LEVEL) out.logLevel = env.TOKENDESK_CA_LOG_LEVEL as CaConfig['logLevel'];
  return out;
}

export async function loadConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<CaConfig> {
  let text: string;
  try {
    text = await readFile(join(dataDir, CONFIG_FILE), 'utf8');
  } catch {
    throw serverErrors.notInitialized(dataDir);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw serverErrors.invalidArgument({ ja: `${CONFIG_FILE} がJSONとして読めません。`, en: `${CONFIG_FILE} is not valid JSON.` });
  }
  const parsed = caConfigSchema.safeParse({ ...(raw as object), ...envOverrides(env) });
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw serverErrors.invalidArgument({ ja: `${CONFIG_FILE} の設定が不正です: ${where}`, en: `Invalid settings in ${CONFIG_FILE}: ${where}` });
  }
  return parsed.data;
}

/** 0600: the database URL may carry a PostgreSQL password. */
export async function writeConfig(dataDir: string, config: Partial<CaConfig>): Promise<void> {
  await writeFile(join(dataDir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

/** The SQLite file path, or undefined when the URL names PostgreSQL. */
export function sqlitePath(dataDir: string, databaseUrl: string): string | undefined {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return undefined;
  const file = databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : databaseUrl;
  if (file === ':memory:') return file;
  return isAbsolute(file) ? file : join(dataDir, file);
}
