/**
 * Bench — the CA's memory: resident set size of the CA server (its own process, as in
 * ca-throughput.ts) after a warm-up of 10,000 Flow A enrollments, and again after 10,000
 * more; growth ≤ 10% of the warmed-up RSS. A leak — a cache or map without bound, kept
 * statements, buffered records — grows with the count; a warmed-up server does not.
 *
 * The warm-up is as long as the measured run (as memory-bridge.ts's), because the
 * server's working set includes the verified-PIN cache at its bound of 10,000 entries:
 * after a warm-up of 1,000 the measured run also timed that cache filling (the live heap
 * 28.7 → 31.5 MiB), so the figure moved with where V8 sized the heap around it (+4.0 %
 * alone, +11.8 % in a full run of session 10, same code). The resident set after every
 * round is printed beside the two settled readings: a leak climbs through all of them,
 * a working set steps up during the warm-up and then holds.
 *
 * Each enrollment is TokenDesk's Flow A on its own application: STEP3 verify-pin (scrypt
 * at the test cost, an entry in the verified-PIN cache) then STEP4 simpleenroll (a real
 * first issuance: a signature by the CA key, a certificate row, an audit row), driven by
 * wrk from 32 keep-alive connections, in rounds of 2,000 (the verified-PIN cache holds
 * 10,000, so a round never evicts its own). RSS is read from /proc/PID/status as the
 * bridge's is (proc-stats.ts settledRssMiB: idle long enough for V8's memory reducer in
 * a full run, the median of five readings), and read again after a full collection (the
 * server runs with --expose-gc): growth is judged on the second reading at both ends,
 * because the memory reducer does not always run in the idle (after the 10,000-enrollment
 * warm-up it had not, in three runs of three: 230–244 MiB with 70 MiB of heap used,
 * where the end's reading was 208–214 with 37–47 used), and a baseline full of garbage
 * makes growth look negative and would hide a leak of its size. Even so the warm-up's end
 * reads higher than the run's end (anonymous memory climbs ~11 MiB a round until V8's
 * first full collections, and a forced one hands back only part of it: 207 MiB after one,
 * 193 after three, where the end read 177), so growth comes out negative, -12 to -15 %
 * in session 11's runs. So the verdict also holds the live heap after the collection
 * (32.3 → 32.6 MiB) and the RSS from the first measured round's end to the last's to the
 * same bar: a leak in JavaScript shows in the first, one outside V8's heap in the second.
 * Heap figures are the server's own process.memoryUsage(), before and after that collection.
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
import { rssKiB, settledRssMiB, settleMs } from './proc-stats.js';
import { round, type BenchOptions, type BenchResult } from './stats.js';

const CLIENTS = 32;
const ROUND = 2000;
const GROWTH_TARGET_PERCENT = 10;
const RUN_BOUND_SECONDS = 120;
/**
 * After a forced collection V8 hands freed pages back from background tasks: a short wait,
 * then the median of five readings. A quick run waits half as long (its figure moved by
 * less than its run-to-run spread: docs/benchmarks.md, session 12).
 */
const afterCollectionMs = (quick: boolean): number => (quick ? 1_000 : 2_000);

interface MemoryPoint {
  /** Certificates in the CA's database (wrk stops counting at the list's end; the server finishes what is in flight). */
  certificatesIssued: number;
  /** Settled RSS, no collection forced before it: where V8 and the allocator left the heap. */
  rssMiB: number;
  /**
   * Settled RSS right after a full collection: the verdict's reading. Both ends are taken
   * in the same state, so garbage that happens to be uncollected at one end (the warm-up's
   * end, in every run of session 11: heap used 70 MiB of which 32 live) neither hides
   * growth nor makes it.
   */
  rssAfterCollectionMiB: number;
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

async function memoryPoint(server: ServerProcess, dataDir: string, settle: number, afterCollection: number): Promise<MemoryPoint> {
  const rssMiB = await settledRssMiB(server.child.pid!, settle);
  const heap: MemoryReport = await server.memory(); // forces the full collection (--expose-gc)
  const rssAfterCollectionMiB = await settledRssMiB(server.child.pid!, afterCollection);
  const mib = (kib: number) => round(kib / 1024, 1);
  return {
    certificatesIssued: certificateCount(dataDir),
    rssMiB,
    rssAfterCollectionMiB,
    heapUsedMiB: mib(heap.heapUsedKiB),
    heapTotalMiB: mib(heap.heapTotalKiB),
    externalMiB: mib(heap.externalKiB),
    heapLiveMiB: heap.heapLiveKiB === undefined ? null : mib(heap.heapLiveKiB),
  };
}

export async function runMemoryCaBench(options: BenchOptions): Promise<BenchResult> {
  const warmUp = options.quick ? 1000 : 10_000;
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
      // The warm-up's rounds, then the measured ones: each count in rounds of at most ROUND.
      for (const count of [warmUp, measured]) {
        for (let done = 0; done < count; done += ROUND) rounds.push(await addBenchApplications(ctx, day, Math.min(ROUND, count - done), pinHash));
      }
    } finally {
      await closeCaContext(ctx);
    }
    const csrFile = join(ca.root, 'bench.csr');
    await writeFile(csrFile, await makeCsr());
    server = await startServerProcess(ca.dataDir, ['--expose-gc']);
    const target = { url: server.url, pid: server.child.pid!, loop: server.loop };

