// A revoked certificate is never renewed, not even by a simplereenroll that was already
// under way when the revocation landed. Three `tokendesk ca serve` instances over one
// PostgreSQL; the holder renews 60 renewal applications through all three at once
// (real TLS, its certificate as the client certificate) while the operator revokes
// it. Each renewal that was issued must precede the revocation in the audit log (its
// issuance committed before the revocation did); every one that did not must be refused.
// Before the fix the holder's certificate was checked once, when the request arrived,
// and issuance followed after scrypt and signing: renewals were issued after the
// revocation had committed. Needs PostgreSQL: fails, never skips.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplication, revokeCertificate, type StoragePinNotice } from '../../../src/server/operator.js';
import { caClusterOverPostgres } from '../../support/ca-cluster.js';
import { defaultApplication } from '../../support/ca-server.js';
import { opensslCsr } from '../../support/openssl-csr.js';
import { basicAuth, rawHttpsRequest, type RawAnswer } from '../../support/raw-https.js';
import { run } from '../../support/run.js';

const RENEWALS = 60;
const WIDTH = 20;
const REVOKE_AFTER = 12;

describe('simplereenroll racing a revocation, three instances over one PostgreSQL', () => {
  const running = caClusterOverPostgres(3);
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-reenroll-race-'));
  });
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('issues no renewal after the renewed certificate’s revocation committed', async () => {
    const ops = running.cluster.operator;
    const holder = { ...defaultApplication, contractNo: '5550001112223', name: 'Race Holder' };
    const notice = await addApplication(ops, holder);
    const holderKey = opensslCsr(dir);
    const first = await rawHttpsRequest(running.cluster.instances[0]!, {
      method: 'POST',
      path: '/.well-known/est/simpleenroll',
      headers: { 'Content-Type': 'application/pkcs10', Authorization: basicAuth(notice.applicationNo, notice.storagePin) },
      body: holderKey.csrBase64,
    });
    expect(first.status, first.text).toBe(200);
    writeFileSync(join(dir, 'holder.p7'), Buffer.from(first.text.replace(/\s/g, ''), 'base64'));
    run('openssl', ['pkcs7', '-inform', 'DER', '-in', join(dir, 'holder.p7'), '-print_certs', '-out', join(dir, 'holder.pem')]);
    const tls = { key: readFileSync(holderKey.keyFile), cert: readFileSync(join(dir, 'holder.pem')) };
    const holderSerial = (await ops.store.certificateForApplication(notice.applicationNo))!.serial;

    const renewals: StoragePinNotice[] = [];
    for (let i = 0; i < RENEWALS; i++) renewals.push(await addApplication(ops, { ...holder, kind: 'renewal' }));
    const newKey = opensslCsr(dir);

    let answered = 0;
    let revocation: Promise<unknown> | undefined;
    const answers: RawAnswer[] = new Array(RENEWALS);
    let next = 0;
    await Promise.all(
      Array.from({ length: WIDTH }, async () => {
        while (next < RENEWALS) {
          const i = next++;
          const renewal = renewals[i]!;
          answers[i] = await rawHttpsRequest(
            running.cluster.instances[i % 3]!,
            {
              method: 'POST',
              path: '/.well-known/est/simplereenroll',
              headers: { 'Content-Type': 'application/pkcs10', Authorization: basicAuth(renewal.applicationNo, renewal.storagePin) },
              body: newKey.csrBase64,
            },
            tls,
          );
          // The operator revokes while the other renewals are in flight on all three.
          if (++answered === REVOKE_AFTER) revocation = revokeCertificate(ops, holderSerial, 1);
        }
      }),
    );
    await revocation;

    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 403), statuses.join(' ')).toBe(true);
    const audit = await ops.store.listAudit();
    const revoked = audit.filter((line) => line.event === 'certificateRevoked' && line.certificate_serial === holderSerial);
    expect(revoked).toHaveLength(1);
    const renewed = audit.filter((line) => line.event === 'certificateIssued' && line.detail !== null && JSON.parse(line.detail).renews === holderSerial);
    // The race was run: some renewals before the revocation, refusals after it.
    expect(renewed.length).toBeGreaterThanOrEqual(REVOKE_AFTER);
    expect(statuses.filter((s) => s === 403).length).toBeGreaterThan(0);
    expect(renewed).toHaveLength(statuses.filter((s) => s === 200).length);
    // No renewal committed after the revocation did.
    const late = renewed.filter((line) => line.id > revoked[0]!.id).map((line) => line.application_no);
    expect(late).toEqual([]);
    // And a refusal says why.
    const refusal = answers.find((a) => a.status === 403)!;
    expect(refusal.text).toContain('revoked');
  }, 240_000);
});
