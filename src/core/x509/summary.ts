import { createHash, type KeyObject } from 'node:crypto';
import { parseCertificate, type ParsedCertificate } from './certificate.js';
import { dnValue, formatDn, type Dn } from './dn.js';
import { altNameDirectories, altNameEmails, crlDistributionPoints } from './extensions.js';
import { serialFromBytes, type CertificateSerial } from './serial.js';
import { publicKeyFromSpki, rsaPublicKeyWithBits } from './public-key.js';
import { formatJstDate } from './validity.js';

/**
 * What the product shows about a certificate (Flow B device information, Flow D card
 * details), read once so every screen, report and CLI output says the same thing.
 */
export interface CertificateSummary {
  subject: NameFields;
  issuer: NameFields;
  /** `OU=TEST CA,O=TEST CA,C=JP` — as e-bidding systems print it (the Aomori and Ise e-bidding manuals). */
  issuerDn: string;
  subjectDn: string;
  /** From a CN of the form `400156819 Souken Tarou` (CA manual §7.4 ⑤): the user ID … */
  userId?: string;
  /** … and the romanised name. Absent when the CN has another form. */
  romanisedName?: string;
  /** The holder's name as shown: the romanised name when the CN carries a user ID, else the CN. */
  holderName?: string;
  /** Company (O), e.g. ICカード企業名称. */
  company?: string;
  /** The company's address where the certificate carries one (subjectAltName directoryName: ST L STREET). */
  companyAddress?: string;
  /** ICカード取得者住所: the subject's ST, L and STREET joined by a space (`Kanagawa Kawasaki`). */
  holderAddress?: string;
  email?: string;
  serial: CertificateSerial;
  notBefore: Date;
  notAfter: Date;
  /** `YYYY/MM/DD` in JST (see validity.ts). */
  notBeforeDisplay: string;
  notAfterDisplay: string;
  /** RSA modulus bits; for EC keys the curve's size. */
  keyBits?: number;
  keyType: string;
  /** SHA-256 over the DER, upper-case hex pairs joined by `:`. */
  sha256Fingerprint: string;
  crlDistributionPoints: string[];
  /** SubjectPublicKeyInfo DER, to find the token key this certificate belongs to. */
  spkiDer: Buffer;
  /** True when subject and issuer are the same name (a CA root). */
  selfIssued: boolean;
}

export interface NameFields {
  cn?: string;
  o?: string;
  ou?: string;
  c?: string;
  st?: string;
  l?: string;
  street?: string;
  email?: string;
  serialNumber?: string;
}

/** `400156819 Souken Tarou`: digits, one space, the romanised name. */
const USER_ID_CN = /^(\d{6,12})\s+(\S.*)$/;

/** The last summary made, with the bytes it was made from (its parse's own copy). */
let last: { der: Buffer; summary: CertificateSummary } | undefined;

/**
 * The summary of the certificate with these bytes. The last one made is kept with its
 * bytes: a token's certificate is summarized again at each read of it (the device
 * module answering a page, the device screen's refresh, a diagnosis after a device
 * read), and comparing ~1.5 KB costs a fraction of a microsecond where decoding it and
 * importing its key into OpenSSL cost ~100 µs in a read (docs/benchmarks.md, session
 * 10). The summary is frozen, so no caller can change what the next one is given.
 */
export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  if (last && last.der.equals(der)) return last.summary;
  const parsed = parseCertificate(der);
  const summary = summarize(parsed);
  last = { der: parsed.der, summary };
  return summary;
}

