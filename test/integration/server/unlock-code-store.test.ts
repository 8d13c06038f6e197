// The unlock codes' decisions are atomic in the database, on SQLite and on PostgreSQL:
// wrong tries fired at once count exactly to the limit and spend the code once; a code
// spent or used releases nothing; a re-issued code is not charged for the old one's tries.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaStore } from '../../../src/server/store/ca-store.js';
import { migrateToLatest, openDatabase } from '../../../src/server/store/database.js';
import { startTestPostgres } from '../../support/postgres.js';

const SERIAL = '02B8BEA7';
const HOUR = 3_600_000;

function unlockCodeContract(open: () => Promise<{ store: CaStore; done: () => Promise<void> }>): void {
  let store: CaStore;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await open());
    const now = new Date();
    await store.unlockCodes.issue(SERIAL, 'hash-1', now.toISOString(), new Date(now.getTime() + 72 * HOUR).toISOString());
  });
  afterEach(async () => {
    await done();
  });

  it('counts twelve wrong tries fired at once as exactly five and spends the code once', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => store.unlockCodes.recordFailure(SERIAL, 'hash-1', 5, '127.0.0.1')));
    const counted = results.filter((result) => result !== undefined);
    expect(counted).toHaveLength(5);
    expect(counted.filter((result) => result!.spent)).toHaveLength(1);
    const row = await store.unlockCodes.get(SERIAL);
    expect(row?.failures).toBe(5);
    expect(row?.spent_at).not.toBeNull();
    const events = (await store.listAudit()).map((entry) => entry.event);
    expect(events.filter((event) => event === 'unlockCodeFailure')).toHaveLength(5);
    expect(events.filter((event) => event === 'unlockCodeSpent')).toHaveLength(1);
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(false);
  });

  it('releases only while live and unexpired; used once, it releases nothing more', async () => {
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date(Date.now() + 73 * HOUR))).toBe(false);
    expect(await store.unlockCodes.release(SERIAL, 'hash-2', new Date())).toBe(false);
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(true);
    const marks = await Promise.all([store.unlockCodes.markUsed(SERIAL, 'hash-1'), store.unlockCodes.markUsed(SERIAL, 'hash-1')]);
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(false);
    expect(await store.unlockCodes.recordFailure(SERIAL, 'hash-1', 5)).toBeUndefined();
  });

  it('a re-issued code starts afresh and is not charged for the old code\'s tries', async () => {
    await store.unlockCodes.recordFailure(SERIAL, 'hash-1', 5);
    const now = new Date();
    await store.unlockCodes.issue(SERIAL, 'hash-2', now.toISOString(), new Date(now.getTime() + 72 * HOUR).toISOString());
    expect(await store.unlockCodes.recordFailure(SERIAL, 'hash-1', 5)).toBeUndefined();
    expect(await store.unlockCodes.get(SERIAL)).toMatchObject({ code_hash: 'hash-2', failures: 0, spent_at: null, used_at: null });
  });
}

describe('unlock codes on SQLite', () => {
  unlockCodeContract(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokendesk-unlock-'));
    const opened = openDatabase(join(dir, 'ca.db'));
    await migrateToLatest(opened);
    return {
      store: new CaStore(opened.db, opened.dialect),
      done: async () => {
        await opened.db.destroy();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
});

const postgres = await startTestPostgres();
afterAll(async () => {
  if (!('skipReason' in postgres)) await postgres.stop();
});

describe.skipIf('skipReason' in postgres)(`unlock codes on PostgreSQL${'skipReason' in postgres ? ` — skipped: ${postgres.skipReason}` : ''}`, () => {
  unlockCodeContract(async () => {
    if ('skipReason' in postgres) throw new Error(postgres.skipReason);
    const opened = openDatabase(await postgres.createDatabase());
    await migrateToLatest(opened);
    return { store: new CaStore(opened.db, opened.dialect), done: () => opened.db.destroy() };
  });
});
