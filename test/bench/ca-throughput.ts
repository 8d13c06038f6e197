/**
 * Bench 3 — CA throughput: EST simpleenroll requests/s from 1, 8 and 32 concurrent
 * keep-alive HTTPS clients on 127.0.0.1, with p50/p99 latency, printed beside
 * `openssl speed rsa2048` sign/s measured in the same run (each issuance is one
 * RSA-2048 signature by the CA's key).
 *
 * Every request is a real first issuance: applications are made beforehand (straight
 * into the CA's store, with one precomputed storage-PIN hash per scrypt cost, so
 * setting up does not take as long as the run), and one pre-made CSR is sent for each
 * (the CA checks its signature every time; the certificate's subject comes from the
 * application). Two pools: the test fixture's scrypt cost (N=1024) and production's
 * default (N=16384), since every simpleenroll checks the storage PIN with scrypt.
 * The server runs in its own process; runs are bounded in count and in time.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { scrypt, webcrypto } from 'node:crypto';
import { Agent, request } from 'node:https';
import { createInterface } from 'node:readline';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closeCaContext, openCaContext } from '../../src/server/ca-context.js';
import { caConfigSchema } from '../../src/server/config.js';
import { applicationDay, formatApplicationNo, generateUserId } from '../../src/server/identifiers.js';
import { RSA_SHA256, x509 } from '../../src/server/pki/x509.js';
import { hashStoragePin } from '../../src/server/storage-pin.js';
import { CHEAP_SCRYPT, initBenchCa } from './ca-fixture.js';
import { REPO_ROOT } from './device-info.js';
import { round, summarize, type BenchOptions, type BenchResult } from './stats.js';

const PIN = '1234567890';
const CONCURRENCY = [1, 8, 32] as const;
const PRODUCTION_SCRYPT = caConfigSchema.parse({}).scrypt;

/** `openssl speed -seconds N rsa2048` → sign/s (and with -multi 2, both cores). */
async function opensslSpeed(seconds: number, multi?: number): Promise<{ signPerSecond: number; verifyPerSecond: number }> {
  const args = ['speed', '-seconds', String(seconds), ...(multi ? ['-multi', String(multi)] : []), 'rsa2048'];
  const { stdout } = await promisify(execFile)('openssl', args, { encoding: 'utf8' });
  // "rsa 2048 bits 0.000740s 0.000021s   1351.4  47619.0" (with -multi: "rsa 2048 bits …" too)
  const line = stdout.split('\n').find((l) => /^rsa\s+2048\s+bits/.test(l.trim()));
  const numbers = line?.trim().split(/\s+/).slice(3).map(Number) ?? [];
  const [sign, verify] = numbers.slice(-2);
  if (!sign || !verify) throw new Error(`cannot read openssl speed output: ${stdout}`);
  return { signPerSecond: round(sign, 0), verifyPerSecond: round(verify, 0) };
}

async function scryptMs(params: { N: number; r: number; p: number }, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await new Promise<void>((done, fail) =>
      scrypt(PIN, 'saltsaltsaltsalt', 32, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error) => (error ? fail(error) : done())),
    );
    samples.push(performance.now() - t0);
  }
  return summarize(samples).median;
}

async function makeCsr(): Promise<string> {
  const keys = await webcrypto.subtle.generateKey({ ...RSA_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=bench', keys: keys as unknown as CryptoKeyPair, signingAlgorithm: RSA_SHA256 });
  return Buffer.from(csr.rawData).toString('base64');
}

function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [...(process.env.BENCH_CA_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', join(REPO_ROOT, 'test/bench/ca-child.ts'), dataDir], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const timer = setTimeout(() => reject(new Error('the CA server did not start in 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the CA server exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolveStart({ child, url: (JSON.parse(line) as { url: string }).url });
    });
  });
}

interface Load {
  concurrency: number;
  requests: number;
  seconds: number;
  enrollmentsPerSecond: number;
  latencyMs: ReturnType<typeof summarize>;
  failures: Record<string, number>;
}