    const settle = settleMs(options.quick);
    const afterCollection = afterCollectionMs(options.quick);
    const warmUpRounds = Math.ceil(warmUp / ROUND);
    const points: MemoryPoint[] = [];
    // The resident set right after each round (not settled): the trace a leak would climb through.
    const rssAfterRound: number[] = [];
    for (const [index, applications] of rounds.entries()) {
      const name = index < warmUpRounds ? `warm-up round ${index + 1} of ${warmUpRounds}` : `round ${index - warmUpRounds + 1} of ${rounds.length - warmUpRounds}`;
      options.log(`memory-ca: ${name}: verify-pin then simpleenroll for ${applications.length} applications, ${CLIENTS} clients`);
      // Every application of the round passes STEP3, then is issued: the lists end the
      // runs; the time bound only turns a stuck run into an error.
      const verified = await load(target, ca.root, CLIENTS, applications, 'verify-pin', RUN_BOUND_SECONDS, csrFile);
      const issued = await load(target, ca.root, CLIENTS, applications, 'simpleenroll', RUN_BOUND_SECONDS, csrFile);
      options.log(`memory-ca: verify-pin ${verified.requests} in ${verified.seconds} s, simpleenroll ${issued.requests} in ${issued.seconds} s`);
      if (verified.failures > 0 || issued.failures > 0 || !issued.listUsedUp) {
        throw new Error(`round ${index}: ${verified.failures} verify-pin and ${issued.failures} simpleenroll failures, ${issued.requests} of ${applications.length} issued`);
      }
      rssAfterRound.push(round(rssKiB(server.child.pid!) / 1024, 1));
      if (index === warmUpRounds - 1) points.push(await memoryPoint(server, ca.dataDir, settle, afterCollection));
    }
    points.push(await memoryPoint(server, ca.dataDir, settle, afterCollection));
    const [warm, final] = [points[0]!, points.at(-1)!];
    const growth = (after: number, before: number) => round(((after - before) / before) * 100, 1);
    const growthPercent = growth(final.rssAfterCollectionMiB, warm.rssAfterCollectionMiB);
    const liveHeapGrowthPercent = warm.heapLiveMiB && final.heapLiveMiB ? growth(final.heapLiveMiB, warm.heapLiveMiB) : null;
    // From the first measured round's end to the last's (a quick run has one round: none).
    const measuredRss = rssAfterRound.slice(warmUpRounds);
    const roundsGrowthPercent = measuredRss.length > 1 ? growth(measuredRss.at(-1)!, measuredRss[0]!) : null;
    return {
      bench: 'memory-ca',
      mode: options.quick ? 'quick' : 'full',
      setup: `CA server (ca serve's code, SQLite) in its own process; Flow A (verify-pin, then simpleenroll) on a distinct application per enrollment, wrk with ${CLIENTS} keep-alive connections, rounds of ${ROUND}; warm-up of ${warmUp} enrollments; RSS from /proc/PID/status, median of 5 readings after ${settle / 1000} s idle, then again ${afterCollection / 1000} s after a forced full collection (the verdict's, at both ends)`,
      afterWarmUp: warm,
      rssAfterEachRoundMiB: { warmUp: rssAfterRound.slice(0, warmUpRounds), measured: measuredRss },
      final,
      measuredEnrollments: final.certificatesIssued - warm.certificatesIssued,
      growthWithoutCollectionPercent: growth(final.rssMiB, warm.rssMiB),
      target: {
        rssGrowthAtMostPercent: GROWTH_TARGET_PERCENT,
        growthPercent,
        // The resident set after a warm-up holds memory V8 gives back later, so growth
        // against it alone would hide a leak of that size: what the work keeps (the live
        // heap) and the resident set across the measured rounds must stay within the bar too.
        liveHeapGrowthPercent,
        measuredRoundsRssGrowthPercent: roundsGrowthPercent,
        met: [growthPercent, liveHeapGrowthPercent, roundsGrowthPercent].every((percent) => percent === null || percent <= GROWTH_TARGET_PERCENT),
      },
    };
  } finally {
    if (server) await stopServerProcess(server.child);
    await rm(ca.root, { recursive: true, force: true });
  }
}
