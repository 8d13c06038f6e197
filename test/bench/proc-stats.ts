/**
 * What Linux's /proc says about other processes (the CA servers, PostgreSQL) that the
 * benches measure from outside: CPU time and resident memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { statFields } from '../support/proc-stat.js';

// proc(5) numbers the fields from 1 (pid) and 2 (comm); after comm, field n is at index n - 3.
const PPID = 4 - 3;
const UTIME = 14 - 3;
const STIME = 15 - 3;
const CUTIME = 16 - 3;
const CSTIME = 17 - 3;
/** USER_HZ: Linux reports CPU times in clock ticks of 10 ms. */
const MS_PER_TICK = 10;

/**
 * User + system CPU milliseconds used so far by a process (all its threads), or by one
 * of its threads (a process's main thread has the process's id).
 */
export function cpuMs(pid: number, thread?: number): number {
  const fields = statFields(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`);
  return (Number(fields[UTIME]) + Number(fields[STIME])) * MS_PER_TICK;
}

/**
 * CPU milliseconds used so far by a server that forks a process per connection
 * (PostgreSQL's postmaster and its backends, writer, checkpointer …): the parent's own,
 * its children's that have exited (cutime + cstime, counted when reaped), and its live
 * children's. The difference over a run holds every process that worked in it.
 */
export function processFamilyCpuMs(parentPid: number): number {
  const parent = statFields(`/proc/${parentPid}/stat`);
  let ticks = Number(parent[UTIME]) + Number(parent[STIME]) + Number(parent[CUTIME]) + Number(parent[CSTIME]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(`/proc/${entry}/stat`);
      if (Number(fields[PPID]) === parentPid) ticks += Number(fields[UTIME]) + Number(fields[STIME]);
    } catch {
      // the process ended between the listing and the read: its time is in the parent's cutime
    }
  }
  return ticks * MS_PER_TICK;
}

/** Resident set size of a process now, in KiB (VmRSS of /proc/PID/status). */
export function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/**
 * Idle time before a memory reading: V8's memory reducer collects a heap left idle after
 * allocating, ~8 s after allocation stops. A resident set read right after a burst says
 * where V8's heap sizing (and the allocator's arenas) stood, ±10 % from run to run, not
 * what the work kept: the CA's read 2 s after its last round gave +10.7 %, +12.7 % and
 * +3.8 % growth in three runs of the same code. A quick run does not wait for the reducer
 * at all (its readings are that heap sizing, as the 2 s it used to wait were): 1 s lets
 * the burst's last requests finish, and keeps `--quick` under a minute.
 */
export const settleMs = (quick: boolean): number => (quick ? 1_000 : 12_000);

/**
 * The resident set (MiB) once the process has been idle `settle` ms: the median of five
 * readings over the settle's last fifth, so one read that catches a collection midway
 * does not decide.
 */
export async function settledRssMiB(pid: number, settle: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, (settle * 4) / 5));
  const readings: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, settle / 25));
    readings.push(rssKiB(pid) / 1024);
  }
  return Math.round(readings.sort((a, b) => a - b)[2]! * 10) / 10;
}

/**
 * How long a thread has run on a CPU, and waited on a run queue while ready to run
 * (runnable but not running: another thread had the core), in ms — /proc's schedstat,
 * nanoseconds since the thread started. A thread that waited long on the run queue was
 * slowed by the machine, not by its own work or by what it waited for (a lock, I/O).
 */
export function scheduledMs(pid: number, thread: number): { ran: number; waited: number } {
  const [ran, waited] = readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').trim().split(' ').map(Number);
  return { ran: (ran ?? 0) / 1e6, waited: (waited ?? 0) / 1e6 };
}
