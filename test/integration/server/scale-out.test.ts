// Issue 18: three `tokendesk ca serve` processes on one PostgreSQL, requests spread
// across them. Every decision on shared state is made in the database: one
// certificate per application whichever instance asks, every wrong PIN counted once,
// CRL numbers strictly increasing, an instance killed mid-enrollment or a database
// restart loses nothing and issues nothing twice. Needs PostgreSQL: fails, never skips.
import { beforeAll, describe, expect, it } from 'vitest';
import { closeCaContext, openCaContext, type CaContext } from '../../../src/server/ca-context.js';
import { addApplication, revokeCertificate, type StoragePinNotice } from '../../../src/server/operator.js';
import { x509 } from '../../../src/server/pki/x509.js';
import { caClusterOverPostgres, type CaInstance } from '../../support/ca-cluster.js';
import { caRequest, defaultApplication, type CaResponse } from '../../support/ca-server.js';
import { makeCsr } from '../../support/csr.js';

const LIMIT = 5;

const enroll = (at: CaInstance, n: StoragePinNotice, csr: string, pin = n.storagePin): Promise<CaResponse> =>
  caRequest(at, 'POST', '/.well-known/est/simpleenroll', { auth: { user: n.applicationNo, password: pin }, headers: { 'content-type': 'application/pkcs10' }, body: csr });
// Confirmed: the limit tests spend the final try on purpose (storage-pin-final-try.test.ts asks first).
const verifyPin = (at: CaInstance, n: StoragePinNotice, pin = n.storagePin): Promise<CaResponse> =>
  caRequest(at, 'POST', `/api/v1/applications/${n.applicationNo}/verify-pin`, { auth: { user: n.applicationNo, password: pin }, headers: { 'tokendesk-final-try': 'confirmed' } });
const wrongFor = (pin: string): string => (pin === '0000000000' ? '1111111111' : '0000000000');

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}

