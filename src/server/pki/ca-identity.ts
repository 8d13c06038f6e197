/**
 * The CA's key and certificate. On disk the key is an encrypted PKCS#8 PEM whose
 * passphrase derives from the master key (master-key.ts); in memory it is parsed once
 * (a KeyObject and its WebCrypto twin), so no request ever parses key material.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MasterKey } from '../master-key.js';
import { serverErrors } from '../server-error.js';
import { generateCertificateSerial } from '../identifiers.js';
import { arrayBufferOf, pemOf, RSA_SHA256, toSigningKey, x509 } from './x509.js';

export const CA_KEY_FILE = 'ca.key.pem';
export const CA_CERT_FILE = 'ca.crt.pem';

export interface CaIdentity {
  certificate: x509.X509Certificate;
  certificatePem: string;
  /** The certificate's DER, as on disk. */
  certificateDer: Buffer;
  /** WebCrypto form, for @peculiar/x509's generators (CRL, server TLS certificate). */
  signingKey: CryptoKey;
  /** Node form, for node:crypto's sign (end-entity certificates). */
  privateKey: KeyObject;
  /** Precomputed: every certificate and CRL names the CA's key the same way. */
  authorityKeyIdentifier: x509.AuthorityKeyIdentifierExtension;
}

export function encryptPrivateKey(key: KeyObject, master: MasterKey): string {
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: master.privateKeyPassphrase() }) as string;
}

export function decryptPrivateKey(pem: string, master: MasterKey): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase: master.privateKeyPassphrase() });
  } catch {
    throw serverErrors.invalidArgument({
      ja: '秘密鍵を復号できません。マスター鍵（TOKENDESK_CA_MASTER_KEY または master.key）が初期化時と異なります。',
      en: 'Cannot decrypt the private key: the master key (TOKENDESK_CA_MASTER_KEY or master.key) differs from the one used at init.',
    });
  }
}

export function generateRsaKey(bits = 2048): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 }).privateKey;
}

async function identityFrom(certificate: x509.X509Certificate, key: KeyObject): Promise<CaIdentity> {
  return {
    certificate,
    certificatePem: pemOf(certificate),
    certificateDer: Buffer.from(certificate.rawData),
    signingKey: await toSigningKey(key),
    privateKey: key,
    authorityKeyIdentifier: await x509.AuthorityKeyIdentifierExtension.create(certificate.publicKey),
  };
}

/** A new self-signed CA (10 years), written encrypted to the data dir. */
export async function createCaIdentity(dataDir: string, master: MasterKey, names: { caName: string; organization: string }): Promise<CaIdentity> {
  const key = generateRsaKey(2048);
  const publicKey = await x509.PublicKey.create(arrayBufferOf(createPublicDer(key)));
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  const signingKey = await toSigningKey(key);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: generateCertificateSerial(),
    subject: [{ CN: [names.caName] }, { O: [names.organization] }, { C: ['JP'] }],
    issuer: [{ CN: [names.caName] }, { O: [names.organization] }, { C: ['JP'] }],
    notBefore,
    notAfter,
    publicKey,
    signingKey,
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  await writeFile(join(dataDir, CA_KEY_FILE), encryptPrivateKey(key, master), { mode: 0o600, flag: 'wx' });
  await writeFile(join(dataDir, CA_CERT_FILE), pemOf(certificate), { mode: 0o644, flag: 'wx' });
  return identityFrom(certificate, key);
}

/** SubjectPublicKeyInfo DER of a key pair's public half. */
export function createPublicDer(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

export async function loadCaIdentity(dataDir: string, master: MasterKey): Promise<CaIdentity> {
  let keyPem: string;
  let certPem: string;
  try {
    [keyPem, certPem] = await Promise.all([readFile(join(dataDir, CA_KEY_FILE), 'utf8'), readFile(join(dataDir, CA_CERT_FILE), 'utf8')]);
  } catch {
    throw serverErrors.notInitialized(dataDir);
  }
  return identityFrom(new x509.X509Certificate(certPem), decryptPrivateKey(keyPem, master));
}
