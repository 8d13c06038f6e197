// A token proof's nonce is spent together with its audit line (portalProofAccepted),
// or not at all. Before, the nonce was spent by one statement and the line written by
// another: when the second failed, the nonce was gone with nothing in the audit log,
// and the holder's retry with the same signed answer was refused as a replay. The
// failure is PostgreSQL refusing the audit row (a trigger), no mock. Needs PostgreSQL.
import { webcrypto } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LOGIN_CHALLENGE_TYPE, serializeLoginChallenge } from '../../../src/core/portal-challenge/index.js';
import { addApplication } from '../../../src/server/operator.js';
import { RSA_SHA256, x509 } from '../../../src/server/pki/x509.js';
import { issueNonce, portalOrigin, verifyTokenProof } from '../../../src/server/portal/token-proof.js';
import { caClusterOverPostgres } from '../../support/ca-cluster.js';
import { caRequest, defaultApplication } from '../../support/ca-server.js';

describe('a token proof and its audit line, over PostgreSQL', () => {
  const running = caClusterOverPostgres(1);

  it('spends no nonce when its audit line cannot be written; the same answer then works once', async () => {
    const ops = running.cluster.operator;
    const TOKEN = '0A0B0C0E';
    const keys = (await webcrypto.subtle.generateKey({ ...RSA_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=proof', keys, signingAlgorithm: RSA_SHA256 });
    const notice = await addApplication(ops, { ...defaultApplication, tokenSerial: TOKEN });
    const enrolled = await caRequest(running.cluster.instances[0]!, 'POST', '/.well-known/est/simpleenroll', {
      auth: { user: notice.applicationNo, password: notice.storagePin },
      headers: { 'content-type': 'application/pkcs10' },
      body: Buffer.from(csr.rawData).toString('base64'),
    });
    expect(enrolled.status, enrolled.text).toBe(200);
    const certificate = (await ops.store.certificateForApplication(notice.applicationNo))!;
    const certificatePem = new x509.X509Certificate(Buffer.from(certificate.der)).toString('pem');

    const { nonce } = await issueNonce(ops, 'revoke');
    const signedData = serializeLoginChallenge({ type: LOGIN_CHALLENGE_TYPE, origin: portalOrigin(ops), nonce, time: new Date().toISOString(), tokenSerial: TOKEN });
    const signature = Buffer.from(await webcrypto.subtle.sign(RSA_SHA256, keys.privateKey, Buffer.from(signedData, 'utf8'))).toString('base64');
    const proof = { signedData, signature, certificatePem };

    const db = ops.store.db;
    await sql`create or replace function refuse_proof_line() returns trigger language plpgsql as $$ begin if new.event = 'portalProofAccepted' then raise exception 'audit log full'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_proof_line before insert on audit_log for each row execute function refuse_proof_line()`.execute(db);
    try {
      await expect(verifyTokenProof(ops, proof, 'revoke')).rejects.toThrow(/audit log full/);
    } finally {
      await sql`drop trigger refuse_proof_line on audit_log`.execute(db);
    }
    // Nothing spent without its line.
    const row = await sql<{ used_at: string | null }>`select used_at from portal_nonces where nonce = ${nonce}`.execute(db);
    expect(row.rows[0]?.used_at).toBeNull();

    const verified = await verifyTokenProof(ops, proof, 'revoke');
    expect(verified.certificate.serial).toBe(certificate.serial);
    await expect(verifyTokenProof(ops, proof, 'revoke')).rejects.toMatchObject({ code: 'tokenProofRefused' });
    expect((await ops.store.listAudit()).filter((l) => l.event === 'portalProofAccepted')).toHaveLength(1);
  });
});
