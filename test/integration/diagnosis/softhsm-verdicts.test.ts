/**
 * Diagnosis verdicts about the certificate, on SoftHSM2: empty, expired, not yet
 * valid (seed-like certificates with chosen dates), and — against the real reference
 * CA on loopback TLS, with a certificate it issued through the storage wizard —
 * healthy, and revoked as seen through the CA's CRL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { diagnosisText, runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { phraseFor } from '../../../src/core/messages/index.js';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { createStorageScene, storeWithWizard, type StorageScene } from '../../support/storage-scene.js';
import { putSeedLikeCertificate } from '../card/seed-like-certificate.js';

const DAY = 86_400_000;
let hsm: SoftHsm | undefined;
let scene: StorageScene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
  hsm?.cleanup();
  hsm = undefined;
});

async function tokenWith(validity?: { notBefore: Date; notAfter: Date }) {
  hsm = createSoftHsm({ tokens: 1 });
  const token = hsm.tokens[0]!;
  if (validity) {
    const module = await openModule(hsm.modulePath);
    try {
      await putSeedLikeCertificate(module, token.serial, token.userPin, { serialHex: '02ab', cn: '400156819 Souken Tarou', company: 'Souken', ...validity });
    } finally {
      await module.release();
    }
  }
  return token;
}

describe('diagnosis on SoftHSM2', () => {
  it('names an empty token, without and with the user PIN', async () => {
    const token = await tokenWith();
    const without = await runDiagnosis({ modulePath: hsm!.modulePath });
    expect(without.verdict).toBe('empty');
    expect(without.message.code).toBe('TD-CERT-NOT-STORED');
    expect(without.withPin).toBe(false);
    const withPin = await runDiagnosis({ modulePath: hsm!.modulePath, userPin: new Secret(token.userPin) });
    expect(withPin.verdict).toBe('empty');
  });

  it('names an expired certificate', async () => {
    const token = await tokenWith({ notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 2 * DAY) });
    const diagnosis = await runDiagnosis({ modulePath: hsm!.modulePath, userPin: new Secret(token.userPin) });
    expect(diagnosis.verdict).toBe('expired');
    expect(diagnosis.message.code).toBe('TD-CERT-EXPIRED');
    expect(diagnosis.message.text.ja).toContain(diagnosis.certificate!.notAfter);
    // With the PIN the key was proven by a signature.
    expect(diagnosis.checks.find((c) => c.id === 'keyPair')?.result).toBe('ok');
    expect(diagnosis.loggedIn).toBe(true);
  });

  it('names a certificate not valid yet', async () => {
    await tokenWith({ notBefore: new Date(Date.now() + 3 * DAY), notAfter: new Date(Date.now() + 400 * DAY) });
    const diagnosis = await runDiagnosis({ modulePath: hsm!.modulePath });
    expect(diagnosis.verdict).toBe('notYetValid');
    expect(diagnosis.message.code).toBe('TD-CERT-NOT-YET-VALID');
    // Without the PIN only the public key can be compared.
    expect(diagnosis.checks.find((c) => c.id === 'keyPair')?.result).toBe('ok');
    expect(diagnosis.checks.find((c) => c.id === 'userLogin')?.result).toBe('skipped');
  });

  it('names a certificate whose key is not the token key filed under its CKA_ID: the signature does not verify', async () => {
    const token = await tokenWith({ notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 400 * DAY) });
    const module = await openModule(hsm!.modulePath);
    try {
      const session = await module.openSession(token.serial, { readWrite: true });
      try {
        await session.login('user', token.userPin);
        const [certificate] = await session.listCertificates();
        const other = await session.generateRsaKeyPair({ label: 'another key' });
        // The certificate moves to the other key's CKA_ID; its own key stays, unreferenced.
        await session.deleteCertificate(certificate!.id);
        await session.writeCertificate({ id: other.id, label: certificate!.label, der: certificate!.der });
        await session.logout();
      } finally {
        await session.close();
      }
    } finally {
      await module.release();
    }
    const diagnosis = await runDiagnosis({ modulePath: hsm!.modulePath, userPin: new Secret(token.userPin) });
    expect(diagnosis.verdict).toBe('keyMismatch');
    const keyPair = diagnosis.checks.find((c) => c.id === 'keyPair');
    expect(keyPair?.result).toBe('failed');
    expect(keyPair?.detail).toEqual(phraseFor('keySignatureNotVerified'));
    // Not a device failure: the status checks still ran.
    expect(diagnosis.checks.find((c) => c.id === 'validity')?.result).toBe('ok');
    const withoutPin = await runDiagnosis({ modulePath: hsm!.modulePath });
    expect(withoutPin.verdict).toBe('keyMismatch');
    expect(withoutPin.checks.find((c) => c.id === 'keyPair')?.detail).toEqual(phraseFor('publicKeyMismatch'));
  });

  it('reports a wrong user PIN without naming it', async () => {
    await tokenWith({ notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 400 * DAY) });
    const diagnosis = await runDiagnosis({ modulePath: hsm!.modulePath, userPin: new Secret('Wrong987') });
    expect(diagnosis.verdict).toBe('pinIncorrect');
    expect(JSON.stringify(diagnosis)).not.toContain('Wrong987');
  });

  it('is healthy with a CA-issued certificate, then revoked once the CA revokes it', async () => {
    hsm = createSoftHsm({ tokens: 1 });
    const token = hsm.tokens[0]!;
    scene = await createStorageScene({ modulePath: hsm.modulePath, tokenSerial: token.serial, soPin: token.soPin });
    const stored = await storeWithWizard(scene, 'Tarou123');
    expect(stored.step).toBe(5);

    const healthy = await runDiagnosis({ modulePath: hsm.modulePath, userPin: new Secret('Tarou123'), ca: scene.client });
    expect(healthy.verdict).toBe('healthy');
    expect(healthy.message.code).toBe('TD-DIAG-HEALTHY');
    expect(healthy.checks.every((c) => c.result === 'ok')).toBe(true);
    expect(healthy.status).toMatchObject({ status: 'valid', revocation: 'good', clockSource: 'ca' });
    expect(healthy.certificate?.userId).toBe(scene.application.userId);
    // The report of a healthy token (#13.8): (8)/(9) are left for the error the system
    // showed, no stray serial line after (9), no closing line repeating check 1.
    const report = diagnosisText(healthy, 'ja');
    expect(report).toContain('(8) 問合せ内容：（ご記入ください）\n(9) 表示されたエラー：（ご記入ください）\n\n■ USBトークン');
    expect(report).not.toMatch(/\nミドルウェア：/u);
    expect(report.match(/シリアルナンバー：/gu)).toHaveLength(1);

    // The CA's CRL is asked for as soon as the certificate is found, so its round trip
    // runs while the token logs in and signs; once, and its answer decides revocation.
    const asked: string[] = [];
    const crl = scene.client.crl.bind(scene.client);
    scene.client.crl = () => {
      asked.push('CA: CRL');
      return crl();
    };
    const overlapped = await runDiagnosis({ modulePath: hsm.modulePath, userPin: new Secret('Tarou123'), ca: scene.client, onCheck: (id) => void asked.push(id) });
    expect(overlapped.verdict).toBe('healthy');
    expect(asked.filter((step) => step === 'CA: CRL')).toHaveLength(1);
    expect(asked.slice(asked.indexOf('certificate'), asked.indexOf('keyPair') + 1)).toEqual(['certificate', 'CA: CRL', 'userLogin', 'keyPair']);

    await scene.ca.revoke(stored.result!.certificateSerialHex);
    const revoked = await runDiagnosis({ modulePath: hsm.modulePath, ca: scene.client });
    expect(revoked.verdict).toBe('revoked');
    expect(revoked.message.code).toBe('TD-CERT-REVOKED');
    expect(revoked.checks.find((c) => c.id === 'revocation')?.result).toBe('failed');
  });
});
