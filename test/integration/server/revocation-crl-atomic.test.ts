// A revocation and the CRL that lists it commit together, or neither does. Before, the
// revocation committed in one transaction and the CRL was built in another; when the
// second failed (the database refusing the write, a server killed in between), the
// certificate stood revoked in the database while every instance kept serving the
// previous CRL — still fresh, so nothing rebuilt it for days — and a portal link spent
// on it could not be used again. Two instances over one PostgreSQL; the failure is
// PostgreSQL refusing the CRL's row (a trigger), no mock. Needs PostgreSQL.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addApplication, revokeCertificate, type ApplicationInput } from '../../../src/server/operator.js';
import { x509 } from '../../../src/server/pki/x509.js';
import { confirmRevocation } from '../../../src/server/portal/revocation-requests.js';
import { PortalStore } from '../../../src/server/portal/portal-store.js';
import { caClusterOverPostgres } from '../../support/ca-cluster.js';
import { caRequest, defaultApplication } from '../../support/ca-server.js';
import { makeCsr } from '../../support/csr.js';

describe('a revocation and its CRL, two instances over one PostgreSQL', () => {
  const running = caClusterOverPostgres(2);

  /** A certificate issued through the real API: its serial. */
  async function issued(input: Partial<ApplicationInput> = {}): Promise<{ applicationNo: string; serial: string; storagePin: string }> {
    const notice = await addApplication(running.cluster.operator, { ...defaultApplication, ...input });
    const answer = await caRequest(running.cluster.instances[0]!, 'POST', '/.well-known/est/simpleenroll', {
      auth: { user: notice.applicationNo, password: notice.storagePin },
      headers: { 'content-type': 'application/pkcs10' },
      body: await makeCsr('crl-atomic'),
    });
    expect(answer.status, answer.text).toBe(200);
    return {
      applicationNo: notice.applicationNo,
      storagePin: notice.storagePin,
      serial: (await running.cluster.operator.store.certificateForApplication(notice.applicationNo))!.serial,
    };
  }

  /** The serials the CRL served by `instance` lists. */
  async function servedCrl(instance: number): Promise<string[]> {
    const answer = await caRequest(running.cluster.instances[instance]!, 'GET', '/crl');
    expect(answer.status).toBe(200);
    return new x509.X509Crl(Buffer.from(answer.body)).entries.map((e) => e.serialNumber.toUpperCase().padStart(32, '0'));
  }

  const refuseCrls = async (): Promise<void> => {
    const db = running.cluster.operator.store.db;
    await sql`create or replace function refuse_crl() returns trigger language plpgsql as $$ begin raise exception 'no CRL today'; end $$`.execute(db);
    await sql`create trigger refuse_crl before insert on crls for each row execute function refuse_crl()`.execute(db);
  };
  const acceptCrls = async (): Promise<void> => {
    await sql`drop trigger refuse_crl on crls`.execute(running.cluster.operator.store.db);
  };

  /** A certificate revoked in the database is listed in the CRL every instance serves. */
  async function expectRevokedMeansListed(serial: string): Promise<void> {
    const row = (await running.cluster.operator.store.getCertificate(serial))!;
    if (row.revoked_at === null) return;
    for (const instance of [0, 1]) expect(await servedCrl(instance)).toContain(serial);
  }

  it('the operator’s revocation: if the CRL cannot be saved, nothing is revoked; the retry revokes and publishes', async () => {
    const { serial } = await issued();
    expect(await servedCrl(1)).not.toContain(serial); // a fresh CRL, served as it is
    await refuseCrls();
    try {
      await expect(revokeCertificate(running.cluster.operator, serial, 1)).rejects.toThrow(/no CRL today/);
    } finally {
      await acceptCrls();
    }
    await expectRevokedMeansListed(serial);
    expect((await running.cluster.operator.store.listAudit()).filter((l) => l.event === 'certificateRevoked' && l.certificate_serial === serial)).toHaveLength(0);

    await revokeCertificate(running.cluster.operator, serial, 1);
    for (const instance of [0, 1]) expect(await servedCrl(instance)).toContain(serial);
  });

  it('the portal’s mailed link: if the CRL cannot be saved, the link is not spent and works again', async () => {
    const { applicationNo, serial } = await issued();
    const secret = randomBytes(32).toString('base64url');
    await new PortalStore(running.cluster.operator.store).addRevocationRequest({
      link_hash: createHash('sha256').update(secret, 'utf8').digest('hex'),
      application_no: applicationNo,
      certificate_serial: serial,
      created_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      confirmed_at: null,
    });
    await refuseCrls();
    try {
      await expect(confirmRevocation(running.cluster.operator, secret, applicationNo)).rejects.toThrow(/no CRL today/);
    } finally {
      await acceptCrls();
    }
    await expectRevokedMeansListed(serial);

    expect(await confirmRevocation(running.cluster.operator, secret, applicationNo)).toEqual({ certificateSerial: serial, applicationNo });
    for (const instance of [0, 1]) expect(await servedCrl(instance)).toContain(serial);
  });

  it('a portal renewal’s `stored`: stored and the old certificate superseded (and listed) together, or neither', async () => {
    const holder = { contractNo: '7770001112223', name: 'Renew Holder' };
    const old = await issued(holder);
    // The renewal names the certificate it renews, as the portal's renewal form records it.
    const renewal = await addApplication(running.cluster.operator, { ...defaultApplication, ...holder, kind: 'renewal' });
    await new PortalStore(running.cluster.operator.store).saveApplicantDetail({
      application_no: renewal.applicationNo,
      name_local: null,
      role: 'engineer',
      source: 'portal',
      renews_certificate: old.serial,
      pin_mailed_at: new Date().toISOString(),
    });
    const enrolled = await caRequest(running.cluster.instances[0]!, 'POST', '/.well-known/est/simpleenroll', {
      auth: { user: renewal.applicationNo, password: renewal.storagePin },
      headers: { 'content-type': 'application/pkcs10' },
      body: await makeCsr('crl-atomic-renewal'),
    });
    expect(enrolled.status, enrolled.text).toBe(200);
    const renewed = (await running.cluster.operator.store.certificateForApplication(renewal.applicationNo))!;
    const stored = (instance: number) =>
      caRequest(running.cluster.instances[instance]!, 'POST', `/api/v1/applications/${renewal.applicationNo}/stored`, {
        auth: { user: renewal.applicationNo, password: renewal.storagePin },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ certificateSerial: renewed.serial }),
      });

    await refuseCrls();
    try {
      expect((await stored(1)).status).toBeGreaterThanOrEqual(500);
    } finally {
      await acceptCrls();
    }
    const application = (await running.cluster.operator.store.getApplication(renewal.applicationNo))!;
    const oldRow = (await running.cluster.operator.store.getCertificate(old.serial))!;
    // Half-applied would be: stored (the PIN spent, the token no longer pending) but the old certificate standing.
    expect({ stored: application.stored_at !== null, oldRevoked: oldRow.revoked_at !== null }).toEqual({ stored: false, oldRevoked: false });

    expect((await stored(0)).status).toBe(200);
    expect((await running.cluster.operator.store.getCertificate(old.serial))!.revocation_reason).toBe(4);
    for (const instance of [0, 1]) expect(await servedCrl(instance)).toContain(old.serial);
  });
});
