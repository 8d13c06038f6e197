/**
 * The HTTPS certificate of the CA server, issued by the CA itself at init (clients
 * then trust one certificate: the CA's, from cacerts). Names: localhost, 127.0.0.1,
 * ::1 and the host of `publicUrl`. The key is stored encrypted like the CA key.
 */
import { isIP } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MasterKey } from '../master-key.js';
import { generateCertificateSerial } from '../identifiers.js';
import type { CaIdentity } from './ca-identity.js';
import { createPublicDer, decryptPrivateKey, encryptPrivateKey, generateRsaKey } from './ca-identity.js';
import { arrayBufferOf, pemOf, RSA_SHA256, x509 } from './x509.js';

export const TLS_KEY_FILE = 'tls.key.pem';
export const TLS_CERT_FILE = 'tls.crt.pem';

export interface ServerTls {
  key: string;
  cert: string;
  passphrase: string;
}

export async function createServerTls(dataDir: string, ca: CaIdentity, master: MasterKey, publicUrl: string): Promise<void> {
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  const names: x509.JsonGeneralNames = [
    { type: 'dns', value: 'localhost' },
    { type: 'ip', value: '127.0.0.1' },
    { type: 'ip', value: '::1' },
  ];
  if (!names.some((n) => n.value === host)) names.push({ type: isIP(host) ? 'ip' : 'dns', value: host });
  const key = generateRsaKey(2048);
  const publicKey = await x509.PublicKey.create(arrayBufferOf(createPublicDer(key)));
  const notBefore = new Date(Date.now() - 60_000);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: generateCertificateSerial(),
    subject: [{ CN: [host] }],
    issuer: ca.certificate.subjectName,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 825 * 86_400_000),
    publicKey,
    signingKey: ca.signingKey,
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      ca.authorityKeyIdentifier,
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  await writeFile(join(dataDir, TLS_KEY_FILE), encryptPrivateKey(key, master), { mode: 0o600 });
  await writeFile(join(dataDir, TLS_CERT_FILE), `${pemOf(certificate)}${ca.certificatePem}`, { mode: 0o644 });
}

/** Key, chain and passphrase for Node's TLS (it decrypts the PKCS#8 itself). */
export async function loadServerTls(dataDir: string, master: MasterKey): Promise<ServerTls> {
  const [key, cert] = await Promise.all([readFile(join(dataDir, TLS_KEY_FILE), 'utf8'), readFile(join(dataDir, TLS_CERT_FILE), 'utf8')]);
  decryptPrivateKey(key, master); // fails early, in words, on a wrong master key
  return { key, cert, passphrase: master.privateKeyPassphrase() };
}