describe('the CA on three instances over one PostgreSQL', () => {
  const running = caClusterOverPostgres(3, { pinAttemptLimit: LIMIT });
  let ops: CaContext;
  const csrs: string[] = [];
  const add = (count: number): Promise<StoragePinNotice[]> => inParallel(Array.from({ length: count }), 8, () => addApplication(ops, defaultApplication));
  const instance = (i: number): CaInstance => running.cluster.instances[i % running.cluster.instances.length]!;

  /** Certificates and issuance audit lines must match one to one, whatever happened. */
  async function expectOneIssuancePerCertificate(): Promise<void> {
    const certificates = await ops.store.listCertificates();
    expect(new Set(certificates.map((c) => c.serial)).size).toBe(certificates.length);
    expect(new Set(certificates.map((c) => c.application_no)).size).toBe(certificates.length);
    const issued = (await ops.store.listAudit()).filter((line) => line.event === 'certificateIssued');
    expect(issued.map((line) => line.certificate_serial).sort()).toEqual(certificates.map((c) => c.serial).sort());
  }

  beforeAll(async () => {
    ops = running.cluster.operator;
    for (let i = 0; i < 4; i++) csrs.push(await makeCsr(`scale-out-${i}`));
  });

  it('enrolls 300 distinct applications spread over the three: 300 certificates, no serial twice', async () => {
    const notices = await add(300);
    expect(new Set(notices.map((n) => n.applicationNo)).size).toBe(300);
    const answers = await inParallel(notices, 12, (n, i) => enroll(instance(i), n, csrs[i % csrs.length]!));
    expect(answers.map((a) => a.status)).toEqual(notices.map(() => 200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(300);
    const certificates = await ops.store.listCertificates();
    expect(certificates).toHaveLength(300);
    await expectOneIssuancePerCertificate();
  }, 240_000);

  it('answers the same CSR sent to all three at once with one certificate, the same bytes from each', async () => {
    for (const n of await add(8)) {
      const answers = await Promise.all(running.cluster.instances.map((at) => enroll(at, n, csrs[0]!)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      const issued = (await ops.store.listAudit({ applicationNo: n.applicationNo })).filter((line) => line.event === 'certificateIssued');
      expect(issued).toHaveLength(1);
    }
    await expectOneIssuancePerCertificate();
  });

  it('checks the PIN at STEP3 on one instance and issues at STEP4 on another (an instance without the verified PIN checks it again)', async () => {
    const [n] = await add(1);
    expect((await verifyPin(instance(0), n!)).status).toBe(200);
    const issued = await enroll(instance(1), n!, csrs[1]!);
    expect(issued.status).toBe(200);
    const serial = (await ops.store.certificateForApplication(n!.applicationNo))!.serial;
    const stored = await caRequest(instance(2), 'POST', `/api/v1/applications/${n!.applicationNo}/stored`, {
      auth: { user: n!.applicationNo, password: n!.storagePin },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ certificateSerial: serial }),
    });
    expect(stored.status).toBe(200);
    // Spent once, everywhere.
    for (const at of running.cluster.instances) expect((await enroll(at, n!, csrs[1]!)).status).toBe(403);
  });

  it('counts exactly `limit` of 30 wrong PINs sent in parallel across the three, locks, then refuses the right PIN', async () => {
    const [n] = await add(1);
    const wrong = wrongFor(n!.storagePin);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? verifyPin(instance(i), n!, wrong) : enroll(instance(i), n!, csrs[0]!, wrong))));
    expect(answers.every((a) => [401, 423, 429].includes(a.status))).toBe(true);
    const failures = (await ops.store.listAudit({ applicationNo: n!.applicationNo })).filter((line) => line.event === 'storagePinFailure');
    expect(failures).toHaveLength(LIMIT);
    expect(await ops.store.getApplication(n!.applicationNo)).toMatchObject({ pin_failures: LIMIT });
    for (const at of running.cluster.instances) {
      expect((await verifyPin(at, n!)).status).toBe(423);
      expect((await enroll(at, n!, csrs[0]!)).status).toBe(423);
    }
    expect(await ops.store.certificateForApplication(n!.applicationNo)).toBeUndefined();
  });

  it('numbers CRLs strictly increasing, one per number, never losing a revocation, when three servers revoke at once', async () => {
    const contexts = await Promise.all([0, 1, 2].map(() => openCaContext(running.cluster.dataDir, { ...process.env, TOKENDESK_CA_DATA: running.cluster.dataDir })));
    try {
      const serials = (await ops.store.listCertificates()).slice(0, 12).map((c) => c.serial);
      await Promise.all(serials.map((serial, i) => revokeCertificate(contexts[i % 3]!, serial, 1)));
      const crls = await ops.store.listCrls();
      const numbers = crls.map((c) => c.number);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers[0]! + i));
      const listed = crls.map((c) => new x509.X509Crl(Buffer.from(c.der)).entries.map((e) => e.serialNumber.toUpperCase()));
      for (let i = 1; i < listed.length; i++) expect(listed[i]).toEqual(expect.arrayContaining(listed[i - 1]!));
      expect(listed.at(-1)).toEqual(expect.arrayContaining(serials));
    } finally {
      await Promise.all(contexts.map((c) => closeCaContext(c)));
    }
  });

  it('loses nothing when an instance is killed mid-enrollment: the retry on another gets the same certificate', async () => {
    const notices = await add(24);
    let firstAnswer: () => void = () => undefined;
    const answered = new Promise<void>((resolveFirst) => (firstAnswer = resolveFirst));
    const victim = instance(0);
    const first = Promise.all(
      notices.map((n, i) =>
        enroll(victim, n, csrs[i % csrs.length]!).then(
          (answer) => {
            firstAnswer();
            return answer;
          },
          () => undefined,
        ),
      ),
    );
    await answered;
    await running.cluster.kill(0, 'SIGKILL');
    const before = await first;
    expect(before.some((a) => a === undefined)).toBe(true); // some were cut off
    const retries = await Promise.all(notices.map((n, i) => enroll(instance(1 + (i % 2)), n, csrs[i % csrs.length]!)));
    expect(retries.map((a) => a.status)).toEqual(notices.map(() => 200));
    for (const [i, answer] of before.entries()) if (answer?.status === 200) expect(retries[i]!.text).toBe(answer.text);
    for (const n of notices) {
      const issued = (await ops.store.listAudit({ applicationNo: n.applicationNo })).filter((line) => line.event === 'certificateIssued');
      expect(issued).toHaveLength(1);
    }
    await expectOneIssuancePerCertificate();
    await running.cluster.restart(0);
  }, 120_000);

  it('answers 503 with Retry-After while PostgreSQL is down and recovers without a restart, nothing twice', async () => {
    const [before, during, after] = [await add(6), await add(9), await add(6)];
    const csrOf = (n: StoragePinNotice): string => csrs[Number(n.applicationNo.slice(-2)) % csrs.length]!;
    const statuses: number[] = [];
    const record = (answer: CaResponse): CaResponse => {
      statuses.push(answer.status);
      if (answer.status === 503) expect(answer.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
      return answer;
    };
    /** Enrolls like a client: on 503 it waits a moment and tries the next instance. */
    const enrollRetrying = async (n: StoragePinNotice, i: number): Promise<CaResponse> => {
      for (let attempt = 0; attempt < 150; attempt++) {
        const answer = record(await enroll(instance(i + attempt), n, csrOf(n)));
        if (answer.status !== 503) return answer;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('still 503 after 30 s');
    };
    // Load all along: enrolled applications asked again (idempotent), until told to stop.
    let loading = true;
    const load = (async () => {
      for (let i = 0; loading; i++) {
        record(await enroll(instance(i), before[i % before.length]!, csrOf(before[i % before.length]!)));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const first = await Promise.all(before.map(enrollRetrying));
    expect(first.map((a) => a.status)).toEqual(before.map(() => 200));

    await running.postgres.pauseServer();
    const whileDown = await Promise.all(during.map((n, i) => enroll(instance(i), n, csrOf(n)).then(record)));
    expect(whileDown.map((a) => a.status)).toEqual(during.map(() => 503));
    await running.postgres.resumeServer();

    const rest = await Promise.all([...during, ...after].map(enrollRetrying));
    loading = false;
    await load;
    expect(rest.map((a) => a.status)).toEqual([...during, ...after].map(() => 200));
    expect(statuses).not.toContain(500);
    for (const [i, n] of [...before, ...during, ...after].entries()) {
      const again = await enroll(instance(i + 1), n, csrOf(n));
      expect(again.text).toBe([...first, ...rest][i]!.text);
    }
    await expectOneIssuancePerCertificate();
  }, 120_000);
});
