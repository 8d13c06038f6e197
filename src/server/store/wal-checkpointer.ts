/**
 * SQLite's WAL checkpoints off the event loop.
 *
 * By default SQLite checkpoints inside the COMMIT that takes the WAL past 1,000 pages:
 * that commit copies the pages back into the database file and syncs it, a few ms on
 * the serving thread every few hundred issuances — the CA's p99 under load
 * (docs/benchmarks.md). Here the serving connection never checkpoints (`wal_autocheckpoint=0`);
 * a worker thread holding its own connection to the same file runs a PASSIVE checkpoint
 * `intervalMs` after a write and then every `intervalMs` while writes go on, which copies
 * what it can without ever blocking a writer, and writers then start the WAL over from
 * its beginning. Nothing is written, nothing runs: an idle CA wakes no thread.
 *
 * Often, not rarely: a checkpoint syncs the WAL and the database file, and while the
 * kernel writes back what it syncs, the serving thread's own WAL writes wait their turn
 * (they are synchronous, on the event loop). The wait grows with what a checkpoint has
 * to sync: at the CA bench's 2,600 enrollments/s a checkpoint every 200 ms stalled the
 * event loop for up to ~40 ms, every 25 ms for a few (docs/benchmarks.md; measured
 * both ways in one run). The syncs stay, so what a commit made durable stays durable.
 *
 * The WAL must not grow without bound, so:
 *  - once the writes stop (nothing new since the last tick, all of it copied back), one
 *    TRUNCATE checkpoint gives the file's space back;
 *  - past `limitFrames` (a reader that never lets a passive checkpoint finish), TRUNCATE
 *    anyway — it makes the writers wait while it runs, the price of a bounded file;
 *  - should the worker fail or stop, the serving connection checkpoints by itself again.
 *
 * The worker runs below the event loop's priority (background-thread.ts): woken by the
 * tick's message at equal priority it preempted the event loop for the checkpoint's length.
 *
 * The worker starts on the first tick, so a short-lived operator command never pays for
 * it (its closing connection checkpoints, as SQLite does on the last close).
 * `openDatabase` tells it of each write (`noteWrite`, from a statement that is not read-only).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { LOWER_THIS_THREAD } from '../background-thread.js';

export type CheckpointMode = 'PASSIVE' | 'TRUNCATE';

/** One `PRAGMA wal_checkpoint` result: frames in the WAL and frames copied back. */
export interface CheckpointResult {
  mode: CheckpointMode;
  busy: boolean;
  logFrames: number;
  checkpointedFrames: number;
}

export interface WalCheckpointerOptions {
  intervalMs?: number;
  /** WAL frames (pages) past which a TRUNCATE runs even under load. */
  limitFrames?: number;
  /** WAL frames past which the serving connection copies back what the worker could not reach (catchUp). */
  catchUpFrames?: number;
  /** No commit for this long, the WAL all copied back: it is truncated (TRUNCATE). */
  idleMs?: number;
  /** Each checkpoint's result (tests, benches). */
  onCheckpoint?: (result: CheckpointResult) => void;
}

/**
 * Plain JavaScript run by `new Worker(…, { eval: true })`: the same text works from the
 * TypeScript source (tsx), tsc's dist/ and the CLI's esbuild bundle, none of which would
 * agree on a worker file's path. It only runs the checkpoint it is told to; the decisions
 * stay in typed code below. better-sqlite3 is required by the path resolved here.
 */