function summarize(parsed: ParsedCertificate): CertificateSummary {
  const subject = nameFields(parsed.subject);
  const issuer = nameFields(parsed.issuer);
  const rsa = rsaPublicKeyWithBits(parsed.spkiDer);
  const publicKey = rsa?.key ?? publicKeyFromSpki(parsed.spkiDer);
  const key = rsa ? { type: 'rsa', bits: rsa.bits } : publicKeyFacts(publicKey);
  let sha256: string | undefined;
  const userMatch = subject.cn ? USER_ID_CN.exec(subject.cn) : null;
  const companyDirectory = altNameDirectories(parsed).find((dn) => dnValue(dn, 'O') !== undefined || addressOf(dn) !== undefined);
  const summary: CertificateSummary = {
    subject,
    issuer,
    issuerDn: formatDn(parsed.issuer),
    subjectDn: formatDn(parsed.subject),
    serial: serialFromBytes(parsed.serialBytes),
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
    notBeforeDisplay: formatJstDate(parsed.notBefore),
    notAfterDisplay: formatJstDate(parsed.notAfter),
    keyType: key.type,
    // Made when first read: the card screens show it, a device read and a diagnosis never do.
    get sha256Fingerprint() {
      return (sha256 ??= fingerprint(parsed.der));
    },
    crlDistributionPoints: crlDistributionPoints(parsed),
    spkiDer: parsed.spkiDer,
    selfIssued: parsed.issuerDer.equals(parsed.subjectDer),
  };
  if (key.bits !== undefined) summary.keyBits = key.bits;
  if (userMatch) {
    summary.userId = userMatch[1]!;
    summary.romanisedName = userMatch[2]!;
  }
  const holderName = summary.romanisedName ?? subject.cn;
  if (holderName !== undefined) summary.holderName = holderName;
  const company = subject.o ?? (companyDirectory ? dnValue(companyDirectory, 'O') : undefined);
  if (company !== undefined) summary.company = company;
  const companyAddress = companyDirectory ? addressOf(companyDirectory) : undefined;
  if (companyAddress !== undefined) summary.companyAddress = companyAddress;
  const holderAddress = addressOf(parsed.subject);
  if (holderAddress !== undefined) summary.holderAddress = holderAddress;
  const email = subject.email ?? altNameEmails(parsed)[0];
  if (email !== undefined) summary.email = email;
  keys.set(summary, publicKey);
  Object.freeze(subject);
  Object.freeze(issuer);
  Object.freeze(summary.crlDistributionPoints);
  return Object.freeze(summary);
}

// The key read while summarizing, for the key-pair check that verifies with it next:
// reading it again from the SPKI is another OpenSSL import per device read.
const keys = new WeakMap<CertificateSummary, KeyObject>();

/** The certificate's public key, as OpenSSL holds it: the one read when `summary` was made. */
export function summaryPublicKey(summary: CertificateSummary): KeyObject {
  return keys.get(summary) ?? publicKeyFromSpki(summary.spkiDer);
}

const NAME_FIELDS: readonly (readonly [keyof NameFields, string])[] = [
  ['cn', 'CN'],
  ['o', 'O'],
  ['ou', 'OU'],
  ['c', 'C'],
  ['st', 'ST'],
  ['l', 'L'],
  ['street', 'STREET'],
  ['email', 'E'],
  ['serialNumber', 'SERIALNUMBER'],
];

function nameFields(dn: Dn): NameFields {
  const fields: NameFields = {};
  for (const [field, name] of NAME_FIELDS) {
    const value = dnValue(dn, name);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}

/** Japanese addresses read large to small: prefecture (ST), city (L), street. */
function addressOf(dn: Dn): string | undefined {
  const parts = ['ST', 'L', 'STREET'].map((name) => dnValue(dn, name)).filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function publicKeyFacts(key: KeyObject): { type: string; bits?: number } {
  const details = key.asymmetricKeyDetails ?? {};
  const type = key.asymmetricKeyType ?? 'unknown';
  if (details.modulusLength !== undefined) return { type, bits: details.modulusLength };
  const curveBits: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
  const bits = details.namedCurve ? curveBits[details.namedCurve] : undefined;
  return bits === undefined ? { type } : { type, bits };
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).toUpperCase().padStart(2, '0'));

function fingerprint(der: Buffer): string {
  // One string per byte from a table rather than a regular expression over the hex (test/bench, device-info).
  return Array.from(createHash('sha256').update(der).digest(), (byte) => HEX_PAIRS[byte]!).join(':');
}
