/**
 * The values TokenDesk reads out of DER it has located with the TLV reader (tlv.ts):
 * object identifiers, times, the strings of names, booleans. Read here rather than
 * through node-forge's ASN.1 tree, which would cost every certificate shown (each device
 * read, each card, each CRL) a second parse into forge's binary strings, and every start
 * that shows one the loading of forge itself (asn1.ts loads it only to write).
 */
import { timeFromText } from './der-time.js';
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

/** The universal tags of the string types a name's values are written in. */
export const STRING_TAG = { UTF8: 0x0c, PRINTABLE: 0x13, IA5: 0x16 } as const;

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
    text = oidText(der, tlv.contentStart, tlv.end, what);
    if (oidTexts.size < 1024) oidTexts.set(key, text);
  }
  return text;
}

/**
 * X.690 §8.19: arcs in base 128, the high bit set on every octet but an arc's last; the
 * first two arcs share the first subidentifier (40 × first + second). An arc past 2^53
 * (a fuzzed CA answer had one), an arc left open at the end, or one padded with a
 * leading 0x80 (not DER) is a malformed input.
 */
function oidText(der: Uint8Array, start: number, end: number, what: string): string {
  if (start === end) throw new X509Error({ code: 'malformed', message: `${what}: empty OBJECT IDENTIFIER` });
  let text = '';
  let value = 0;
  let arcStart = true;
  for (let i = start; i < end; i++) {
    const octet = der[i]!;
    if (arcStart && octet === 0x80) throw new X509Error({ code: 'malformed', message: `${what}: OBJECT IDENTIFIER arc not minimally encoded` });
    if (value > 0x3fffffffffff) throw new X509Error({ code: 'malformed', message: `${what}: OBJECT IDENTIFIER out of range` });
    value = value * 128 + (octet & 0x7f);
    arcStart = (octet & 0x80) === 0;
    if (!arcStart) continue;
    if (text === '') text = value < 80 ? `${Math.floor(value / 40)}.${value % 40}` : `2.${value - 80}`;
    else text += `.${value}`;
    value = 0;
  }
  if (!arcStart) throw new X509Error({ code: 'malformed', message: `${what}: OBJECT IDENTIFIER ends inside an arc` });
  return text;
}

export function isTime(tlv: Tlv | undefined): tlv is Tlv {
  return tlv?.tag === UNIVERSAL.UTC_TIME || tlv?.tag === UNIVERSAL.GENERALIZED_TIME;
}

/** UTCTime or GeneralizedTime → Date. */
export function timeOf(der: Uint8Array, tlv: Tlv | undefined, what: string): Date {
  if (!isTime(tlv)) throw new X509Error({ code: 'malformed', message: `${what}: expected a time` });
  const date = timeFromText(contentText(der, tlv, 'latin1'), tlv.tag === UNIVERSAL.UTC_TIME ? 'utc' : 'generalized');
  if (date === undefined) throw new X509Error({ code: 'malformed', message: `${what}: invalid time` });
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

/** An INTEGER's content as unsigned big-endian bytes without leading zero octets (for moduli, serials). */
export function unsignedBytes(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Buffer.from(bytes.subarray(start));
}
