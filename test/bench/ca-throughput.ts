/**
 * Bench 3 — CA throughput: EST simpleenroll requests/s from 1, 8 and 32 concurrent
 * keep-alive HTTPS clients on 127.0.0.1, with p50/p99 latency, printed beside
 * `openssl speed rsa2048` sign/s measured in the same run (each issuance is one
 * RSA-2048 signature by the CA's key).
 *
 * Every simpleenroll is a real first issuance: its own application (made beforehand
 * straight into the CA's store, so setting up does not take as long as the run), one
 * pre-made CSR (the CA checks its signature every time; the subject comes from the
 * application), a signature by the CA key, a certificate row and an audit row.
 *
 *  - Flow A, the target: what TokenDesk sends. STEP3 verify-pin (the scrypt check, with
 *    attempts left) runs for each application first — untimed for the figure, though its
 *    own rate is printed — then STEP4's simpleenroll carries the same storage PIN, which
 *    the CA recognises by an HMAC (verified-pin-cache.ts) instead of a second scrypt.
 *  - EST-only first contact: a plain EST client that never called verify-pin, so every
 *    simpleenroll pays scrypt — at the test cost (N=1024) and production's (N=16384).
 *
 * The server runs in its own process; the load comes from wrk (one thread, C), whose
 * own CPU per request is printed beside the server's (main thread and libuv pool apart),
 * since both share the machine's 2 cores. wrk does not verify the server's certificate
 * (loopback, our own CA); the product's client does.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { scrypt } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closeCaContext, openCaContext } from '../../src/server/ca-context.js';
import { caConfigSchema } from '../../src/server/config.js';
import { BACKGROUND_NICENESS } from '../../src/server/background-thread.js';
import { applicationDay } from '../../src/server/identifiers.js';
import { signingThreadCount } from '../../src/server/pki/signing-thread.js';
import { hashStoragePin } from '../../src/server/storage-pin.js';
import { makeCsr } from '../support/csr.js';
import { CHEAP_SCRYPT, initBenchCa } from './ca-fixture.js';
import { addBenchApplications, BENCH_PIN, load, startServerProcess, stopServerProcess, type Exchange, type Load } from './ca-server-process.js';
import { round, summarize, type BenchOptions, type BenchResult } from './stats.js';

const CONCURRENCY = [1, 8, 32] as const;
/** Flow A at 32 clients (issue 20: was 1,500/s and 50 ms). */
const TARGET = { perSecond: 1800, p99Ms: 25 };
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
      scrypt(BENCH_PIN, 'saltsaltsaltsalt', 32, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error) => (error ? fail(error) : done())),
    );
    samples.push(performance.now() - t0);
  }
  return summarize(samples).median;
}

