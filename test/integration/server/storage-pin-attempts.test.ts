// Issue 12 items 3, 5, 6 over real HTTPS: parallel storage-PIN guesses never run more
// checks than the limit, a stranger cannot tell a real application number from one
// nobody holds, and PIN checks share one per-client budget across endpoints.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaStore } from '../../../src/server/store/open-store.js';
import { caRequest, startTestCa, type CaResponse, type TestCa } from '../../support/ca-server.js';
import { makeCsr } from '../../support/csr.js';

const LIMIT = 5;

// Confirmed unless said otherwise: the limit tests spend the final try on purpose
// (storage-pin-final-try.test.ts is about asking first).
const verifyPin = (ca: TestCa, no: string, pin: string, confirmed = true): Promise<CaResponse> =>
  caRequest(ca, 'POST', `/api/v1/applications/${no}/verify-pin`, { auth: { user: no, password: pin }, headers: confirmed ? { 'tokendesk-final-try': 'confirmed' } : {} });
const enroll = (ca: TestCa, no: string, pin: string, csr: string): Promise<CaResponse> =>
  caRequest(ca, 'POST', '/.well-known/est/simpleenroll', { auth: { user: no, password: pin }, headers: { 'content-type': 'application/pkcs10' }, body: csr });
const wrongFor = (pin: string): string => (pin === '0000000000' ? '1111111111' : '0000000000');

async function auditCount(ca: TestCa, applicationNo: string, event: string): Promise<number> {
  const store = await openCaStore(join(ca.dataDir, 'ca.db'));
  try {
    return (await store.listAudit({ applicationNo })).filter((line) => line.event === event).length;
  } finally {
    await store.close();
  }
}

describe('parallel storage-PIN guesses (issue 12 item 3)', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await startTestCa({ settings: { pinAttemptLimit: LIMIT } });
  });
  afterAll(async () => {
    await ca?.stop();
  });

  for (const burst of [20, 100]) {
    it(`checks at most ${LIMIT} of ${burst} parallel verify-pin tries; the right one inside is refused once locked`, async () => {
      const n = await ca.addApplication();
      const rightAt = Math.floor(burst * 0.6);
      const answers = await Promise.all(
        Array.from({ length: burst }, (_, i) => verifyPin(ca, n.applicationNo, i === rightAt ? n.storagePin : wrongFor(n.storagePin))),
      );
      const failures = await auditCount(ca, n.applicationNo, 'storagePinFailure');
      const right = answers[rightAt]!;
      const checked = failures + (right.status === 200 ? 1 : 0);
      expect(checked).toBeLessThanOrEqual(LIMIT);
      const state = (await ca.status(n.applicationNo)).state;
      // Each wrong try checked answers 401, but the one that locks answers 423.
      expect(answers.filter((a) => a.status === 401)).toHaveLength(state === 'locked' ? failures - 1 : failures);
      // Everything else was refused before scrypt: locked, or all tries already being checked.
      expect(answers.filter((a) => a.status !== 401 && a.status !== 200).every((a) => a.status === 423 || a.status === 429)).toBe(true);
      if (right.status !== 200) expect(state).toBe('locked');
      // Locked: the right PIN is refused from now on.
      if (state === 'locked') expect((await verifyPin(ca, n.applicationNo, n.storagePin)).status).toBe(423);
    });
  }

  it('issues nothing for a right PIN inside a burst of wrong simpleenroll tries once the application locks', async () => {
    const csr = await makeCsr();
    for (const burst of [20, 100]) {
      const n = await ca.addApplication();
      const rightAt = Math.floor(burst * 0.6);
      const answers = await Promise.all(
        Array.from({ length: burst }, (_, i) => enroll(ca, n.applicationNo, i === rightAt ? n.storagePin : wrongFor(n.storagePin), csr)),
      );
      const failures = await auditCount(ca, n.applicationNo, 'storagePinFailure');
      const issued = await auditCount(ca, n.applicationNo, 'certificateIssued');
      expect(failures + issued).toBeLessThanOrEqual(LIMIT);
      const status = await ca.status(n.applicationNo);
      // A certificate only for a right PIN checked within the limit, before the lock.
      expect(issued).toBe(answers[rightAt]!.status === 200 ? 1 : 0);
      if (status.state === 'locked') {
        expect(issued).toBe(0);
        expect(status.certificate).toBeNull();
        expect((await enroll(ca, n.applicationNo, n.storagePin, csr)).status).toBe(423);
      }
    }
  });
});

