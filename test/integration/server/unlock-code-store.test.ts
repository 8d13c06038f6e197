// The unlock codes' decisions are atomic in the database, on SQLite and on PostgreSQL:
// guesses fired at once reserve at most the limit's checks (before any scrypt) and spend the code once;
// checks in flight are not failures until decided; a code
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

  it('reserves at most five checks for twelve guesses fired at once, and the fifth wrong one spends the code', async () => {
    const reserved = await Promise.all(Array.from({ length: 12 }, () => store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60)));
    expect(reserved.filter((r) => r.reserved)).toHaveLength(5);
    // The other seven wait for a slot: the code is not spent by checks still in flight.
    expect(reserved.filter((r) => !r.reserved && !r.spent)).toHaveLength(7);
    const settled = await Promise.all(Array.from({ length: 5 }, () => store.unlockCodes.recordWrongTry(SERIAL, 'hash-1', 5, '127.0.0.1')));
    expect(settled.filter((result) => result.failures === 5 && result.spent)).toHaveLength(1);
    const row = await store.unlockCodes.get(SERIAL);
    expect(row).toMatchObject({ failures: 5, in_flight: 0 });
    expect(row?.spent_at).not.toBeNull();
    const events = (await store.listAudit()).map((entry) => entry.event);
    expect(events.filter((event) => event === 'unlockCodeFailure')).toHaveLength(5);
    expect(events.filter((event) => event === 'unlockCodeSpent')).toHaveLength(1);
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60)).toEqual({ reserved: false, spent: true });
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(false);
  });

  it('four wrong codes decided beside the right one in flight do not spend it', async () => {
    const reserved = await Promise.all(Array.from({ length: 5 }, () => store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60)));
    expect(reserved.every((r) => r.reserved)).toBe(true);
    const wrong = await Promise.all(Array.from({ length: 4 }, () => store.unlockCodes.recordWrongTry(SERIAL, 'hash-1', 5)));
    expect(wrong.some((result) => result.spent)).toBe(false);
    await store.unlockCodes.releaseTry(SERIAL, 'hash-1');
    expect(await store.unlockCodes.get(SERIAL)).toMatchObject({ failures: 4, in_flight: 0, spent_at: null });
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(true);
  });

  it('gives a right code its reservation back; a reservation left by a dead server stops holding a slot', async () => {
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60)).toEqual({ reserved: true });
    await store.unlockCodes.releaseTry(SERIAL, 'hash-1');
    expect(await store.unlockCodes.get(SERIAL)).toMatchObject({ failures: 0, in_flight: 0 });
    // Five reserved and never decided (the server died mid-check): stale after 0 s, they hold nothing.
    for (let i = 0; i < 5; i += 1) expect((await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60)).reserved).toBe(true);
    expect((await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60)).reserved).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 0)).toEqual({ reserved: true });
  });

  it('releases only while live and unexpired; used once, it releases nothing more', async () => {
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date(Date.now() + 73 * HOUR))).toBe(false);
    expect(await store.unlockCodes.release(SERIAL, 'hash-2', new Date())).toBe(false);
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(true);
    const marks = await Promise.all([store.unlockCodes.markUsed(SERIAL, 'hash-1'), store.unlockCodes.markUsed(SERIAL, 'hash-1')]);
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect(await store.unlockCodes.release(SERIAL, 'hash-1', new Date())).toBe(false);
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60)).toEqual({ reserved: false, spent: true });
  });

  it('a re-issued code starts afresh and is not charged for the old code\'s tries', async () => {
    await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60);
    const now = new Date();
    await store.unlockCodes.issue(SERIAL, 'hash-2', now.toISOString(), new Date(now.getTime() + 72 * HOUR).toISOString());
    expect(await store.unlockCodes.reserveTry(SERIAL, 'hash-1', 5, 60)).toEqual({ reserved: false, spent: true });
    expect(await store.unlockCodes.recordWrongTry(SERIAL, 'hash-1', 5)).toEqual({ failures: 5, spent: true });
    expect(await store.unlockCodes.get(SERIAL)).toMatchObject({ code_hash: 'hash-2', failures: 0, in_flight: 0, spent_at: null, used_at: null });
  });
}

await describeOnEachCaDatabase('unlock codes', unlockCodeContract);
