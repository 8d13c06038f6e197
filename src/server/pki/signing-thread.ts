/**
 * The CA key's signatures on a thread of their own instead of libuv's pool.
 *
 * node:crypto's asynchronous `sign` queues each signature on libuv's thread pool, and
 * queueing it wakes a pool thread with pthread_cond_signal. With glibc's condition
 * variable (2.25 and later) that call can *wait*: before it may signal again it waits
 * for pool threads it woke earlier to leave the wait, which they do only once the
 * scheduler runs them. On a machine whose cores are busy (the pool's own signatures,
 * the load, other processes) that is milliseconds to tens of milliseconds, during which
 * the event loop — every request in flight — stands still. Recorded with
 * `perf record -e sched:sched_switch --call-graph dwarf` on the CA under load: 43 of the
 * event loop's 66 futex sleeps in 3 s were in `uv_cond_signal` ← `uv_queue_work` ←
 * `CryptoJob<SignTraits>::Run` (docs/benchmarks.md).
 *
 * Here the signatures go to worker threads of their own (config `signingThreads`) by message (a queue push and an eventfd
 * write, which never waits for the other thread to be scheduled). Both sides batch: the
 * requests of one tick go as one message, and the worker answers all it has signed in
 * one message per turn of its loop, so a burst of 32 enrollments costs two cross-thread
 * wake-ups rather than 64.
 *
 * The threads run below the event loop's scheduling priority (background-thread.ts), so
 * a signature never takes a core the event loop is waiting for.
 *
 * Opt-in (config.ts `signingThreads`): by default the signatures stay on libuv's pool.
 *
 * The workers start on the first signature, so an operator command that signs nothing
 * never pays for it. Should it fail or stop, its unanswered signatures and every later
 * one are made by node:crypto on libuv's pool, as before: a request never waits forever
 * on a dead thread.
 */
import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { LOWER_THIS_THREAD } from '../background-thread.js';
import { signOnPool, type CaSigner } from './ca-signer.js';

/**
 * Plain JavaScript run by `new Worker(…, { eval: true })`, as wal-checkpointer.ts's
 * worker and for the same reason (the TypeScript source, tsc's dist/ and the CLI bundle
 * would not agree on a worker file's path). The key arrives once, as a KeyObject (which
 * worker_threads clones between threads; it is never exported to bytes).
 */
const WORKER_SOURCE = `${LOWER_THIS_THREAD}
const { parentPort, workerData } = require('node:worker_threads');
const { sign } = require('node:crypto');
const key = workerData.key;
let answers = [];
let moved = [];
let flushing = false;
function flush() {
  flushing = false;
  const batch = answers;
  const transfer = moved;
  answers = [];
  moved = [];
  parentPort.postMessage(batch, transfer);
}
parentPort.on('message', (batch) => {
  if (batch === 'close') {
    parentPort.close();
    return;
  }
  for (const { id, algorithm, data } of batch) {
    try {
      const signature = sign(algorithm, data, key);
      answers.push({ id, signature });
      if (signature.byteLength === signature.buffer.byteLength) moved.push(signature.buffer);
    } catch (error) {
      answers.push({ id, error: String((error && error.message) || error) });
    }
  }
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
});
`;

/**
 * How many signing threads a CA starts: as configured, else none — libuv's pool. Measured
 * on 2 cores with the WAL checkpoints made small (docs/benchmarks.md): one thread of
 * its own signed ~20 % fewer certificates a second than the pool, for no shorter tail.
 */
export function signingThreadCount(configured: number | undefined): number {
  return configured ?? 0;
}

type Answer = { id: number; signature: Uint8Array } | { id: number; error: string };

interface Waiting {
  algorithm: string;
  data: Buffer;
  resolve(signature: Buffer): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  /** Signatures sent to it and not yet answered. */
  outstanding: number;
}

export class SigningThread {
  private threads: Thread[] = [];
  /** Sent to a worker, not yet answered. */
  private readonly waiting = new Map<number, Waiting>();
  /** Asked for in this tick, sent together at its end. */
  private outgoing: { id: number; algorithm: string; data: Uint8Array }[] = [];
  private outgoingBuffers: ArrayBuffer[] = [];
  private nextId = 1;
  private failed = false;
  private closed = false;
  /** Set by close() while it waits for the last answers. */
  private drained: (() => void) | undefined;

