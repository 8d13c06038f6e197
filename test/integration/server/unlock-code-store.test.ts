// The unlock codes' decisions are atomic in the database, on SQLite and on PostgreSQL:
// guesses fired at once reserve at most the limit's tries (before any scrypt) and spend the code once; a code
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

  it('reserves at most five tries for twelve guesses fired at once, and the fifth wrong one spends the code', async () => {
    const reserved = await Promise.all(Array.from({ length: 12 }, () => store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5)));
    const counted = reserved.filter((failures): failures is number => failures !== undefined);
    expect(counted.sort()).toEqual([1, 2, 3, 4, 5]);
    const settled = await Promise.all(counted.map((failures) => store.unlockCodes.recordWrongTry(SERIAL, 'hash-1', failures, 5, '127.0.0.1')));
    expect(settled.filter((result) => result.spent)).toHaveLength(1);
    const row = await store.unlockCodes.get(SERIAL);
    expect(row?.failures).toBe(5);
    expect(row?.spent_at).not.toBeNull();
    const events = (await store.listAudit()).map((entry) => entry.event);
    expect(events.filter((event) => event === 'unlockCodeFailure')).toHaveLength(5);
    expect(events.filter((event) => event === 'unlockCodeSpent')).toHaveLength(1);
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5)).toBeUndefined();
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(false);
  });

  it('gives a right code its reserved try back', async () => {
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5)).toBe(1);
    await store.unlockCodes.refundTry(SERIAL, 'hash-1');
    expect((await store.unlockCodes.get(SERIAL))?.failures).toBe(0);
  });

  it('releases only while live and unexpired; used once, it releases nothing more', async () => {
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date(Date.now() + 73 * HOUR))).toBe(false);
    expect(await store.unlockCodes.release(SERIAL, 'hash-2', new Date())).toBe(false);
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(true);
    const marks = await Promise.all([store.unlockCodes.markUsed(SERIAL, 'hash-1'), store.unlockCodes.markUsed(SERIAL, 'hash-1')]);
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(false);
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5)).toBeUndefined();
  });

  it('a re-issued code starts afresh and is not charged for the old code\'s tries', async () => {
    await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5);
    const now = new Date();
    await store.unlockCodes.issue(SERIAL, 'hash-2', now.toISOString(), new Date(now.getTime() + 72 * HOUR).toISOString());
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5)).toBeUndefined();
    expect(await store.unlockCodes.get(SERIAL)).toMatchObject({ code_hash: 'hash-2', failures: 0, spent_at: null, used_at: null });
  });
}

await describeOnEachCaDatabase('unlock codes', unlockCodeContract);
