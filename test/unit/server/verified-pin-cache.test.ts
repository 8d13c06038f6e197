// The verified-PIN cache saves a second scrypt within one Flow A, and never anything
// else: wrong attempts are still counted by scrypt, locks and new PINs win, entries age out.
import { describe, expect, it, vi } from 'vitest';
import type { CaContext } from '../../../src/server/ca-context.js';
import { checkStoragePin } from '../../../src/server/storage-pin-check.js';
import { hashStoragePin } from '../../../src/server/storage-pin.js';
import * as storagePin from '../../../src/server/storage-pin.js';
import type { ApplicationRecord } from '../../../src/server/store/ca-store.js';
import { VerifiedPinCache } from '../../../src/server/verified-pin-cache.js';

vi.mock('../../../src/server/storage-pin.js', async (importOriginal) => {
  const original = await importOriginal<typeof storagePin>();
  return { ...original, verifyStoragePin: vi.fn(original.verifyStoragePin) };
});

const cheap = { N: 1024, r: 8, p: 1 };
const PIN = '1234567890';
const WRONG = '0000000000';
const NO = '20260426001';

function fakeContext(application: ApplicationRecord, limit = 5): { ctx: CaContext; failures: () => number } {
  let failures = 0;
  // The store's attempt rules, for one application, in memory (the real ones are in store-contract.test.ts).
  const store = {
    getApplication: async (no: string) => (no === application.application_no ? { ...application } : undefined),
    reservePinAttempt: async () => (application.pin_locked_at !== null ? { reserved: false, locked: true } : { reserved: true }),
    releasePinAttempt: async () => undefined,
    recordPinFailure: async () => {
      failures += 1;
      application.pin_failures = failures;
      if (failures >= limit) application.pin_locked_at = new Date().toISOString();
      return { failures, locked: application.pin_locked_at !== null };
    },
  };
  const ctx = { config: { pinAttemptLimit: limit, pinLockMinutes: 30, scrypt: cheap }, store, verifiedPins: new VerifiedPinCache() } as unknown as CaContext;
  return { ctx, failures: () => failures };
}

async function application(): Promise<ApplicationRecord> {
  return {
    application_no: NO, kind: 'new', contract_no: '1234567890123', user_id: '400156819', name: 'Souken Tarou', company: 'Souken', email: 'a@example.jp',
    years: 1, token_serial: null, approved_at: new Date().toISOString(), pin_hash: await hashStoragePin(PIN, cheap), pin_failures: 0,
    pin_locked_at: null, stored_at: null, created_at: new Date().toISOString(),
  };
}

const scryptCalls = (): number => vi.mocked(storagePin.verifyStoragePin).mock.calls.length;
const codeOf = (promise: Promise<unknown>): Promise<string | undefined> => promise.then(() => undefined, (e: { code?: string }) => e.code);

describe('verified storage-PIN cache', () => {
  it('pays scrypt once for the same PIN; a wrong PIN still runs scrypt, is counted, and forgets the entry', async () => {
    const app = await application();
    const { ctx, failures } = fakeContext(app);
    const start = scryptCalls();
    await checkStoragePin(ctx, NO, PIN);
    await checkStoragePin(ctx, NO, PIN);
    await checkStoragePin(ctx, NO, PIN);
    expect(scryptCalls() - start).toBe(1);
    expect(await codeOf(checkStoragePin(ctx, NO, WRONG))).toBe('storagePinIncorrect');
    expect(scryptCalls() - start).toBe(2);
    expect(failures()).toBe(1);
    expect(ctx.verifiedPins.size).toBe(0);
    await checkStoragePin(ctx, NO, PIN);
    expect(scryptCalls() - start).toBe(3);
  });

  it('lets the lock win over a remembered PIN, and never matches after the PIN was replaced', async () => {
    const app = await application();
    const { ctx } = fakeContext(app, 2);
    await checkStoragePin(ctx, NO, PIN);
    expect(await codeOf(checkStoragePin(ctx, NO, WRONG))).toBe('storagePinIncorrect');
    await checkStoragePin(ctx, NO, PIN);
    expect(await codeOf(checkStoragePin(ctx, NO, WRONG))).toBe('storagePinLocked');
    expect(await codeOf(checkStoragePin(ctx, NO, PIN))).toBe('storagePinLocked');
    expect(ctx.verifiedPins.size).toBe(0);

    const other = await application();
    const second = fakeContext(other);
    await checkStoragePin(second.ctx, NO, PIN);
    other.pin_hash = await hashStoragePin('5555555555', cheap); // `ca app new-pin`, from another process
    const before = scryptCalls();
    expect(await codeOf(checkStoragePin(second.ctx, NO, PIN))).toBe('storagePinIncorrect');
    expect(scryptCalls()).toBe(before + 1);
  });

  it('does not remember a spent PIN', async () => {
    const app = { ...(await application()), stored_at: new Date().toISOString() };
    const { ctx } = fakeContext(app);
    expect(await codeOf(checkStoragePin(ctx, NO, PIN))).toBe('storagePinSpent');
    await checkStoragePin(ctx, NO, PIN, { allowSpent: true });
    expect(ctx.verifiedPins.size).toBe(0);
  });

  it('ages entries out and stays bounded', () => {
    let now = 0;
    const cache = new VerifiedPinCache({ ttlMs: 1000, maxEntries: 3, now: () => now });
    cache.remember('1', 'h', PIN);
    expect(cache.matches('1', 'h', PIN)).toBe(true);
    expect(cache.matches('1', 'h', WRONG)).toBe(false);
    expect(cache.matches('1', 'other hash', PIN)).toBe(false);
    now = 1000;
    expect(cache.matches('1', 'h', PIN)).toBe(false);
    for (const no of ['a', 'b', 'c', 'd']) cache.remember(no, 'h', PIN);
    expect(cache.size).toBe(3);
    expect(cache.matches('a', 'h', PIN)).toBe(false);
    expect(cache.matches('d', 'h', PIN)).toBe(true);
  });
});
