import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { summarizeCertificate, summaryPublicKey, X509Error } from '../../../src/core/x509/index.js';
import { rsaSpki } from '../../../src/core/x509/csr.js';
import { makeCertificate, testKey } from './certificates.js';

describe('summarizeCertificate — eToken certificate (CA manual)', () => {
  const der = makeCertificate({
    subject: 'CN=400156819 Souken Tarou,OU=Kouji 1,O=NEXCO総研エンジニアリング株式会社,C=JP',
    issuer: 'CN=Test Personal CA,O=Test CA,C=JP',
    issuerKey: testKey('ca'),
    serialHex: '02ab',
    notBefore: new Date('2025-04-30T15:00:00Z'),
    notAfter: new Date('2026-04-30T14:59:59Z'),
    crlUrls: ['http://ca.example.jp/crl/ca.crl'],
    emails: ['souken@example.jp'],
  });
  const summary = summarizeCertificate(der);

  it('splits the user ID and romanised name out of the CN', () => {
    expect(summary.userId).toBe('400156819');
    expect(summary.romanisedName).toBe('Souken Tarou');
    expect(summary.holderName).toBe('Souken Tarou');
    expect(summary.subject.cn).toBe('400156819 Souken Tarou');
  });

  it('reads company, e-mail, issuer DN, serial and dates as the product shows them', () => {
    expect(summary.company).toBe('NEXCO総研エンジニアリング株式会社');
    expect(summary.subject.ou).toBe('Kouji 1');
    expect(summary.email).toBe('souken@example.jp');
    expect(summary.issuerDn).toBe('CN=Test Personal CA,O=Test CA,C=JP');
    expect(summary.serial).toEqual({ hex: '02AB', decimal: '683', display: '683 (10進) / 2ab (16進)' });
    expect(summary.notBeforeDisplay).toBe('2025/05/01');
    expect(summary.notAfterDisplay).toBe('2026/04/30');
    expect(summary.notAfter.toISOString()).toBe('2026-04-30T14:59:59.000Z');
    expect(summary.selfIssued).toBe(false);
  });

  it('agrees with OpenSSL on key size and fingerprint, and carries the SPKI a token key is matched by', () => {
    const reference = new X509Certificate(der);
    expect(summary.keyType).toBe('rsa');
    expect(summary.keyBits).toBe(2048);
    expect(summary.sha256Fingerprint).toBe(reference.fingerprint256);
    // Made when first read, and still part of the summary wherever it is sent.
    expect(JSON.parse(JSON.stringify(summary)).sha256Fingerprint).toBe(reference.fingerprint256);
    expect(structuredClone(summary).sha256Fingerprint).toBe(reference.fingerprint256);
    expect(summary.spkiDer.equals(rsaSpki(testKey().modulus, testKey().exponent))).toBe(true);
    expect(summary.crlDistributionPoints).toEqual(['http://ca.example.jp/crl/ca.crl']);
  });
});

describe('summarizeCertificate — IC card certificate (seeds 002, 004)', () => {
  const der = makeCertificate({
    subject: 'CN=ARServer4,O=bidca4,L=Kawasaki,ST=Kanagawa,C=JP',
    issuer: 'OU=bidca4,O=pki4,ST=Kanagawa,C=JP',
    issuerKey: testKey('ca'),
    serialHex: BigInt('246187065731116185158328469941009070494604893755').toString(16),
    notAfter: new Date('2029-12-13T14:59:59Z'),
    directoryNames: ['O=bidca4,L=Akasaka,ST=Minato'],
  });
  const summary = summarizeCertificate(der);

  it('shows holder, holder address, company and company address', () => {
    expect(summary.holderName).toBe('ARServer4');
    expect(summary.userId).toBeUndefined();
    expect(summary.holderAddress).toBe('Kanagawa Kawasaki');
    expect(summary.company).toBe('bidca4');
    expect(summary.companyAddress).toBe('Minato Akasaka');
  });

  it('prints issuer, serial and expiry like Aomori e-bidding manual', () => {
    expect(summary.issuerDn).toBe('OU=bidca4,O=pki4,ST=Kanagawa,C=JP');
    expect(summary.serial.decimal).toBe('246187065731116185158328469941009070494604893755');
    expect(summary.notAfterDisplay).toBe('2029/12/13');
  });

  it('takes the company from subjectAltName when the subject has no O', () => {
    const other = summarizeCertificate(
      makeCertificate({ subject: 'CN=テスト 六郎,STREET=Shibaura,L=Minato-ku,ST=Tokyo-To,C=JP', directoryNames: ['O=テスト06株式会社'], issuer: 'OU=TEST CA,O=TEST CA,C=JP' }),
    );
    expect(other.company).toBe('テスト06株式会社');
    expect(other.holderAddress).toBe('Tokyo-To Minato-ku Shibaura');
    expect(other.holderName).toBe('テスト 六郎');
    expect(other.issuerDn).toBe('OU=TEST CA,O=TEST CA,C=JP');
  });
});

