// The CA's hot path writes DER itself (certificate template, certs-only PKCS#7, CSR walk):
// it must produce the very bytes @peculiar/x509 wrote before, and what openssl reads
// from them must be the certificate the CA promises.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MasterKey } from '../../../src/server/master-key.js';
import { createCaIdentity, createPublicDer, type CaIdentity } from '../../../src/server/pki/ca-identity.js';
import { checkCertificateRequest } from '../../../src/server/pki/certificate-request.js';
import { certsOnlyDer } from '../../../src/server/pki/certs-only.js';
import { EndEntityIssuer, type CertificateSubject } from '../../../src/server/pki/end-entity-certificate.js';
import { arrayBufferOf, RSA_SHA256, x509 } from '../../../src/server/pki/x509.js';

const CRL_URL = 'https://ca.example.jp:8443/crl';
const dir = mkdtempSync(join(tmpdir(), 'tokendesk-template-'));
let ca: CaIdentity;
let issuer: EndEntityIssuer;

function rsaKey(bits = 2048): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 }).privateKey;
}

/** What the CA built with @peculiar/x509 before the template (the same call, kept here as the reference). */
async function peculiarCertificate(subject: CertificateSubject, spki: Buffer, serial: string, notBefore: Date, notAfter: Date): Promise<Buffer> {
  const publicKey = await x509.PublicKey.create(arrayBufferOf(spki));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: [{ CN: [`${subject.userId} ${subject.name}`] }, { O: [subject.company] }, { E: [subject.email] }],
    issuer: ca.certificate.subjectName,
    notBefore,
    notAfter,
    publicKey,
    signingKey: ca.signingKey,
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
      new x509.CRLDistributionPointsExtension([CRL_URL]),
      ca.authorityKeyIdentifier,
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  return Buffer.from(certificate.rawData);
}

function openssl(args: string[], input?: Buffer): string {
  return execFileSync('openssl', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

const subject: CertificateSubject = { userId: '400156819', name: 'Souken Tarou', company: 'Souken Co., Ltd.', email: 'tarou@example.jp', years: 3 };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('end-entity certificate template', () => {
  beforeAll(async () => {
    ca = await createCaIdentity(dir, MasterKey.generate(), { caName: 'TokenDesk Reference CA', organization: 'TokenDesk' });
    issuer = new EndEntityIssuer(ca, CRL_URL);
    writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
  });

  it('writes byte for byte the certificate @peculiar/x509 wrote (UTCTime, GeneralizedTime, UTF8String names)', async () => {
    const cases: Array<[CertificateSubject, Date]> = [
      [subject, new Date('2026-04-26T03:04:05.678Z')],
      [{ ...subject, company: 'Souken & Söhne K.K.', years: 1 }, new Date('2030-12-31T23:59:59Z')],
      [{ ...subject, years: 3 }, new Date('2048-06-01T00:00:00Z')], // notAfter in 2051: GeneralizedTime
    ];
    for (const [who, now] of cases) {
      const spki = createPublicDer(rsaKey());
      const issued = await issuer.issue(who, spki, now);
      expect(issued.serial).toMatch(/^[0-9A-F]{32}$/);
      const reference = await peculiarCertificate(who, spki, issued.serial, issued.notBefore, issued.notAfter);
      expect(issued.der.toString('hex')).toBe(reference.toString('hex'));
    }
  });

  it('is read by openssl as the certificate the CA promises, field by field', async () => {
    const key = rsaKey();
    const spki = createPublicDer(key);
    const now = new Date();
    const issued = await issuer.issue(subject, spki, now);
    const pem = join(dir, 'ee.pem');
    writeFileSync(pem, `-----BEGIN CERTIFICATE-----\n${issued.der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`);

    expect(openssl(['verify', '-CAfile', join(dir, 'ca.pem'), pem]).trim()).toBe(`${pem}: OK`);
    const fields = openssl(['x509', '-in', pem, '-noout', '-nameopt', 'RFC2253', '-subject', '-issuer', '-serial', '-startdate', '-enddate']);
    expect(fields).toContain('subject=emailAddress=tarou@example.jp,O=Souken Co.\\, Ltd.,CN=400156819 Souken Tarou');
    expect(fields).toContain('issuer=C=JP,O=TokenDesk,CN=TokenDesk Reference CA');
    expect(fields).toContain(`serial=${issued.serial}`);
    const notAfter = new Date(now);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 3);
    const startDate = /notBefore=(.*)/.exec(fields)![1]!;
    const endDate = /notAfter=(.*)/.exec(fields)![1]!;
    expect(new Date(startDate).getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000);
    expect(new Date(endDate).getTime()).toBe(Math.floor(notAfter.getTime() / 1000) * 1000);

    const text = openssl(['x509', '-in', pem, '-noout', '-text']);
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication\n/);
    expect(text).toMatch(new RegExp(`X509v3 CRL Distribution Points:\\s+Full Name:\\s+URI:${CRL_URL.replace(/[.]/g, '\\.')}`));
    const caText = openssl(['x509', '-in', join(dir, 'ca.pem'), '-noout', '-text']);
    const caSki = /X509v3 Subject Key Identifier:\s+([0-9A-F:]+)/.exec(caText)![1]!;
    expect(text).toMatch(new RegExp(`X509v3 Authority Key Identifier:\\s+(keyid:)?${caSki}`));
    // SKI: SHA-1 of the subjectPublicKey (RFC 5280 §4.2.1.2 (1)), as openssl computes it for `-ext subjectKeyIdentifier=hash`.
    const ski = /X509v3 Subject Key Identifier:\s+([0-9A-F:]+)/.exec(text)![1]!;
    const expected = openssl(['x509', '-in', pem, '-noout', '-pubkey']);
    const pubDer = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: expected });
    expect(pubDer.equals(spki)).toBe(true);
    const bitString = spki.subarray(spki.length - 271 + 1); // 2048-bit RSA: BIT STRING of 271 content bytes, first = unused bits
    expect(ski.replace(/:/g, '')).toBe(execFileSync('openssl', ['dgst', '-sha1', '-hex', '-r'], { input: bitString }).toString().slice(0, 40).toUpperCase());
  });

  it('wraps certificates in the certs-only PKCS#7 @peculiar/x509 wrote, which openssl opens', async () => {
    const issued = await issuer.issue(subject, createPublicDer(rsaKey()));
    const p7 = certsOnlyDer([issued.der, ca.certificateDer]);
    const reference = Buffer.from(new x509.X509Certificates([new x509.X509Certificate(arrayBufferOf(issued.der)), ca.certificate]).export('raw'));
    expect(p7.equals(reference)).toBe(true);
    const printed = openssl(['pkcs7', '-inform', 'DER', '-print_certs', '-noout'], p7);
    expect(printed).toContain('subject=CN = 400156819 Souken Tarou, O = "Souken Co., Ltd.", emailAddress = tarou@example.jp');
    expect(printed).toContain('subject=CN = TokenDesk Reference CA, O = TokenDesk, C = JP');
  });
});