describe('unknown and real application numbers look the same to a stranger (issue 12 item 5)', () => {
  let ca: TestCa;
  beforeAll(async () => {
    // The production scrypt cost, so that a skipped hash would show in the timing.
    ca = await startTestCa({ settings: { pinAttemptLimit: LIMIT, scrypt: { N: 16384, r: 8, p: 1 } } });
  });
  afterAll(async () => {
    await ca?.stop();
  });

  const strip = (r: CaResponse): unknown => ({ status: r.status, body: r.text, retryAfter: r.headers['retry-after'] ?? null });

  it('answers the same statuses and bodies, wrong try by wrong try, for verify-pin, simpleenroll and stored', async () => {
    const real = await ca.addApplication();
    const realNo = real.applicationNo;
    const unknownNo = `${realNo.slice(0, 8)}999`;
    const wrong = wrongFor(real.storagePin);
    for (const no of [realNo, unknownNo]) expect((await verifyPin(ca, no, 'abc')).status).toBe(400);
    const sequence = async (no: string): Promise<unknown[]> => {
      const out: unknown[] = [];
      out.push(strip(await verifyPin(ca, no, '12345')));
      for (let i = 0; i < LIMIT + 1; i++) {
        // The final try asked for without confirmation first: refused alike for both.
        if (i === LIMIT - 1) out.push(strip(await verifyPin(ca, no, wrong, false)));
        out.push(strip(await verifyPin(ca, no, wrong)));
      }
      out.push(strip(await enroll(ca, no, wrong, 'AAAA')));
      out.push(
        strip(
          await caRequest(ca, 'POST', `/api/v1/applications/${no}/stored`, {
            auth: { user: no, password: wrong },
            headers: { 'content-type': 'application/json' },
            body: '{"certificateSerial":"01"}',
          }),
        ),
      );
      return out;
    };
    const realAnswers = await sequence(realNo);
    const unknownAnswers = await sequence(unknownNo);
    expect(unknownAnswers).toEqual(realAnswers);
    expect((realAnswers[1] as { status: number }).status).toBe(401);
    expect((realAnswers[LIMIT] as { status: number }).status).toBe(409);
    expect((realAnswers[LIMIT + 2] as { status: number }).status).toBe(423);
  });

  it('takes about as long for a number nobody holds as for a real one (scrypt runs for both)', async () => {
    const time = async (no: string, pin: string): Promise<number> => {
      const t0 = performance.now();
      await verifyPin(ca, no, pin);
      return performance.now() - t0;
    };
    const realTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (const suffix of ['998', '997']) {
      const real = await ca.addApplication();
      const unknownNo = `${real.applicationNo.slice(0, 8)}${suffix}`;
      const wrong = wrongFor(real.storagePin);
      // Interleaved, so machine load falls on both alike; LIMIT - 1 each keeps both unlocked.
      for (let i = 0; i < LIMIT - 1; i++) {
        unknownTimes.push(await time(unknownNo, wrong));
        realTimes.push(await time(real.applicationNo, wrong));
      }
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Without the scrypt for unknown numbers the ratio is about 0.2 here.
    const ratio = median(unknownTimes) / median(realTimes);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('lets a lock run out in time instead of holding an applicant out for good', async () => {
    const n = await ca.addApplication();
    const wrong = wrongFor(n.storagePin);
    for (let i = 0; i < LIMIT; i++) await verifyPin(ca, n.applicationNo, wrong);
    const locked = await verifyPin(ca, n.applicationNo, n.storagePin);
    expect(locked.status).toBe(423);
    expect(locked.headers['retry-after']).toBe(String(30 * 60));
    expect(locked.json()).toMatchObject({ error: { code: 'storagePinLocked', remedy: { en: expect.stringContaining('30 minutes') } } });
  });
});

describe('one PIN-check budget per client across endpoints (issue 12 item 6) and limits on every endpoint', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await startTestCa({
      settings: { rateLimit: { max: 3, windowSeconds: 60 }, lookupRateLimit: { max: 2, windowSeconds: 60 }, requestRateLimit: { max: 40, windowSeconds: 60 } },
    });
  });
  afterAll(async () => {
    await ca?.stop();
  });

  it('refuses simpleenroll and stored once verify-pin has used the budget, without checking the PIN', async () => {
    const n = await ca.addApplication();
    for (let i = 0; i < 3; i++) expect((await verifyPin(ca, n.applicationNo, wrongFor(n.storagePin))).status).toBe(401);
    const est = await enroll(ca, n.applicationNo, n.storagePin, await makeCsr());
    expect(est.status).toBe(429);
    expect(est.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
    const stored = await caRequest(ca, 'POST', `/api/v1/applications/${n.applicationNo}/stored`, {
      auth: { user: n.applicationNo, password: n.storagePin },
      headers: { 'content-type': 'application/json' },
      body: '{"certificateSerial":"01"}',
    });
    expect(stored.status).toBe(429);
    expect(await auditCount(ca, n.applicationNo, 'storagePinFailure')).toBe(3);
  });

  it('limits the pending lookup, which needs no credentials, more tightly', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await caRequest(ca, 'GET', '/api/v1/tokens/ABCDEF01/pending')).status);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('limits every other endpoint too: CRL, cacerts, unknown URLs', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) {
      for (const path of ['/crl', '/.well-known/est/cacerts', '/nowhere']) statuses.add((await caRequest(ca, 'GET', path)).status);
      if (statuses.has(429)) break;
    }
    expect(statuses.has(429)).toBe(true);
    const limited = await caRequest(ca, 'GET', '/nowhere');
    expect(limited.status).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rateLimited', message: { ja: expect.any(String), en: expect.any(String) } } });
  });
});