const WORKER_SOURCE = `${LOWER_THIS_THREAD}
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
parentPort.on('message', (mode) => {
  if (mode === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const row = db.pragma('wal_checkpoint(' + (mode === 'TRUNCATE' ? 'TRUNCATE' : 'PASSIVE') + ')')[0];
    // data_version moves when another connection (the serving one) has committed.
    parentPort.postMessage({ busy: row.busy === 1, logFrames: row.log, checkpointedFrames: row.checkpointed, dataVersion: db.pragma('data_version', { simple: true }) });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

type WorkerAnswer = (Omit<CheckpointResult, 'mode'> & { dataVersion: number }) | { error: string };

export class WalCheckpointer {
  private readonly intervalMs: number;
  private readonly limitFrames: number;
  private readonly catchUpFrames: number;
  private readonly idleMs: number;
  private readonly onCheckpoint: ((result: CheckpointResult) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private worker: Worker | undefined;
  private pending: ((answer: WorkerAnswer) => void) | undefined;
  private running: Promise<void> | undefined;
  private lastLogFrames = 0;
  private lastDataVersion = -1;
  private lastCommitSeenAt = 0;
  private writtenSinceTick = false;
  private stopped = false;

  constructor(
    /** The serving connection: its own checkpoints come back should the worker fail. */
    private readonly sqlite: Database.Database,
    private readonly file: string,
    /** Runs a PASSIVE checkpoint on the serving connection between two of its transactions (catchUp). */
    private readonly catchUpBetweenTransactions: () => Promise<unknown>,
    options: WalCheckpointerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 25;
    this.limitFrames = options.limitFrames ?? 16_384; // 64 MiB of 4 KiB pages
    this.catchUpFrames = options.catchUpFrames ?? 2_048; // 8 MiB
    this.idleMs = options.idleMs ?? 1_000;
    this.onCheckpoint = options.onCheckpoint;
    sqlite.pragma('wal_autocheckpoint = 0');
  }

  /** The serving connection is about to write: a checkpoint follows `intervalMs` later, unless one is already due. */
  noteWrite(): void {
    this.writtenSinceTick = true;
    if (this.timer === undefined && this.running === undefined && !this.stopped) this.arm();
  }

  private arm(): void {
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  private tick(): Promise<void> {
    this.timer = undefined;
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.writtenSinceTick = false;
    this.running = this.checkpointOnce()
      .then((settled) => {
        // Until the WAL is folded in and given back, and for a write made meanwhile, the next tick is due.
        if ((!settled || this.writtenSinceTick) && !this.stopped) this.arm();
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** One tick's checkpoints; true once the WAL is all copied back and truncated with no write since. */
  private async checkpointOnce(): Promise<boolean> {
    const passive = await this.run('PASSIVE');
    if (!passive) return false;
    const now = performance.now();
    if (passive.dataVersion !== this.lastDataVersion) this.lastCommitSeenAt = now;
    this.lastDataVersion = passive.dataVersion;
    this.lastLogFrames = passive.logFrames;
    const copiedAll = passive.logFrames === passive.checkpointedFrames;
    // Idle: all of the WAL copied back and nothing committed for a while. Only then the
    // TRUNCATE, which holds the write lock: a burst of writes that met it would wait.
    const idle = copiedAll && now - this.lastCommitSeenAt >= this.idleMs;
    if (idle && passive.logFrames === 0) return true;
    if (passive.logFrames >= this.catchUpFrames && passive.logFrames <= this.limitFrames) await this.catchUp();
    if (!idle && passive.logFrames <= this.limitFrames) return false;
    const truncated = await this.run('TRUNCATE');
    return idle && truncated !== undefined && !truncated.busy;
  }

  /**
   * A writer starts the WAL over only in a transaction that began on a WAL all copied
   * back. Under steady writes none does: the worker's checkpoint reaches the WAL's end,
   * but a transaction open meanwhile commits after it, and the next begins on frames not
   * copied yet. The WAL then grew to the limit, whose TRUNCATE holds the write lock for
   * tens of ms while the serving connection's busy handler sleeps on the event loop
   * (1 + 2 + 5 + 10 + 15 ms: the CA's p99 under load, docs/benchmarks.md). So past
   * `catchUpFrames` the serving connection copies back what is left itself, between two
   * transactions (`catchUpBetweenTransactions`, from openDatabase: through Kysely,
   * which runs it in turn with them) — only the frames committed since the worker's
   * checkpoint, a few ms at most — and the transaction after it starts the WAL over.
   */
  private async catchUp(): Promise<void> {
    try {
      await this.catchUpBetweenTransactions();
    } catch {
      // Busy or failing: the worker's next tick, or the limit, deals with it.
    }
  }

  private async run(mode: CheckpointMode): Promise<(CheckpointResult & { dataVersion: number }) | undefined> {
    const worker = this.worker ?? this.startWorker();
    if (!worker) return undefined;
    const answer = await new Promise<WorkerAnswer>((resolveAnswer) => {
      this.pending = resolveAnswer;
      worker.postMessage(mode);
    });
    this.pending = undefined;
    if ('error' in answer) {
      // A checkpoint that failed (a full disk, say) is tried again on the next tick;
      // the data is safe in the WAL meanwhile, and past the limit the file stays bounded
      // by the serving connection's own checkpoints.
      if (this.lastLogFrames > this.limitFrames) this.fallBack();
      return undefined;
    }
    const { dataVersion, ...result } = answer;
    this.onCheckpoint?.({ mode, ...result });
    return { mode, dataVersion, ...result };
  }

  private startWorker(): Worker | undefined {
    if (this.stopped) return undefined;
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { file: this.file, betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'), busyTimeoutMs: 1000 },
      });
      worker.unref();
      worker.on('message', (answer: WorkerAnswer) => this.pending?.(answer));
      worker.on('error', (error) => this.pending?.({ error: error.message }));
      worker.on('exit', () => {
        this.pending?.({ error: 'the checkpoint worker stopped' });
        if (this.worker === worker) {
          this.worker = undefined;
          this.fallBack();
        }
      });
      this.worker = worker;
      return worker;
    } catch {
      this.fallBack();
      return undefined;
    }
  }

  /** The serving connection checkpoints by itself again (SQLite's default). */
  private fallBack(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.sqlite.open) this.sqlite.pragma('wal_autocheckpoint = 1000');
  }

  /** Stops the timer and waits for the worker to close its connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // Unreferenced, the worker would not keep the process alive for the answers awaited
    // here: a process whose last act is closing the store would end with them unsettled.
    this.worker?.ref();
    await this.running;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise((resolveExit) => worker.once('exit', resolveExit));
    worker.postMessage('close');
    await exited;
  }
}
