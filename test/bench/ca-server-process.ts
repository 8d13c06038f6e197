/**
 * The CA server of the CA benches in its own process (ca-child.ts), the applications
 * it serves (made straight into its store beforehand, so setting up does not take as
 * long as the run), and wrk's load on it (ca-load.lua), with the server's CPU and event
 * loop over each run. Shared by ca-throughput.ts and memory-ca.ts.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { CaContext } from '../../src/server/ca-context.js';
import { formatApplicationNo, generateUserId } from '../../src/server/identifiers.js';
import { feedInput } from './child-process.js';
import { REPO_ROOT } from './compiled.js';
import { cpuMs, scheduledMs } from './proc-stats.js';
import { round, type Summary } from './stats.js';

/** Every bench application's storage PIN. */
export const BENCH_PIN = '1234567890';

/** `count` approved applications with this PIN hash, each of which can be issued once. */
export async function addBenchApplications(ctx: CaContext, day: string, count: number, pinHash: string): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = await ctx.store.addApplication(
      { kind: 'new', contractNo: '1234567890123', name: 'Bench User', company: 'Bench Co', email: 'bench@example.jp', years: 1, tokenSerial: null, approved: true, pinHash },
      day,
      generateUserId,
      formatApplicationNo,
    );
    numbers.push(row.application_no);
  }
  return numbers;
}

/** The server's event loop as ca-child.ts reports it (utilization cumulative, delays since the last report). */
export interface LoopReport {
  idleMs: number;
  activeMs: number;
  delayMs: { p50: number; p99: number; max: number };
  gcPauses: { count: number; totalMs: number; maxMs: number };
}

/** The server's JavaScript memory as ca-child.ts reports it (process.memoryUsage). */
export interface MemoryReport {
  heapUsedKiB: number;
  heapTotalKiB: number;
  externalKiB: number;
  /** What the heap holds after a full collection (what is live), with --expose-gc only. */
  heapLiveKiB?: number;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  loop(): Promise<LoopReport>;
  memory(): Promise<MemoryReport>;
}

