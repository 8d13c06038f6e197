// SQLite's WAL checkpoints run on a worker thread with its own connection, never inside
// a COMMIT on the serving connection (which was the CA's p99 under load), and the WAL
// file stays bounded: restarted under load, truncated once writes stop, truncated past
// the limit once a reader that held it back lets go. Real SQLite files in a temp dir.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICENESS } from '../../../src/server/background-thread.js';
import { openDatabase, type OpenedDatabase } from '../../../src/server/store/database.js';
import type { CheckpointResult } from '../../../src/server/store/wal-checkpointer.js';
import { REPO_ROOT } from '../../support/ca-server.js';
import { threadNiceValues } from '../../support/thread-nice.js';

interface Db {
  rows: { id: number; body: string };
}

/** Rows as a fresh connection of its own reads them from the file. */
function rowsInFile(file: string): number {
  const reader = new Database(file, { readonly: true });
  try {
    return (reader.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

const walSize = (file: string): number => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('WAL checkpoints off the event loop', () => {
  let dir: string;
  let file: string;
  let opened: OpenedDatabase;
  let db: Kysely<Db>;
  let checkpoints: CheckpointResult[];

  const open = async (limitFrames?: number, more: { catchUpFrames?: number } = {}) => {
    checkpoints = [];
    opened = openDatabase(file, { checkpoints: { intervalMs: 50, ...(limitFrames ? { limitFrames } : {}), ...more, onCheckpoint: (result) => checkpoints.push(result) } });
    db = opened.db as unknown as Kysely<Db>;
    await sql`CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(db);
  };
  const write = async (count: number, from: number) => {
    for (let i = 0; i < count; i++) await db.insertInto('rows').values({ id: from + i, body: 'x'.repeat(2000) }).execute();
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokendesk-wal-'));
    file = join(dir, 'ca.db');
  });
  afterEach(async () => {
    await opened.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the serving connection never checkpoints; the worker does, and truncates the WAL once writes stop', async () => {
    await open();
    const serving = (await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db)).rows[0]!;
    expect(serving.wal_autocheckpoint).toBe(0);

    await until(() => checkpoints.length > 0, 'the worker to start');

    // 3,000 commits of a 2 KB row, about 6,000 WAL frames (24 MB) if nothing were checkpointed;
    // the worker's passive checkpoints between the batches let each batch start the WAL over.
    for (let batch = 0; batch < 30; batch++) {
      await write(100, batch * 100);
      await sleep(60);
    }
    expect(checkpoints.some((c) => c.mode === 'PASSIVE' && c.checkpointedFrames > 0)).toBe(true);
    // Half of the no-checkpoint figures, with room for ticks delayed on a busy machine.
    expect(Math.max(...checkpoints.map((c) => c.logFrames))).toBeLessThan(3000);
    expect(walSize(file)).toBeLessThan(12 * 1024 * 1024);

    // Idle: the next ticks see no new commit and give the file's space back.
    await until(() => checkpoints.some((c) => c.mode === 'TRUNCATE') && walSize(file) === 0, 'the WAL to be truncated');
    // Everything reached the database file: a fresh connection reads it all.
    expect(rowsInFile(file)).toBe(3000);
  });

  // A checkpoint every few ms keeps each one small (the CA's p99), so it must not tick
  // for nothing: an idle CA wakes no thread, and reads alone start no checkpoint.
  it('checkpoints run only while there are writes: none for reads, none once the WAL is given back', async () => {
    await open();
    await write(20, 0);
    await until(() => checkpoints.some((c) => c.mode === 'TRUNCATE') && walSize(file) === 0, 'the WAL to be truncated');
    const settled = checkpoints.length;
    for (let i = 0; i < 10; i++) {
      await db.selectFrom('rows').selectAll().where('id', '=', i).execute();
      await sleep(20);
    }
    await sleep(200); // four intervals
    expect(checkpoints.length).toBe(settled);

    await write(1, 100);
    await until(() => checkpoints.length > settled, 'a checkpoint after the write');
    await until(() => walSize(file) === 0, 'the WAL given back again');
    expect(rowsInFile(file)).toBe(21);
  });

  // A writer starts the WAL over only in a transaction begun on a WAL all copied back.
  // With transactions back to back, as the CA's are under load, none ever was: the WAL
  // grew to the limit, and the TRUNCATE there held every writer up (the CA's p99).
  it('under back-to-back transactions the WAL still starts over, far below the limit', async () => {
    await open(1_000_000, { catchUpFrames: 200 });
    const writer = async (from: number) => {
      for (let i = 0; i < 400; i++) {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('rows').values({ id: from + 2 * i, body: 'x'.repeat(2000) }).execute();
          await sleep(1); // a transaction open across a turn of the event loop, as the CA's are
          await trx.insertInto('rows').values({ id: from + 2 * i + 1, body: 'x'.repeat(2000) }).execute();
        });
      }
    };
    await Promise.all([writer(0), writer(1_000_000)]);
    // 1,600 rows of 2 KB: ~3,200 frames if the WAL never started over.
    const most = Math.max(...checkpoints.map((c) => c.logFrames));
    expect(most).toBeLessThan(1_200);
    expect(checkpoints.some((c) => c.mode === 'TRUNCATE')).toBe(false);
    expect(rowsInFile(file)).toBe(1_600);
  });

  // Woken by the tick's message at the event loop's own priority, the worker preempted the
  // event loop for as long as a checkpoint took (CPU profiles of the CA under load).
  it.runIf(process.platform === 'linux')('the worker runs below the event loop, which keeps its priority', async () => {
    const own = getPriority();
    const lowered = Math.min(19, own + BACKGROUND_NICENESS);
    expect(lowered).toBeGreaterThan(own); // else the test could not tell
    const before = threadNiceValues().filter((nice) => nice === lowered).length;
    await open();
    await until(() => checkpoints.length > 0, 'the worker to start');
    expect(threadNiceValues().filter((nice) => nice === lowered).length).toBe(before + 1);
    expect(getPriority()).toBe(own);
  });

  it('past the limit, a WAL a reader held back is truncated once the reader lets go', async () => {
    await open(64);
    await write(10, 0);
    // Another process's long read pins the WAL: passive checkpoints cannot copy past it.
    const reader = new Database(file, { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM rows').get();
    try {
      await write(200, 10);
      await until(() => checkpoints.some((c) => c.mode === 'TRUNCATE' && c.busy), 'a TRUNCATE held back by the reader');
      expect(walSize(file)).toBeGreaterThan(64 * 4096);
    } finally {
      reader.prepare('COMMIT').run();
      reader.close();
    }
    await until(() => walSize(file) === 0, 'the WAL to be truncated after the reader');
    expect(checkpoints.at(-1)).toMatchObject({ busy: false });
  });

  it('closing stops the worker first; the last connection folds the WAL in and removes it', async () => {
    await open();
    await write(50, 0);
    await until(() => checkpoints.length > 0, 'a first checkpoint');
    await opened.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(rowsInFile(file)).toBe(50);
    // afterEach closes again: a second close must be harmless.
  });

  it('a process whose last act is closing the store gets to the end of the close', async () => {
    // The worker does not keep a process alive, except while close() waits for it: a
    // bench whose last step was the close, made while the worker was still starting, ended
    // with the close unsettled (exit code 13). Closing at several moments of its start:
    const script = [
      `import { openDatabase } from ${JSON.stringify(join(REPO_ROOT, 'src/server/store/database.ts'))};`,
      `import { sql } from 'kysely';`,
      `for (const [i, wait] of [12, 15, 20, 30, 40, 60].entries()) {`,
      `  const opened = openDatabase(${JSON.stringify(file)} + i, { checkpoints: { intervalMs: 10 } });`,
      '  await sql`CREATE TABLE t (x)`.execute(opened.db);',
      '  await new Promise((done) => setTimeout(done, wait));',
      '  await opened.close();',
      "  process.stdout.write('closed ');",
      '}',
    ].join('\n');
    const child = await runNode(['--import', 'tsx', '--input-type=module', '-e', script]);
    expect(child).toEqual({ code: 0, stdout: 'closed '.repeat(6) });
    opened = openDatabase(file); // for afterEach
  });
});

function runNode(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout }));
  });
}
