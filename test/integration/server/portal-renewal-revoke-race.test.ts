// A portal renewal (更新申請) is never recorded for a certificate whose revocation
// committed first, even when the token proof was checked before the revocation landed.
// Three CA contexts (three servers' stores) over one PostgreSQL submit 60 renewals of
// one certificate, each with the proof the renewal page had checked when its request
// arrived, while the operator revokes the certificate: every renewal application that
// was recorded must precede the revocation in the audit log, and the rest are refused.
// Before the fix submitRenewal relied on the earlier check alone. Needs PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaContext, openCaContext, type CaContext } from '../../../src/server/ca-context.js';
import { addApplication, revokeCertificate } from '../../../src/server/operator.js';
import { submitRenewal } from '../../../src/server/portal/portal-applications.js';
import { PortalStore } from '../../../src/server/portal/portal-store.js';
import type { VerifiedProof } from '../../../src/server/portal/token-proof.js';
import { caClusterOverPostgres } from '../../support/ca-cluster.js';
import { caRequest, defaultApplication } from '../../support/ca-server.js';
import { makeCsr } from '../../support/csr.js';

const RENEWALS = 60;
const WIDTH = 20;
const REVOKE_AFTER = 12;

describe('portal renewals racing a revocation, three stores over one PostgreSQL', () => {
  const running = caClusterOverPostgres(1);
  let contexts: CaContext[] = [];

  beforeAll(async () => {
    contexts = await Promise.all([0, 1, 2].map(() => openCaContext(running.cluster.dataDir, { ...process.env, TOKENDESK_CA_DATA: running.cluster.dataDir })));
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => closeCaContext(c)));
  });

  it('records no renewal of a certificate after its revocation committed', async () => {
    const ops = running.cluster.operator;
    const notice = await addApplication(ops, { ...defaultApplication, contractNo: '6660001112223', name: 'Portal Holder', tokenSerial: '0A0B0C0D' });
    const answer = await caRequest(running.cluster.instances[0]!, 'POST', '/.well-known/est/simpleenroll', {
      auth: { user: notice.applicationNo, password: notice.storagePin },
      headers: { 'content-type': 'application/pkcs10' },
      body: await makeCsr('portal-holder'),
    });
    expect(answer.status, answer.text).toBe(200);
    // What the renewal page holds once the proof was checked (certificate unrevoked then).
    const certificate = (await ops.store.certificateForApplication(notice.applicationNo))!;
    const proof: VerifiedProof = { certificate, application: (await ops.store.getApplication(notice.applicationNo))!, tokenSerial: '0A0B0C0D' };

    let answered = 0;
    let revocation: Promise<unknown> | undefined;
    let next = 0;
    const outcomes: ('recorded' | 'refused')[] = [];
    await Promise.all(
      Array.from({ length: WIDTH }, async () => {
        while (next < RENEWALS) {
          const i = next++;
          try {
            await submitRenewal(contexts[i % 3]!, proof, { email: 'holder@example.jp', role: 'engineer', years: 1 });
            outcomes.push('recorded');
          } catch (error) {
            expect((error as { code?: string }).code).toBe('tokenProofRefused');
            outcomes.push('refused');
          }
          if (++answered === REVOKE_AFTER) revocation = revokeCertificate(ops, certificate.serial, 1);
        }
      }),
    );
    await revocation;

    const audit = await ops.store.listAudit();
    const revoked = audit.filter((line) => line.event === 'certificateRevoked' && line.certificate_serial === certificate.serial);
    expect(revoked).toHaveLength(1);
    const renewalNos = new Set(
      (await new PortalStore(ops.store).applicationsOfContract('6660001112223')).filter((a) => a.kind === 'renewal').map((a) => a.application_no),
    );
    const details = await new PortalStore(ops.store).applicantDetails([...renewalNos]);
    expect(details.every((d) => d.renews_certificate === certificate.serial)).toBe(true);
    expect(renewalNos.size).toBe(outcomes.filter((o) => o === 'recorded').length);
    expect(renewalNos.size).toBeGreaterThanOrEqual(REVOKE_AFTER);
    const late = audit.filter((line) => line.event === 'applicationAdded' && renewalNos.has(line.application_no!) && line.id > revoked[0]!.id);
    expect(late.map((line) => line.application_no)).toEqual([]);
    // The race was run: renewals before the revocation, refusals after it.
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(0);
  }, 240_000);
});
