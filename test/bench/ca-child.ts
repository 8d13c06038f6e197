/**
 * The CA server for the throughput bench, in its own process (the load-generating
 * clients must not share its event loop): `startCaServer` on the data dir given,
 * one JSON line {url, port} on stdout when listening, closes when stdin ends.
 *
 * With BENCH_CA_PROFILE=<dir>, SIGUSR2 starts a V8 CPU profile and the next SIGUSR2
 * writes it to <dir> — so a profile covers one load phase, not start-up and set-up.
 * A line "loop" on stdin answers the event loop's utilization and delays, "memory" the
 * JavaScript heap's figures (below).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { startCaServer } from '../../src/server/ca-server.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: ca-child.ts DATA_DIR');
const server = await startCaServer(dataDir, { host: '127.0.0.1' });

const profileDir = process.env.BENCH_CA_PROFILE;
if (profileDir) {
  const inspector = new Session();
  inspector.connect();
  let profiling = false;
  let phase = 0;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!profiling) {
        profiling = true;
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.start');
        return;
      }
      profiling = false;
      const { profile } = await inspector.post('Profiler.stop');
      phase += 1;
      writeFileSync(join(profileDir, `ca-phase-${phase}.cpuprofile`), JSON.stringify(profile));
    })();
  });
}

// A line "loop" on stdin answers one JSON line: the event loop's utilization so far
// (performance.eventLoopUtilization, cumulative: the bench takes differences) and its
// delays since the last "loop" (a stall such as a checkpoint inside a COMMIT shows as max).
const delays = monitorEventLoopDelay({ resolution: 1 });
delays.enable();
// Garbage-collection pauses since the last "loop" (a major collection is a stall too).
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc = { count: gc.count + 1, totalMs: gc.totalMs + entry.duration, maxMs: Math.max(gc.maxMs, entry.duration) };
  }
}).observe({ entryTypes: ['gc'] });
// A line "memory" answers process.memoryUsage() (the bench reads RSS from /proc itself,
// before this: the full collection below would change it).
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'memory') {
    const kib = (bytes: number) => Math.round(bytes / 1024);
    const { heapUsed, heapTotal, external } = process.memoryUsage();
    const report: Record<string, number> = { heapUsedKiB: kib(heapUsed), heapTotalKiB: kib(heapTotal), externalKiB: kib(external) };
    // With --expose-gc: what is live after a full collection (a leak stays, garbage goes).
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      report.heapLiveKiB = kib(process.memoryUsage().heapUsed);
    }
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  if (line.trim() !== 'loop') return;
  const { idle, active } = performance.eventLoopUtilization();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const round2 = (value: number) => Math.round(value * 100) / 100;
  const gcPauses = { count: gc.count, totalMs: round2(gc.totalMs), maxMs: round2(gc.maxMs) };
  process.stdout.write(`${JSON.stringify({ idleMs: idle, activeMs: active, delayMs: { p50: ms(delays.percentile(50)), p99: ms(delays.percentile(99)), max: ms(delays.max) }, gcPauses })}\n`);
  delays.reset();
  gc = { count: 0, totalMs: 0, maxMs: 0 };
});

process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