  /** Where a signature goes once the threads failed or closed. */
  private readonly onPool: CaSigner;

  constructor(
    private readonly key: KeyObject,
    private readonly threadCount: number,
  ) {
    this.onPool = signOnPool(key);
  }

  /** The signature of `data` by the key (`algorithm` the digest, e.g. 'sha256'). */
  sign(algorithm: string, data: Buffer): Promise<Buffer> {
    if (this.failed || this.closed) return this.onPool(algorithm, data);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { algorithm, data, resolve, reject });
      if (this.outgoing.length === 0) queueMicrotask(() => this.send());
      // A copy in an ArrayBuffer of its own, moved to the worker rather than cloned: a
      // Buffer is often a view into Node's shared 8 KiB pool, all of which a clone would copy.
      const copy = new ArrayBuffer(data.byteLength);
      new Uint8Array(copy).set(data);
      this.outgoing.push({ id, algorithm, data: new Uint8Array(copy) });
      this.outgoingBuffers.push(copy);
    });
  }

  private send(): void {
    const batch = this.outgoing;
    const buffers = this.outgoingBuffers;
    this.outgoing = [];
    this.outgoingBuffers = [];
    if (batch.length === 0 || this.failed) return;
    if (this.threads.length === 0 && !this.start()) return this.fallBack();
    // The thread with the least left to sign takes the batch.
    const thread = this.threads.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
    // Referenced while signatures are out: a process waiting only for them stays alive.
    if (thread.outstanding === 0) thread.worker.ref();
    thread.outstanding += batch.length;
    thread.worker.postMessage(batch, buffers);
  }

  private start(): boolean {
    try {
      for (let i = 0; i < this.threadCount; i += 1) {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { key: this.key } });
        const thread: Thread = { worker, outstanding: 0 };
        // Referenced only while signatures are out (send, answer): an idle CA closing
        // down, or an operator command, is never kept alive by it.
        worker.unref();
        worker.on('message', (answers: Answer[]) => this.answer(thread, answers));
        worker.on('error', () => this.fallBack());
        // close() lets go of the workers before it asks them to end; any other exit is a failure.
        worker.on('exit', () => {
          if (this.threads.includes(thread)) this.fallBack();
        });
        this.threads.push(thread);
      }
      return true;
    } catch {
      return false;
    }
  }

  private answer(thread: Thread, answers: Answer[]): void {
    for (const answer of answers) {
      const waiting = this.waiting.get(answer.id);
      if (!waiting) continue;
      this.waiting.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve(Buffer.from(answer.signature.buffer, answer.signature.byteOffset, answer.signature.byteLength));
    }
    thread.outstanding = Math.max(0, thread.outstanding - answers.length);
    if (thread.outstanding === 0) thread.worker.unref();
    if (this.waiting.size === 0) this.drained?.();
  }

  /** A worker failed or stopped: what was not answered, and all that follows, is signed on libuv's pool. */
  private fallBack(): void {
    this.failed = true;
    const threads = this.threads;
    this.threads = [];
    for (const thread of threads) void thread.worker.terminate();
    const unanswered = [...this.waiting.values()];
    this.waiting.clear();
    this.outgoing = [];
    this.outgoingBuffers = [];
    for (const w of unanswered) this.onPool(w.algorithm, w.data).then(w.resolve, w.reject);
    this.drained?.();
  }

  /** Waits for the signatures already asked for, then ends the workers. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.outgoing.length > 0) this.send();
    if (this.waiting.size > 0 && this.threads.length > 0) await new Promise<void>((resolveDrained) => (this.drained = resolveDrained));
    this.drained = undefined;
    const threads = this.threads;
    this.threads = [];
    await Promise.all(
      threads.map((thread) => {
        const exited = new Promise((resolveExit) => thread.worker.once('exit', resolveExit));
        thread.worker.ref();
        thread.worker.postMessage('close');
        return exited;
      }),
    );
  }
}
