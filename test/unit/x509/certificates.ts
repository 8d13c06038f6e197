/**
 * Test certificates built at run time (no private key is committed): node's crypto
 * makes the keys, node-forge lays out the certificates. Shapes follow the seeds'
 * examples: eToken certificates with CN `400156819 Souken Tarou`, IC-card ones with
 * issuer `OU=TEST CA,O=TEST CA,C=JP` and serial 0x2ab.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { encodeDn } from '../../../src/core/x509/dn-encode.js';
import { parseDn } from '../../../src/core/x509/dn.js';

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  forgePrivate: forge.pki.rsa.PrivateKey;
  forgePublic: forge.pki.rsa.PublicKey;
  modulus: Buffer;
  exponent: Buffer;
}

const keyCache = new Map<string, TestKey>();

/** RSA keys are slow to make: tests share a few by name. */
export function testKey(name = 'default', bits = 2048): TestKey {
  const cacheKey = `${name}/${bits}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = publicKey.export({ format: 'jwk' });
  const key: TestKey = {
    privateKey,
    publicKey,
    forgePrivate: forge.pki.privateKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs1' }) as string) as forge.pki.rsa.PrivateKey,
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ format: 'pem', type: 'spki' }) as string) as forge.pki.rsa.PublicKey,
    modulus: Buffer.from(jwk.n!, 'base64url'),
    exponent: Buffer.from(jwk.e!, 'base64url'),
  };
  keyCache.set(cacheKey, key);
  return key;
}

export interface CertOptions {
  /** RFC 4514 string, most specific first (`CN=…,O=…,C=JP`). */
  subject: string;
  issuer?: string;
  serialHex?: string;
  notBefore?: Date;
  notAfter?: Date;
  key?: TestKey;
  issuerKey?: TestKey;
  ca?: boolean;
  crlUrls?: string[];
  emails?: string[];
  /** subjectAltName directoryName entries (RFC 4514 strings). */
  directoryNames?: string[];
}

export function makeCertificate(options: CertOptions): Buffer {
  const key = options.key ?? testKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.forgePublic;
  cert.serialNumber = options.serialHex ?? '01';
  cert.validity.notBefore = options.notBefore ?? new Date('2025-01-01T00:00:00Z');
  cert.validity.notAfter = options.notAfter ?? new Date('2028-02-29T14:59:59Z');
  const extensions: object[] = [];
  if (options.ca) extensions.push({ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true });
  if (options.crlUrls) {
    extensions.push({ name: 'cRLDistributionPoints', altNames: options.crlUrls.map((value) => ({ type: 6, value })) });
  }
  const altNames: forge.asn1.Asn1[] = [];
  for (const email of options.emails ?? []) altNames.push(forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 1, false, email));
  for (const dn of options.directoryNames ?? []) altNames.push(forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 4, true, [encodeDn(parseDn(dn))]));
  if (altNames.length > 0) {
    extensions.push({ id: '2.5.29.17', value: forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, altNames) });
  }
  cert.setExtensions(extensions);
  const tbsName = (dn: string): forge.asn1.Asn1 => encodeDn(parseDn(dn));
  // forge's own setSubject cannot write UTF8String Japanese names reliably: build the names ourselves.
  cert.setSubject([]);
  cert.setIssuer([]);
  cert.sign((options.issuerKey ?? key).forgePrivate, forge.md.sha256.create());
  const asn1 = forge.pki.certificateToAsn1(cert);
  const tbs = (asn1.value as forge.asn1.Asn1[])[0]!;
  const fields = tbs.value as forge.asn1.Asn1[];
  fields[3] = tbsName(options.issuer ?? options.subject);
  fields[5] = tbsName(options.subject);
  // Re-sign over the edited tbsCertificate.
  const tbsDer = forge.asn1.toDer(tbs).getBytes();
  const md = forge.md.sha256.create();
  md.update(tbsDer);
  const signature = (options.issuerKey ?? key).forgePrivate.sign(md);
  (asn1.value as forge.asn1.Asn1[])[2] = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.BITSTRING, false, `\0${signature}`);
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