describe('summarizeCertificate — bad input', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['not DER', Buffer.from('hello world')],
    ['truncated', makeCertificate({ subject: 'CN=x' }).subarray(0, 200)],
    ['a SEQUENCE of nothing', Buffer.from([0x30, 0x00])],
  ])('throws X509Error for %s', (_name, der) => {
    expect(() => summarizeCertificate(der)).toThrow(X509Error);
  });
});

describe('summarizeCertificate — damage inside a field it reads', () => {
  it('refuses a certificate whose extensions are damaged even where no field it shows lies (the critical flag made a broken constructed value)', () => {
    const der = makeCertificate({ subject: 'CN=x', ca: true });
    // basicConstraints (2.5.29.19) marked critical: OID, then BOOLEAN TRUE.
    const at = der.indexOf(Buffer.from('0603551d130101ff', 'hex'));
    expect(at).toBeGreaterThan(0);
    expect(summarizeCertificate(der).subjectDn).toBe('CN=x');
    const damaged = Buffer.from(der);
    damaged[at + 5] = 0xa2; // BOOLEAN → [2] constructed, whose content (0xff) is not a TLV
    expect(() => summarizeCertificate(damaged)).toThrow(X509Error);
  });
});

describe('summaryPublicKey', () => {
  it('is the key read while summarizing, and the same key as the SPKI says', () => {
    const der = makeCertificate({ subject: 'CN=x' });
    const summary = summarizeCertificate(der);
    const key = summaryPublicKey(summary);
    expect(summaryPublicKey(summary)).toBe(key);
    expect(key.equals(new X509Certificate(der).publicKey)).toBe(true);
    // A summary made elsewhere (e.g. rebuilt from JSON) still gets its key, read from the SPKI.
    expect(summaryPublicKey({ ...summary }).equals(key)).toBe(true);
  });
});

describe('summarizeCertificate — the same bytes read again', () => {
  const subject = 'CN=400156819 Souken Tarou,O=Test Co,C=JP';
  const issuer = 'CN=Test Personal CA,O=Test CA,C=JP';
  const make = (serialHex: string) => makeCertificate({ subject, issuer, issuerKey: testKey('ca'), serialHex, notBefore: new Date('2025-04-30T15:00:00Z'), notAfter: new Date('2026-04-30T14:59:59Z') });

  it('answers the summary it made for these bytes, and a new one for other bytes', () => {
    const first = summarizeCertificate(make('0a01'));
    expect(summarizeCertificate(Buffer.from(make('0a01')))).toBe(first);
    const other = summarizeCertificate(make('0a02'));
    expect(other).not.toBe(first);
    expect(other.serial.hex).not.toBe(first.serial.hex);
  });

  it('is frozen: no reader can change what the next reader of the same certificate is given', () => {
    const summary = summarizeCertificate(make('0a03'));
    expect(() => Object.assign(summary, { company: 'Forged Co' })).toThrow(TypeError);
    expect(() => Object.assign(summary.subject, { o: 'Forged Co' })).toThrow(TypeError);
    expect(() => (summary.crlDistributionPoints as string[]).push('http://forged.example/')).toThrow(TypeError);
    expect(summarizeCertificate(make('0a03')).company).toBe('Test Co');
  });

  it('keeps its own copy of the bytes: a caller reusing its buffer gets the new certificate read', () => {
    const buffer = Buffer.from(make('0a04'));
    const before = summarizeCertificate(buffer);
    make('0a05').copy(buffer);
    const after = summarizeCertificate(buffer);
    expect(after.serial.hex).not.toBe(before.serial.hex);
    expect(summarizeCertificate(make('0a04')).serial.hex).toBe(before.serial.hex);
  });
});