describe('CSR check (DER walk + OpenSSL signature check)', () => {
  function csr(bits: number | 'ec', digest = 'sha256'): Buffer {
    const out = join(dir, `csr-${bits}-${digest}.der`);
    const key = bits === 'ec' ? ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : [`rsa:${bits}`];
    execFileSync('openssl', ['req', '-new', '-newkey', ...key, `-${digest}`, '-nodes', '-keyout', `${out}.key`, '-subj', '/CN=x', '-outform', 'DER', '-out', out], { stdio: 'ignore' });
    return readFileSync(out);
  }

  it('accepts an openssl CSR and hands over its SubjectPublicKeyInfo bytes', async () => {
    const der = csr(2048);
    const checked = await checkCertificateRequest(der.toString('base64'));
    expect(checked.bits).toBe(2048);
    const spki = execFileSync('openssl', ['req', '-inform', 'DER', '-noout', '-pubkey'], { input: der });
    expect(checked.spki.equals(execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: spki }))).toBe(true);
    expect((await checkCertificateRequest(csr(3072, 'sha384').toString('base64'))).bits).toBe(3072);
  });

  it('refuses a forged signature, a short key, trailing bytes and non-DER, as a 400', async () => {
    const der = csr(2048);
    const forged = Buffer.from(der);
    forged[forged.length - 5]! ^= 0x01;
    const tampered = Buffer.from(der);
    tampered[40]! ^= 0x01; // inside the subject or key: the signature no longer covers these bytes
    for (const [body, message] of [
      [forged, 'signature does not verify'],
      [tampered, /signature does not verify|not a PKCS#10|not RSA/],
      [csr(1024), '1024 bits'],
      [csr('ec'), 'not RSA'],
      [Buffer.concat([der, Buffer.from([0])]), 'not a PKCS#10'],
      [der.subarray(0, der.length - 1), 'not a PKCS#10'],
      [Buffer.from('30030201', 'hex'), 'not a PKCS#10'],
    ] as const) {
      const error = await checkCertificateRequest(body.toString('base64')).then(
        () => undefined,
        (e: unknown) => e as { status: number; message: string },
      );
      expect(error?.status).toBe(400);
      expect(error?.message).toMatch(message);
    }
  });
});