export async function runCaThroughputBench(options: BenchOptions): Promise<BenchResult> {
  // Flow A pools per concurrency level; each level's applications pass verify-pin just
  // before that level runs (the verified-PIN cache holds 10,000, so levels never evict their own).
  // Lists longer than the time allows at ~2,200/s, so a run ends by time, not by the list
  // (each list also stays under the cache's 10,000 entries).
  const flowAPerLevel = options.quick ? [800, 2500, 2500] : [3000, 9000, 9000];
  const firstContactPerLevel = { cheap: options.quick ? 600 : 2500, production: options.quick ? 60 : 300 };
  const maxSeconds = options.quick ? 1 : 4;
  const opensslSeconds = options.quick ? 1 : 3;

  options.log(`ca-throughput: openssl speed -seconds ${opensslSeconds} rsa2048 (one process, then -multi 2)`);
  const openssl = await opensslSpeed(opensslSeconds);
  const opensslBothCores = await opensslSpeed(opensslSeconds, 2);
  const scryptCost = { testN1024Ms: round(await scryptMs(CHEAP_SCRYPT, 5)), productionN16384Ms: round(await scryptMs(PRODUCTION_SCRYPT, 3)) };

  const ca = await initBenchCa({ rateLimit: { max: 100_000_000, windowSeconds: 60 }, requestRateLimit: { max: 100_000_000, windowSeconds: 60 } });
  let child: ChildProcess | undefined;
  try {
    options.log('ca-throughput: making applications (straight into the store) and a CSR');
    const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
    const pools = { flowA: [] as string[][], cheap: [] as string[][], production: [] as string[][] };
    // The server process reads the same config and environment.
    const ctxSigningThreads = ctx.config.signingThreads;
    try {
      const day = applicationDay(new Date(), ctx.config.timeZone);
      const addApplications = (count: number, pinHash: string) => addBenchApplications(ctx, day, count, pinHash);
      const cheapHash = await hashStoragePin(BENCH_PIN, CHEAP_SCRYPT);
      const productionHash = await hashStoragePin(BENCH_PIN, PRODUCTION_SCRYPT);
      for (const count of flowAPerLevel) pools.flowA.push(await addApplications(count, cheapHash));
      for (const _level of CONCURRENCY) {
        pools.cheap.push(await addApplications(firstContactPerLevel.cheap, cheapHash));
        pools.production.push(await addApplications(firstContactPerLevel.production, productionHash));
      }
    } finally {
      await closeCaContext(ctx);
    }
    const csrFile = join(ca.root, 'bench.csr');
    await writeFile(csrFile, await makeCsr());
    const signingThreads = signingThreadCount(ctxSigningThreads);
    const server = await startServerProcess(ca.dataDir);
    child = server.child;
    const target = { url: server.url, pid: child.pid!, loop: server.loop };
    const run = (concurrency: number, applications: string[], exchange: Exchange, seconds = maxSeconds) =>
      load(target, ca.root, concurrency, applications, exchange, seconds, csrFile);

    const flowA: { verifyPin: Load; simpleenroll: Load }[] = [];
    for (const [index, concurrency] of CONCURRENCY.entries()) {
      const applications = pools.flowA[index]!;
      options.log(`ca-throughput: Flow A, ${concurrency} client(s): verify-pin for ${applications.length} applications (STEP3), then simpleenroll (STEP4), at most ${maxSeconds} s`);
      // Every application must pass STEP3 before its STEP4: no time bound here.
      const verified = await run(concurrency, applications, 'verify-pin', 600);
      if (!verified.listUsedUp || verified.failures > 0) throw new Error(`verify-pin did not pass for every application: ${JSON.stringify(verified)}`);
      // BENCH_CA_PROFILE: the server profiles each Flow A simpleenroll phase (see ca-child.ts).
      if (process.env.BENCH_CA_PROFILE) child.kill('SIGUSR2');
      const enrolled = await run(concurrency, applications, 'simpleenroll');
      if (process.env.BENCH_CA_PROFILE) child.kill('SIGUSR2');
      flowA.push({ verifyPin: verified, simpleenroll: enrolled });
    }
    const firstContact: Record<'testScryptN1024' | 'productionScryptN16384', Load[]> = { testScryptN1024: [], productionScryptN16384: [] };
    for (const [cost, key] of [['cheap', 'testScryptN1024'], ['production', 'productionScryptN16384']] as const) {
      for (const [index, concurrency] of CONCURRENCY.entries()) {
        options.log(`ca-throughput: EST-only first contact, ${key}, ${concurrency} client(s), at most ${firstContactPerLevel[cost]} requests or ${maxSeconds} s`);
        // At the production cost 32 requests take ~1.5 s: give each level at least 3 s.
        firstContact[key].push(await run(concurrency, pools[cost][index]!, 'simpleenroll', cost === 'production' ? Math.max(3, maxSeconds) : maxSeconds));
      }
    }
    const at32 = flowA[CONCURRENCY.indexOf(32)]!.simpleenroll;
    const firstAt32 = firstContact.testScryptN1024.find((r) => r.concurrency === 32)!;
    return {
      bench: 'ca-throughput',
      mode: options.quick ? 'quick' : 'full',
      setup:
        'CA server (Fastify, HTTPS, SQLite) in its own process; clients in the bench process (same 2 cores); keep-alive connections opened before timing; every simpleenroll a first issuance (its own application, a signature by the CA key, a certificate row and an audit row)',
      // How the server signs (config.ts signingThreads; TOKENDESK_CA_SIGNING_THREADS=0 is libuv's pool).
      caSigning: signingThreads > 0 ? { ownThreads: signingThreads, niceBelowEventLoop: BACKGROUND_NICENESS } : { ownThreads: 0, on: "libuv's pool" },
      opensslSpeedRsa2048: { oneProcess: openssl, twoProcesses: opensslBothCores },
      scryptPerCheckMs: scryptCost,
      flowA: {
        note: "TokenDesk's own client: STEP3 verify-pin (scrypt, attempts left) then STEP4 simpleenroll with the same storage PIN, which the CA recognises from STEP3 by an HMAC instead of a second scrypt",
        results: CONCURRENCY.map((concurrency, index) => ({ concurrency, simpleenroll: flowA[index]!.simpleenroll, verifyPinBeforehand: flowA[index]!.verifyPin })),
      },
      estOnlyFirstContact: {
        note: 'a plain EST client that never called verify-pin: every simpleenroll pays the storage-PIN scrypt',
        results: firstContact,
      },
      ratioTo: {
        note: 'simpleenroll/s at 32 clients over openssl rsa2048 sign/s on both cores (1.0 = the CA signs as fast as bare OpenSSL and everything else is free)',
        flowA: round(at32.perSecond / opensslBothCores.signPerSecond, 3),
        estOnlyFirstContactTestScrypt: round(firstAt32.perSecond / opensslBothCores.signPerSecond, 3),
      },
      target: {
        simpleenrollPerSecondAtLeast: TARGET.perSecond,
        p99AtMostMs: TARGET.p99Ms,
        at32Clients: { perSecond: at32.perSecond, p99Ms: at32.latencyMs.p99 },
        // What bounds it: the CPU each request takes of the server and of wrk together,
        // on the machine's cores (nothing else running), is the most this machine can do.
        cpuCeilingPerSecond: round((availableParallelism() * 1000) / (at32.cpuMsPerRequest.server + at32.cpuMsPerRequest.clients), 0),
        met: at32.perSecond >= TARGET.perSecond && at32.latencyMs.p99 <= TARGET.p99Ms,
      },
    };
  } finally {
    if (child) await stopServerProcess(child);
    await rm(ca.root, { recursive: true, force: true });
  }
}
