// The unlock codes' decisions are atomic in the database, on SQLite and on PostgreSQL:
// wrong tries fired at once count exactly to the limit and spend the code once; a code
// spent or used releases nothing; a re-issued code is not charged for the old one's tries.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CaStore } from '../../../src/server/store/ca-store.js';
import { describeOnEachCaDatabase, type OpenedStore } from '../../support/ca-databases.js';

const SERIAL = '02B8BEA7';
const HOUR = 3_600_000;

function unlockCodeContract(open: () => Promise<OpenedStore>): void {
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

await describeOnEachCaDatabase('unlock codes', unlockCodeContract);
