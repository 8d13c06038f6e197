/**
 * The CA's worker threads (certificate signatures, WAL checkpoints) run below the event
 * loop's scheduling priority.
 *
 * The event loop is the CA's one serial resource: every request in flight waits for it.
 * A worker woken by a message from it (a batch to sign, a checkpoint to run) is, at equal
 * priority, often run at once on the event loop's own core — the kernel places a wakee
 * beside its waker and lets it preempt — and the event loop then waits on the run queue
 * for as long as the worker works: a stall of every request. CPU profiles of the CA under
 * load (docs/benchmarks.md) charged ~50 ms a second to the event loop's postMessage to
 * the checkpoint worker alone, and the event-loop thread waited 555 ms on the run queue
 * in a 3.3-s run at 32 clients. Lowered, a worker still takes every cycle the event loop
 * leaves (the kernel shares a core by weight and starves nobody: nice +10 keeps ~10%
 * against a busy thread of nice 0), and the event loop, once runnable, runs first.
 *
 * Against other processes the workers weigh less too, unless the kernel groups the CA
 * apart (a systemd service's cgroup, a terminal session's autogroup), where they are
 * weighed only against the CA's own threads.
 */

/** How far below the event loop the workers run, in nice steps (+10: ~1:10 by weight). */
export const BACKGROUND_NICENESS = 10;

/**
 * Plain JavaScript, the first lines of an eval'd worker's source: lowers the calling
 * thread's priority (Linux names it in /proc/thread-self, PID/task/TID, and setpriority
 * with a thread's id sets that thread alone). Elsewhere, or if refused, the thread keeps
 * the process's priority: slower answers under load, never a failure.
 */
export const LOWER_THIS_THREAD = `
try {
  const { getPriority, setPriority } = require('node:os');
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  setPriority(tid, Math.min(19, getPriority(tid) + ${BACKGROUND_NICENESS}));
} catch {}
`;
