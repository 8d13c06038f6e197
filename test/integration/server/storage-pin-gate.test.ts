/**
 * The storage-PIN gate (storage-pin-check.ts) at the edges the mutation run found
 * unguarded (npm run test:mutation): a PIN of the wrong form refused before it costs a
 * try; a PIN this server verified a moment ago refused once another server locked the
 * application; a hash whose scrypt fails leaves the tries as they were. The CA is real
 * (HTTPS, SQLite); "another server" is a second CaContext on the same data dir, as
 * two instances behind one load balancer share one database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaContext, openCaContext, type CaContext } from '../../../src/server/ca-context.js';
import { checkStoragePin } from '../../../src/server/storage-pin-check.js';
import { caRequest, startTestCa, type TestCa } from '../../support/ca-server.js';

let ca: TestCa;
beforeAll(async () => {
  ca = await startTestCa({ settings: { pinAttemptLimit: 5 } });
});
afterAll(async () => {
  await ca?.stop();
});

async function otherServer<T>(work: (ctx: CaContext) => Promise<T>): Promise<T> {
  const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
  try {
    return await work(ctx);
  } finally {
    await closeCaContext(ctx);
  }
}

// Confirmed: these tests spend the final try on purpose (storage-pin-final-try.test.ts asks first).
const verifyPin = (no: string, pin: string) =>
  caRequest(ca, 'POST', `/api/v1/applications/${no}/verify-pin`, { auth: { user: no, password: pin }, headers: { 'tokendesk-final-try': 'confirmed' } });
const wrongFor = (pin: string): string => (pin === '0000000000' ? '1111111111' : '0000000000');
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => 'accepted',
    (error: { code?: string }) => error.code,
  );

describe('the storage-PIN gate', () => {
  it('refuses a PIN of the wrong form as such, without spending a try', async () => {
    const n = await ca.addApplication();
    for (const malformed of ['abcdefghij', '123456789', '12345678901', '１２３４５６７８９０']) {
      const answer = await verifyPin(n.applicationNo, malformed);
      expect(answer.status, malformed).toBe(400);
      expect(answer.json<{ error: { code: string } }>().error.code).toBe('storagePinFormat');
    }
    expect(await ca.status(n.applicationNo)).toMatchObject({ pinFailures: 0, attemptsLeft: 5 });
    const right = await verifyPin(n.applicationNo, n.storagePin);
    expect(right.json()).toMatchObject({ ok: true, attemptsLeft: 5 });
  });

  it('a PIN this server verified a moment ago is refused once another server locked the application', async () => {
    const n = await ca.addApplication();
    await otherServer(async (ctx) => {
      // This server checks the right PIN: it now remembers it (no second scrypt next time).
      await checkStoragePin(ctx, n.applicationNo, n.storagePin);
      expect(ctx.verifiedPins.matches(n.applicationNo, (await ctx.store.getApplication(n.applicationNo))!.pin_hash, n.storagePin)).toBe(true);
      // The other server (the test CA) takes five wrong tries and locks the application.
      for (let i = 0; i < 5; i++) await verifyPin(n.applicationNo, wrongFor(n.storagePin));
      expect((await ca.status(n.applicationNo)).state).toBe('locked');
      // The remembered PIN does not get around the lock, nor does another PIN ride on it.
      expect(await refusal(checkStoragePin(ctx, n.applicationNo, n.storagePin))).toBe('storagePinLocked');
      expect(await refusal(checkStoragePin(ctx, n.applicationNo, wrongFor(n.storagePin)))).toBe('storagePinLocked');
    });
  });

  it('a remembered PIN passes without a try; a different PIN is still checked and counted', async () => {
    const n = await ca.addApplication();
    await otherServer(async (ctx) => {
      await checkStoragePin(ctx, n.applicationNo, n.storagePin);
      expect(await refusal(checkStoragePin(ctx, n.applicationNo, n.storagePin))).toBe('accepted');
      expect(await refusal(checkStoragePin(ctx, n.applicationNo, wrongFor(n.storagePin)))).toBe('storagePinIncorrect');
      expect(await ca.status(n.applicationNo)).toMatchObject({ pinFailures: 1, attemptsLeft: 4 });
    });
  });

  it('a stored hash whose scrypt fails costs no try, however often it is asked', async () => {
    const n = await ca.addApplication();
    await otherServer(async (ctx) => {
      // A hash with a cost this server cannot run (N must be a power of two).
      await ctx.store.db.updateTable('applications').set({ pin_hash: 'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA' }).where('application_no', '=', n.applicationNo).execute();
      // Six checks, more than the limit: each fails on scrypt, none is counted, none is left reserved.
      for (let i = 0; i < 6; i++) expect(await refusal(checkStoragePin(ctx, n.applicationNo, n.storagePin))).toBe('ERR_CRYPTO_INVALID_SCRYPT_PARAMS');
      expect(await ca.status(n.applicationNo)).toMatchObject({ pinFailures: 0, attemptsLeft: 5, state: expect.not.stringMatching(/locked/) });
    });
  });
});
