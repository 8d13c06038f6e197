/**
 * The storage PIN's final try is used only when the user chose it (docs/ca-protocol.md):
 * verify-pin without `TokenDesk-Final-Try: confirmed` answers 409 storagePinFinalTry
 * when one try is left — without checking the PIN or counting a try — and the rule is
 * part of the atomic reservation, so no burst of parallel requests, to one CA over
 * SQLite or to several over one PostgreSQL, spends that try unconfirmed or runs more
 * checks than the limit. Real CA over TLS; PostgreSQL as scale-out.test.ts starts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaContext } from '../../../src/server/ca-context.js';
import { addApplication } from '../../../src/server/operator.js';
import { caClusterOverPostgres } from '../../support/ca-cluster.js';
import { caRequest, defaultApplication, startTestCa, type CaResponse, type TestCa } from '../../support/ca-server.js';

const LIMIT = 5;
const CONFIRMED = { 'tokendesk-final-try': 'confirmed' };

type At = Pick<TestCa, 'url' | 'caCertificatePem'>;
const verifyPin = (at: At, no: string, pin: string, headers: Record<string, string> = {}): Promise<CaResponse> =>
  caRequest(at, 'POST', `/api/v1/applications/${no}/verify-pin`, { auth: { user: no, password: pin }, headers });
const wrongFor = (pin: string): string => (pin === '0000000000' ? '1111111111' : '0000000000');
const errorOf = (answer: CaResponse) => answer.json<{ error: { code: string; attemptsLeft?: number; locked?: boolean } }>().error;

describe('the final storage-PIN try over one CA (SQLite)', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await startTestCa({ settings: { pinAttemptLimit: LIMIT } });
  });
  afterAll(async () => {
    await ca?.stop();
  });

  /** LIMIT − 1 wrong tries, one after another: one is left. */
  async function oneTryLeft(): Promise<{ applicationNo: string; storagePin: string }> {
    const n = await ca.addApplication();
    for (let left = LIMIT - 1; left >= 1; left -= 1) {
      const answer = await verifyPin(ca, n.applicationNo, wrongFor(n.storagePin));
      expect(answer.status).toBe(401);
      expect(errorOf(answer).attemptsLeft).toBe(left);
    }
    return n;
  }

  it('refuses the unconfirmed final try without checking the PIN or counting it; a confirmed wrong one then locks', async () => {
    const n = await oneTryLeft();
    // Wrong, right, or a header that is not the confirmation: the same refusal, nothing checked.
    for (const [pin, headers] of [
      [wrongFor(n.storagePin), {}],
      [n.storagePin, {}],
      [wrongFor(n.storagePin), { 'tokendesk-final-try': 'yes' }],
    ] as const) {
      const refused = await verifyPin(ca, n.applicationNo, pin, headers);
      expect(refused.status).toBe(409);
      expect(errorOf(refused)).toMatchObject({ code: 'storagePinFinalTry', attemptsLeft: 1, locked: false });
      expect(refused.json<{ error: { message: { ja: string; en: string } } }>().error.message.en).toContain('One attempt');
    }
    expect(await ca.status(n.applicationNo)).toMatchObject({ pinFailures: LIMIT - 1, attemptsLeft: 1 });
    expect((await ca.status(n.applicationNo)).state).not.toBe('locked');

    const locked = await verifyPin(ca, n.applicationNo, wrongFor(n.storagePin), CONFIRMED);
    expect(locked.status).toBe(423);
    expect(errorOf(locked)).toMatchObject({ code: 'storagePinLocked', locked: true });
    expect((await ca.status(n.applicationNo)).state).toBe('locked');
  });

  it('passes a confirmed right PIN on the final try (the header written in any case)', async () => {
    const n = await oneTryLeft();
    expect((await verifyPin(ca, n.applicationNo, n.storagePin)).status).toBe(409);
    const passed = await verifyPin(ca, n.applicationNo, n.storagePin, { 'TokenDesk-Final-Try': 'Confirmed' });
    expect(passed.status).toBe(200);
    expect(passed.json()).toMatchObject({ ok: true, attemptsLeft: 1 });
  });

  it('a burst of 100 parallel unconfirmed wrong PINs checks at most limit − 1 and never locks', async () => {
    const n = await ca.addApplication();
    const answers = await Promise.all(Array.from({ length: 100 }, () => verifyPin(ca, n.applicationNo, wrongFor(n.storagePin))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 401 || s === 409 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMIT - 1);
    expect(statuses).toContain(409);
    const status = await ca.status(n.applicationNo);
    expect(status.state).not.toBe('locked');
    expect(status.pinFailures).toBeLessThanOrEqual(LIMIT - 1);
    expect(statuses.filter((s) => s === 401).length).toBe(status.pinFailures);
  });

  it('at one try left, 100 parallel unconfirmed tries (right and wrong) are all refused unchecked; then 100 confirmed wrong ones check exactly one', async () => {
    const n = await oneTryLeft();
    const unconfirmed = await Promise.all(Array.from({ length: 100 }, (_, i) => verifyPin(ca, n.applicationNo, i % 2 ? n.storagePin : wrongFor(n.storagePin))));
    expect(unconfirmed.map((a) => a.status)).toEqual(unconfirmed.map(() => 409));
    expect(await ca.status(n.applicationNo)).toMatchObject({ pinFailures: LIMIT - 1, attemptsLeft: 1 });

    const confirmed = await Promise.all(Array.from({ length: 100 }, () => verifyPin(ca, n.applicationNo, wrongFor(n.storagePin), CONFIRMED)));
    expect(confirmed.every((a) => a.status === 423 || a.status === 429)).toBe(true);
    expect(await ca.status(n.applicationNo)).toMatchObject({ state: 'locked', pinFailures: LIMIT });
  });

  it('with a limit of 1, the very first try is the final one', async () => {
    const one = await startTestCa({ settings: { pinAttemptLimit: 1 } });
    try {
      const n = await one.addApplication();
      const refused = await verifyPin(one, n.applicationNo, n.storagePin);
      expect(refused.status).toBe(409);
      expect(errorOf(refused).code).toBe('storagePinFinalTry');
      expect((await one.status(n.applicationNo)).pinFailures).toBe(0);
      expect((await verifyPin(one, n.applicationNo, wrongFor(n.storagePin), CONFIRMED)).status).toBe(423);
    } finally {
      await one.stop();
    }
  });
});