/** `nodeArgs`: e.g. --expose-gc, so that "memory" also answers the heap after a full collection. */
export function startServerProcess(dataDir: string, nodeArgs: string[] = []): Promise<ServerProcess> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, ...(process.env.BENCH_CA_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', join(REPO_ROOT, 'test/bench/ca-child.ts'), dataDir], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const timer = setTimeout(() => reject(new Error('the CA server did not start in 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the CA server exited (${code})`)));
    // The child answers each line on its stdin with one line, in order.
    const waiting: ((answer: unknown) => void)[] = [];
    const ask = <T>(command: 'loop' | 'memory') =>
      new Promise<T>((resolveAnswer) => {
        waiting.push(resolveAnswer as (answer: unknown) => void);
        child.stdin!.write(`${command}\n`);
      });
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.on('line', (answer) => waiting.shift()?.(JSON.parse(answer)));
      resolveStart({ child, url: (JSON.parse(line) as { url: string }).url, loop: () => ask<LoopReport>('loop'), memory: () => ask<MemoryReport>('memory') });
    });
  });
}

export interface Load {
  concurrency: number;
  requests: number;
  seconds: number;
  perSecond: number;
  latencyMs: Summary & { mean: number; p90: number };
  /** Answers other than 2xx (EST success is 200). */
  failures: number;
  /**
   * CPU time per request (user + system): the CA server process, its main thread (the
   * event loop: TLS, HTTP, checks, database) apart from libuv's pool (RSA signatures,
   * scrypt), and the load generator (wrk).
   */
  cpuMsPerRequest: { server: number; serverMainThread: number; clients: number };
  /** The application list ran out before the time did (the figure is then a lower bound). */
  listUsedUp: boolean;
  /**
   * The server's event loop over the run: the share of the time it was busy
   * (performance.eventLoopUtilization) and how late its timers ran (a stall, such as a
   * checkpoint inside a COMMIT, is the max).
   */
  serverEventLoop: { utilization: number; delayMs: LoopReport['delayMs']; gcPauses: LoopReport['gcPauses'] };
  /**
   * The server's main thread (the event loop) over the run, in ms: how long it ran on a
   * core, and how long it was ready to run but waited for one (the scheduler's run queue,
   * /proc/PID/task/PID/schedstat). Waiting a large share of the run means the machine's
   * cores, shared with wrk, the signing threads and anything else, bound the latency.
   */
  serverMainThreadScheduling: { ranMs: number; runQueueWaitMs: number };
}

export type Exchange = 'simpleenroll' | 'verify-pin';

interface WrkSummary {
  requests: number;
  listLength: number;
  ranOut: boolean;
  durationUs: number;
  non2xx: number;
  socketErrors: Record<'connect' | 'read' | 'write' | 'timeout', number>;
  latencyUs: { min: number; max: number; mean: number; p50: number; p90: number; p99: number };
  cpuSeconds: number;
}

const basicAuth = (applicationNo: string): string => `Basic ${Buffer.from(`${applicationNo}:${BENCH_PIN}`).toString('base64')}`;

/**
 * `concurrency` keep-alive connections from wrk (one thread, C: the load generator takes
 * ~0.03 ms of CPU per request where a Node client took ~0.2 ms of the same 2 cores),
 * one request per application (ca-load.lua), until the list or `seconds` runs out.
 */
export async function load(server: { url: string; pid: number; loop(): Promise<LoopReport> }, work: string, concurrency: number, applications: string[], exchange: Exchange, seconds: number, csrFile: string): Promise<Load> {
  const list = join(work, `applications-${exchange}-${concurrency}.tsv`);
  const result = join(work, `wrk-${exchange}-${concurrency}.json`);
  await writeFile(list, applications.map((no) => `${no}\t${basicAuth(no)}\n`).join(''));
  const loop0 = await server.loop();
  const serverCpu0 = cpuMs(server.pid);
  const mainThreadCpu0 = cpuMs(server.pid, server.pid);
  const scheduled0 = scheduledMs(server.pid, server.pid);
  await promisify(execFile)('wrk', ['-t1', `-c${concurrency}`, `-d${Math.ceil(seconds)}s`, '--timeout', '30s', '-s', join(REPO_ROOT, 'test/bench/ca-load.lua'), server.url], {
    env: { ...process.env, BENCH_APPLICATIONS: list, BENCH_EXCHANGE: exchange, BENCH_CSR: csrFile, BENCH_RESULT: result },
    timeout: (seconds + 60) * 1000,
  });
  const serverCpuMs = cpuMs(server.pid) - serverCpu0;
  const mainThreadCpuMs = cpuMs(server.pid, server.pid) - mainThreadCpu0;
  const scheduled1 = scheduledMs(server.pid, server.pid);
  const loop1 = await server.loop();
  const active = loop1.activeMs - loop0.activeMs;
  const utilization = round(active / (active + loop1.idleMs - loop0.idleMs), 3);
  const wrk = JSON.parse(await readFile(result, 'utf8')) as WrkSummary;
  const socketErrors = Object.values(wrk.socketErrors).reduce((a, b) => a + b, 0);
  if (socketErrors > 0) throw new Error(`wrk: socket errors ${JSON.stringify(wrk.socketErrors)}`);
  const ms = (us: number) => round(us / 1000);
  return {
    concurrency,
    requests: wrk.requests,
    seconds: round(wrk.durationUs / 1e6),
    perSecond: round(wrk.requests / (wrk.durationUs / 1e6), 0),
    latencyMs: { n: wrk.requests, median: ms(wrk.latencyUs.p50), min: ms(wrk.latencyUs.min), max: ms(wrk.latencyUs.max), p50: ms(wrk.latencyUs.p50), p99: ms(wrk.latencyUs.p99), mean: ms(wrk.latencyUs.mean), p90: ms(wrk.latencyUs.p90) },
    failures: wrk.non2xx,
    cpuMsPerRequest: { server: round(serverCpuMs / wrk.requests, 3), serverMainThread: round(mainThreadCpuMs / wrk.requests, 3), clients: round((wrk.cpuSeconds * 1000) / wrk.requests, 3) },
    listUsedUp: wrk.ranOut || wrk.requests >= wrk.listLength,
    serverEventLoop: { utilization, delayMs: loop1.delayMs, gcPauses: loop1.gcPauses },
    serverMainThreadScheduling: { ranMs: round(scheduled1.ran - scheduled0.ran, 0), runQueueWaitMs: round(scheduled1.waited - scheduled0.waited, 0) },
  };
}

/** Ends the server (stdin closed: it closes and exits), killing it if it does not within 5 s. */
export async function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  if (child.stdin) feedInput(child.stdin);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
