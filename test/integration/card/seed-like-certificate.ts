/**
 * Puts a certificate built like the seeds' examples on a token: a key pair generated
 * on the token, and a certificate for it signed by a throwaway CA named
 * `OU=TEST CA,O=TEST CA,C=JP` (Ise e-bidding manual §1.4), with the serial, subject and validity
 * a test chooses — expired and not-yet-valid ones included, which the reference CA
 * (1–3 years from now) never issues.
 */
import forge from 'node-forge';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

const issuerKeys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
const ISSUER = [
  { shortName: 'C', value: 'JP' },
  { shortName: 'O', value: 'TEST CA' },
  { shortName: 'OU', value: 'TEST CA' },
];

export interface SeedLikeCertificate {
  serialHex: string;
  cn: string;
  company?: string;
  st?: string;
  l?: string;
  notBefore: Date;
  notAfter: Date;
}

export async function putSeedLikeCertificate(module: Pkcs11Module, tokenSerial: string, userPin: string, spec: SeedLikeCertificate): Promise<{ der: Buffer; keyId: string }> {
  const session = await module.openSession(tokenSerial, { readWrite: true });
  try {
    await session.login('user', userPin);
    const key = await session.generateRsaKeyPair({ label: spec.cn, bits: 2048 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(
      new forge.jsbn.BigInteger(key.modulus.toString('hex'), 16),
      new forge.jsbn.BigInteger(key.publicExponent.toString('hex'), 16),
    );
    cert.serialNumber = spec.serialHex;
    cert.validity.notBefore = spec.notBefore;
    cert.validity.notAfter = spec.notAfter;
    // forge's types omit valueTagClass; UTF8String is what Japanese names need.
    const utf8 = (shortName: string, value: string) => ({ shortName, value, valueTagClass: forge.asn1.Type.UTF8 }) as unknown as forge.pki.CertificateField;
    const subject: forge.pki.CertificateField[] = [{ shortName: 'C', value: 'JP' }];
    if (spec.st) subject.push(utf8('ST', spec.st));
    if (spec.l) subject.push(utf8('L', spec.l));
    if (spec.company) subject.push(utf8('O', spec.company));
    subject.push(utf8('CN', spec.cn));
    cert.setSubject(subject);
    cert.setIssuer(ISSUER);
    cert.setExtensions([{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }]);
    cert.sign(issuerKeys.privateKey, forge.md.sha256.create());
    const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
    await session.writeCertificate({ id: key.id, label: spec.cn, der });
    await session.logout();
    return { der, keyId: key.id };
  } finally {
    await session.close();
  }
}

/** `2028/02/29` in JST is this instant: the last second of that day. */
export const jstEndOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d, 14, 59, 59));

/** A one-token SoftHSM2 with the key pair and certificate of `spec` on it; `then` may add more while the library is open. */
export async function softHsmWithSeedLikeCertificate(spec: SeedLikeCertificate, then?: (module: Pkcs11Module, token: SoftHsm['tokens'][number]) => Promise<void>): Promise<SoftHsm> {
  const hsm = createSoftHsm({ tokens: 1 });
  const token = hsm.tokens[0]!;
  const module = await openModule(hsm.modulePath);
  try {
    await putSeedLikeCertificate(module, token.serial, token.userPin, spec);
    await then?.(module, token);
  } finally {
    await module.release();
  }
  return hsm;
}
