// A SQLite lock conflict is the database's availability (503, try again), whatever
// extended code SQLite gives it: better-sqlite3 reports the extended code
// (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED_SHAREDCACHE …), and only the
// bare SQLITE_BUSY / SQLITE_LOCKED were known, so a snapshot conflict answered 500.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../src/server/store/database.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('a write on a snapshot another connection has moved past (SQLITE_BUSY_SNAPSHOT) is unavailability, not a failure of the request', () => {
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-busy-'));
  const file = join(dir, 'ca.sqlite');
  const reader = new Database(file);
  const writer = new Database(file);
  try {
    reader.pragma('journal_mode = WAL');
    reader.exec('create table t (v integer)');
    reader.exec('begin');
    reader.prepare('select count(*) from t').get();
    writer.prepare('insert into t values (1)').run();
    let thrown: unknown;
    try {
      reader.prepare('insert into t values (2)').run();
    } catch (error) {
      thrown = error;
    }
    expect((thrown as { code?: string }).code).toBe('SQLITE_BUSY_SNAPSHOT');
    expect(isDatabaseUnavailable(thrown)).toBe(true);
  } finally {
    reader.close();
    writer.close();
  }
});

it('other SQLite failures stay the request\'s (a constraint is no reason to try again)', () => {
  for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_BUSYNESS']) expect(isDatabaseUnavailable(Object.assign(new Error(code), { code }))).toBe(false);
  for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) expect(isDatabaseUnavailable(Object.assign(new Error(code), { code }))).toBe(true);
});