describe('the final storage-PIN try over three CAs on one PostgreSQL', () => {
  const running = caClusterOverPostgres(3, { pinAttemptLimit: LIMIT });
  let ops: CaContext;
  beforeAll(async () => {
    ops = running.cluster.operator;
  });

  it('100 parallel unconfirmed wrong PINs across the three: at most limit − 1 checked, no lock; then the final try only when confirmed', async () => {
    const n = await addApplication(ops, defaultApplication);
    const at = (i: number) => running.cluster.instances[i % running.cluster.instances.length]!;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => verifyPin(at(i), n.applicationNo, wrongFor(n.storagePin))));
    expect(answers.every((a) => [401, 409, 429].includes(a.status))).toBe(true);
    const failures = (await ops.store.listAudit({ applicationNo: n.applicationNo })).filter((line) => line.event === 'storagePinFailure');
    expect(failures.length).toBeLessThanOrEqual(LIMIT - 1);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(failures.length);
    expect((await ops.store.getApplication(n.applicationNo))?.pin_locked_at).toBeNull();

    // Bring it to one try left, then: refused unconfirmed on every instance, the right PIN confirmed passes.
    for (let i = failures.length; i < LIMIT - 1; i++) expect((await verifyPin(at(i), n.applicationNo, wrongFor(n.storagePin))).status).toBe(401);
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => verifyPin(at(i), n.applicationNo, i % 2 ? n.storagePin : wrongFor(n.storagePin))));
    expect(burst.map((a) => a.status)).toEqual(burst.map(() => 409));
    expect(await ops.store.getApplication(n.applicationNo)).toMatchObject({ pin_failures: LIMIT - 1, pin_locked_at: null });
    expect((await verifyPin(at(1), n.applicationNo, n.storagePin, CONFIRMED)).status).toBe(200);
  });
});
