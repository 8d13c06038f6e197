/**
 * Small statistics and timing helpers shared by the benches. Every figure a bench
 * prints is in milliseconds (rounded to 0.01 ms) unless its name says otherwise.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p50: number;
  p99: number;
}

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Nearest-rank percentile of an already sorted array. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Median of an already sorted array (NaN when empty). */
function sortedMedian(sorted: readonly number[]): number {
  const mid = sorted.length / 2;
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, unrounded. */
export function median(values: readonly number[]): number {
  return sortedMedian([...values].sort((a, b) => a - b));
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: round(sortedMedian(sorted)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
  };
}

/** Ratio of two medians, e.g. ours / reference (1.0 = as fast as the reference). */
export function ratio(ours: Summary | number, reference: Summary | number): number {
  const a = typeof ours === 'number' ? ours : ours.median;
  const b = typeof reference === 'number' ? reference : reference.median;
  return round(a / b, 3);
}

export const now = (): number => performance.now();

/** Runs `work` `runs` times (after `warmup` untimed runs); answers each run's wall time. */
export async function timeRuns(runs: number, work: () => Promise<unknown> | unknown, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = now();
    await work();
    samples.push(now() - t0);
  }
  return samples;
}

/**
 * Interleaves two (or more) measurements run by run (A B A B …) so both see the same
 * load: on a shared 2-core machine a load spike then hits both sides of a ratio.
 */
export async function timeInterleaved<K extends string>(runs: number, work: Record<K, () => Promise<unknown> | unknown>, warmup = 1): Promise<Record<K, number[]>> {
  const keys = Object.keys(work) as K[];
  for (let i = 0; i < warmup; i += 1) for (const key of keys) await work[key]();
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as unknown as Record<K, number[]>;
  for (let i = 0; i < runs; i += 1) {
    for (const key of keys) {
      const t0 = now();
      await work[key]();
      samples[key].push(now() - t0);
    }
  }
  return samples;
}

/** Wall time is at the mercy of the machine's load; CPU time per read (this process, the thread pool's sign included) less so. */
export function withCpuTime(work: () => Promise<void>): { work: () => Promise<void>; perReadMs: () => number; reset: () => void } {
  let micros = 0;
  let reads = 0;
  return {
    work: async () => {
      const before = process.cpuUsage();
      await work();
      const used = process.cpuUsage(before);
      micros += used.user + used.system;
      reads += 1;
    },
    perReadMs: () => round(micros / reads / 1000, 3),
    reset: () => {
      micros = 0;
      reads = 0;
    },
  };
}

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  openssl: string;
  loadavgAtStart: number[];
}

export function machine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux: os.cpus() it is
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep os.cpus()
  }
  let openssl = 'unknown';
  try {
    openssl = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    // no openssl binary
  }
  return { nproc, cpu, node: process.version, openssl, loadavgAtStart: loadavg().map((l) => round(l)) };
}

/** A bench's result: printed as JSON. `targets` says, for each target, whether it was met. */
export interface BenchResult {
  bench: string;
  mode: 'quick' | 'full';
  [key: string]: unknown;
}

export interface BenchOptions {
  quick: boolean;
  /** Progress lines for a human go to stderr; stdout carries only the JSON. */
  log: (line: string) => void;
}