async function load(url: string, caPem: string, concurrency: number, applications: string[], csrBody: string, maxSeconds: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca: caPem });
  const send = (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string) =>
    new Promise<number>((resolveSend, reject) => {
      const req = request(new URL(path, url), { method, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolveSend(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    // Open (TLS handshake) every connection before the clock starts: the clients are keep-alive.
    await Promise.all(Array.from({ length: concurrency }, () => send('GET', '/.well-known/est/cacerts', {})));
    const latencies: number[] = [];
    const failures: Record<string, number> = {};
    let next = 0;
    const t0 = performance.now();
    const deadline = t0 + maxSeconds * 1000;
    const client = async () => {
      while (next < applications.length && performance.now() < deadline) {
        const applicationNo = applications[next++]!;
        const started = performance.now();
        const status = await send('POST', '/.well-known/est/simpleenroll', {
          'content-type': 'application/pkcs10',
          authorization: `Basic ${Buffer.from(`${applicationNo}:${PIN}`).toString('base64')}`,
        }, csrBody);
        latencies.push(performance.now() - started);
        if (status !== 200) failures[String(status)] = (failures[String(status)] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const seconds = (performance.now() - t0) / 1000;
    return { concurrency, requests: latencies.length, seconds: round(seconds, 2), enrollmentsPerSecond: round(latencies.length / seconds, 0), latencyMs: summarize(latencies), failures };
  } finally {
    agent.destroy();
  }
}

export async function runCaThroughputBench(options: BenchOptions): Promise<BenchResult> {
  const perLevel = { cheap: options.quick ? 400 : 4000, production: options.quick ? 150 : 1500 };
  const maxSeconds = options.quick ? 2.5 : 10;
  const opensslSeconds = options.quick ? 1 : 3;

  options.log(`ca-throughput: openssl speed -seconds ${opensslSeconds} rsa2048 (one process, then -multi 2)`);
  const openssl = await opensslSpeed(opensslSeconds);
  const opensslBothCores = await opensslSpeed(opensslSeconds, 2);
  const scryptCost = { testN1024Ms: round(await scryptMs(CHEAP_SCRYPT, 5)), productionN16384Ms: round(await scryptMs(PRODUCTION_SCRYPT, 3)) };

  const ca = await initBenchCa({ rateLimit: { max: 100_000_000, windowSeconds: 60 } });
  let child: ChildProcess | undefined;
  try {
    options.log('ca-throughput: making applications (straight into the store) and a CSR');
    const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
    const pools: Record<'cheap' | 'production', string[][]> = { cheap: [], production: [] };
    try {
      const day = applicationDay(new Date(), ctx.config.timeZone);
      for (const cost of ['cheap', 'production'] as const) {
        const pinHash = await hashStoragePin(PIN, cost === 'cheap' ? CHEAP_SCRYPT : PRODUCTION_SCRYPT);
        for (const _level of CONCURRENCY) {
          const numbers: string[] = [];
          for (let i = 0; i < perLevel[cost]; i += 1) {
            const row = await ctx.store.addApplication(
              { kind: 'new', contractNo: '1234567890123', name: 'Bench User', company: 'Bench Co', email: 'bench@example.jp', years: 1, tokenSerial: null, approved: true, pinHash },
              day,
              generateUserId,
              formatApplicationNo,
            );
            numbers.push(row.application_no);
          }
          pools[cost].push(numbers);
        }
      }
    } finally {
      await closeCaContext(ctx);
    }
    const csrBody = await makeCsr();
    const server = await startServerProcess(ca.dataDir);
    child = server.child;

    const results: Record<'testScryptN1024' | 'productionScryptN16384', Load[]> = { testScryptN1024: [], productionScryptN16384: [] };
    for (const [cost, key] of [['cheap', 'testScryptN1024'], ['production', 'productionScryptN16384']] as const) {
      for (const [index, concurrency] of CONCURRENCY.entries()) {
        options.log(`ca-throughput: ${key}, ${concurrency} client(s), at most ${perLevel[cost]} requests or ${maxSeconds} s`);
        results[key].push(await load(server.url, ca.caPem, concurrency, pools[cost][index]!, csrBody, maxSeconds));
      }
    }
    const at32 = results.testScryptN1024.find((r) => r.concurrency === 32)!;
    const at32prod = results.productionScryptN16384.find((r) => r.concurrency === 32)!;
    return {
      bench: 'ca-throughput',
      mode: options.quick ? 'quick' : 'full',
      setup: 'CA server (Fastify, HTTPS, SQLite) in its own process; clients in the bench process (same 2 cores); keep-alive connections opened before timing; every request a first issuance',
      opensslSpeedRsa2048: { oneProcess: openssl, twoProcesses: opensslBothCores },
      scryptPerCheckMs: scryptCost,
      results,
      ratioTo: {
        note: 'enrollments/s at 32 clients over openssl rsa2048 sign/s on both cores (1.0 = the CA signs as fast as bare OpenSSL and everything else is free)',
        testScrypt: round(at32.enrollmentsPerSecond / opensslBothCores.signPerSecond, 3),
        productionScrypt: round(at32prod.enrollmentsPerSecond / opensslBothCores.signPerSecond, 3),
      },
      target: {
        enrollmentsPerSecondAtLeast: 1500,
        p99AtMostMs: 50,
        testScryptMet: at32.enrollmentsPerSecond >= 1500 && at32.latencyMs.p99 <= 50,
        productionScryptMet: at32prod.enrollmentsPerSecond >= 1500 && at32prod.latencyMs.p99 <= 50,
      },
    };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.stdin?.end();
      const timer = setTimeout(() => child!.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(ca.root, { recursive: true, force: true });
  }
}
