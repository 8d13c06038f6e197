/**
 * The values TokenDesk reads out of DER it has located with the TLV reader (tlv.ts):
 * object identifiers, times, the strings of names, booleans. Reading them here rather
 * than through node-forge's ASN.1 tree spares every certificate shown (each device
 * read, each card, each CRL) a second parse into forge's binary strings; the time
 * formats are forge's own functions, so what a date means has not changed.
 */
import { asn1, toBinary } from './asn1.js';
import { type Tlv } from './tlv.js';
import { X509Error } from './x509-error.js';

const UNIVERSAL = {
  BOOLEAN: 0x01,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
} as const;

const CONSTRUCTED = 0x20;
const CONTEXT_CLASS = 0x80;
const CLASS_MASK = 0xc0;

/** The content octets of a TLV (a view, not a copy). */
export function contentOf(der: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(der.buffer, der.byteOffset + tlv.contentStart, tlv.end - tlv.contentStart);
}

/**
 * The content octets as text, read in place: no Buffer made for a value only turned
 * into a string (a certificate's names, OIDs and times are ~40 of them; test/bench device-info).
 */
function contentText(der: Uint8Array, tlv: Tlv, encoding: 'latin1' | 'utf8'): string {
  return Buffer.isBuffer(der) ? der.toString(encoding, tlv.contentStart, tlv.end) : contentOf(der, tlv).toString(encoding);
}

/** A context-specific tag `[number]`, primitive or constructed. */
export function isContextTag(tlv: Tlv | undefined, number: number): tlv is Tlv {
  return tlv !== undefined && (tlv.tag & CLASS_MASK) === CONTEXT_CLASS && (tlv.tag & 0x1f) === number;
}

export function isPrimitive(tlv: Tlv): boolean {
  return (tlv.tag & CONSTRUCTED) === 0;
}

// Certificates name the same dozen OIDs over and over: decoded once each.
const oidTexts = new Map<string, string>();

/** OBJECT IDENTIFIER → dotted text. */
export function oidOf(der: Uint8Array, tlv: Tlv | undefined, what: string): string {
  if (tlv?.tag !== UNIVERSAL.OID) throw new X509Error({ code: 'malformed', message: `${what}: expected an OBJECT IDENTIFIER` });
  const key = contentText(der, tlv, 'latin1');
  let text = oidTexts.get(key);
  if (text === undefined) {
    try {
      text = asn1.derToOid(toBinary(contentOf(der, tlv)));
    } catch {
      // forge throws a plain Error for an arc past 2^53 (a fuzzed CA answer found it):
      // outside input fails as a typed X509Error, never as anything else.
      throw new X509Error({ code: 'malformed', message: `${what}: OBJECT IDENTIFIER out of range` });
    }
    if (oidTexts.size < 1024) oidTexts.set(key, text);
  }
  return text;
}

export function isTime(tlv: Tlv | undefined): tlv is Tlv {
  return tlv?.tag === UNIVERSAL.UTC_TIME || tlv?.tag === UNIVERSAL.GENERALIZED_TIME;
}

/** UTCTime or GeneralizedTime → Date. */
export function timeOf(der: Uint8Array, tlv: Tlv | undefined, what: string): Date {
  if (!isTime(tlv)) throw new X509Error({ code: 'malformed', message: `${what}: expected a time` });
  const text = contentText(der, tlv, 'latin1');
  const date = tlv.tag === UNIVERSAL.UTC_TIME ? asn1.utcTimeToDate(text) : asn1.generalizedTimeToDate(text);
  if (Number.isNaN(date.getTime())) throw new X509Error({ code: 'malformed', message: `${what}: invalid time` });
  return date;
}

/** BOOLEAN: DER's TRUE is 0xFF; anything else (or another type) reads as false, as X.509's DEFAULT FALSE. */
export function booleanOf(der: Uint8Array, tlv: Tlv | undefined): boolean {
  return tlv?.tag === UNIVERSAL.BOOLEAN && tlv.end - tlv.contentStart === 1 && der[tlv.contentStart] === 0xff;
}

/**
 * The text of a DirectoryString-like value. Japanese CAs use UTF8String and BMPString
 * as well as PrintableString, so each is decoded by its own rule.
 */
export function textOf(der: Uint8Array, tlv: Tlv): string {
  if (!isPrimitive(tlv)) throw new X509Error({ code: 'malformed', message: 'expected a string value' });
  switch (tlv.tag & 0x1f) {
    case UNIVERSAL.UTF8_STRING:
      return contentText(der, tlv, 'utf8');
    case UNIVERSAL.BMP_STRING:
      return decodeUtf16be(contentOf(der, tlv));
    case UNIVERSAL.UNIVERSAL_STRING:
      return decodeUtf32be(contentOf(der, tlv));
    default:
      // PrintableString, IA5String, TeletexString, VisibleString, NumericString.
      return contentText(der, tlv, 'latin1');
  }
}

function decodeUtf16be(raw: Buffer): string {
  const swapped = Buffer.from(raw.subarray(0, raw.length - (raw.length % 2)));
  swapped.swap16();
  return swapped.toString('utf16le');
}

function decodeUtf32be(raw: Buffer): string {
  let text = '';
  for (let i = 0; i + 4 <= raw.length; i += 4) {
    const point = raw.readUInt32BE(i);
    text += point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd';
  }
  return text;
}
