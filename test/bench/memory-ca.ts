/**
 * Bench — the CA's memory: resident set size of the CA server (its own process, as in
 * ca-throughput.ts) after a warm-up of 1,000 Flow A enrollments, and again after 10,000
 * more; growth ≤ 10% of the warmed-up RSS. A leak — a cache or map without bound, kept
 * statements, buffered records — grows with the count; a warmed-up server does not.
 *
 * Each enrollment is TokenDesk's Flow A on its own application: STEP3 verify-pin (scrypt
 * at the test cost, an entry in the verified-PIN cache) then STEP4 simpleenroll (a real
 * first issuance: a signature by the CA key, a certificate row, an audit row), driven by
 * wrk from 32 keep-alive connections, in rounds of 2,000 (the verified-PIN cache holds
 * 10,000, so a round never evicts its own). RSS is read from /proc/PID/status as the
 * bridge's is (proc-stats.ts settledRssMiB: idle long enough for V8's memory reducer in
 * a full run, the median of five readings); heap figures are the server's own
 * process.memoryUsage(), and what the heap holds after a full collection (the server runs with --expose-gc; the collection
 * comes after the RSS reading, so it does not flatter it).
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeCaContext, openCaContext } from '../../src/server/ca-context.js';
import { applicationDay } from '../../src/server/identifiers.js';
import { hashStoragePin } from '../../src/server/storage-pin.js';
import { makeCsr } from '../support/csr.js';
import { CHEAP_SCRYPT, initBenchCa } from './ca-fixture.js';
import { addBenchApplications, BENCH_PIN, load, startServerProcess, stopServerProcess, type MemoryReport, type ServerProcess } from './ca-server-process.js';
import { settledRssMiB, settleMs } from './proc-stats.js';
import { round, type BenchOptions, type BenchResult } from './stats.js';

const CLIENTS = 32;
const ROUND = 2000;
const GROWTH_TARGET_PERCENT = 10;
const RUN_BOUND_SECONDS = 120;

interface MemoryPoint {
  /** Certificates in the CA's database (wrk stops counting at the list's end; the server finishes what is in flight). */
  certificatesIssued: number;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** The heap after a full collection, taken after the RSS reading. */
  heapLiveMiB: number | null;
}

function certificateCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'ca.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function memoryPoint(server: ServerProcess, dataDir: string, settle: number): Promise<MemoryPoint> {
  const rssMiB = await settledRssMiB(server.child.pid!, settle);
  const heap: MemoryReport = await server.memory();
  const mib = (kib: number) => round(kib / 1024, 1);
  return {
    certificatesIssued: certificateCount(dataDir),
    rssMiB,
    heapUsedMiB: mib(heap.heapUsedKiB),
    heapTotalMiB: mib(heap.heapTotalKiB),
    externalMiB: mib(heap.externalKiB),
    heapLiveMiB: heap.heapLiveKiB === undefined ? null : mib(heap.heapLiveKiB),
  };
}

export async function runMemoryCaBench(options: BenchOptions): Promise<BenchResult> {
  const warmUp = options.quick ? 300 : 1000;
  const measured = options.quick ? 2000 : 10_000;
  const ca = await initBenchCa({ rateLimit: { max: 100_000_000, windowSeconds: 60 }, requestRateLimit: { max: 100_000_000, windowSeconds: 60 } });
  let server: ServerProcess | undefined;
  try {
    options.log(`memory-ca: making ${warmUp + measured} applications (straight into the store) and a CSR`);
    const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
    const rounds: string[][] = [];
    try {
      const day = applicationDay(new Date(), ctx.config.timeZone);
      const pinHash = await hashStoragePin(BENCH_PIN, CHEAP_SCRYPT);
      rounds.push(await addBenchApplications(ctx, day, warmUp, pinHash));
      for (let done = 0; done < measured; done += ROUND) rounds.push(await addBenchApplications(ctx, day, Math.min(ROUND, measured - done), pinHash));
    } finally {
      await closeCaContext(ctx);
    }
    const csrFile = join(ca.root, 'bench.csr');
    await writeFile(csrFile, await makeCsr());
    server = await startServerProcess(ca.dataDir, ['--expose-gc']);
    const target = { url: server.url, pid: server.child.pid!, loop: server.loop };

    const settle = settleMs(options.quick);
    const points: MemoryPoint[] = [];
    for (const [index, applications] of rounds.entries()) {
      options.log(`memory-ca: ${index === 0 ? 'warm-up' : `round ${index} of ${rounds.length - 1}`}: verify-pin then simpleenroll for ${applications.length} applications, ${CLIENTS} clients`);
      // Every application of the round passes STEP3, then is issued: the lists end the
      // runs; the time bound only turns a stuck run into an error.
      const verified = await load(target, ca.root, CLIENTS, applications, 'verify-pin', RUN_BOUND_SECONDS, csrFile);
      const issued = await load(target, ca.root, CLIENTS, applications, 'simpleenroll', RUN_BOUND_SECONDS, csrFile);
      options.log(`memory-ca: verify-pin ${verified.requests} in ${verified.seconds} s, simpleenroll ${issued.requests} in ${issued.seconds} s`);
      if (verified.failures > 0 || issued.failures > 0 || !issued.listUsedUp) {
        throw new Error(`round ${index}: ${verified.failures} verify-pin and ${issued.failures} simpleenroll failures, ${issued.requests} of ${applications.length} issued`);
      }
      if (index === 0) points.push(await memoryPoint(server, ca.dataDir, settle));
    }
    points.push(await memoryPoint(server, ca.dataDir, settle));
    const [warm, final] = [points[0]!, points.at(-1)!];
    const growthPercent = round(((final.rssMiB - warm.rssMiB) / warm.rssMiB) * 100, 1);
    return {
      bench: 'memory-ca',
      mode: options.quick ? 'quick' : 'full',
      setup: `CA server (ca serve's code, SQLite) in its own process; Flow A (verify-pin, then simpleenroll) on a distinct application per enrollment, wrk with ${CLIENTS} keep-alive connections, rounds of ${ROUND}; RSS from /proc/PID/status, median of 5 readings after ${settle / 1000} s idle (no gc() forced before it)`,
      afterWarmUp: warm,
      final,
      measuredEnrollments: final.certificatesIssued - warm.certificatesIssued,
      target: { rssGrowthAtMostPercent: GROWTH_TARGET_PERCENT, growthPercent, met: growthPercent <= GROWTH_TARGET_PERCENT },
    };
  } finally {
    if (server) await stopServerProcess(server.child);
    await rm(ca.root, { recursive: true, force: true });
  }
}
