import { createRequire } from 'node:module';
import type Forge from 'node-forge';
import { X509Error } from './x509-error.js';

// Only forge's ASN.1 part (with the util and OIDs it loads itself): `import 'node-forge'`
// loads all of forge (TLS, ciphers, PKI …) and costs every CLI start ~30 ms (test/bench, device-info).
const forgeRequire = createRequire(import.meta.url);
forgeRequire('node-forge/lib/asn1');
/** The shared forge object, with `asn1` and `util` loaded. */
export const forge = forgeRequire('node-forge/lib/forge') as typeof Forge;

/**
 * node-forge's ASN.1 model, wrapped so that every parse failure becomes an X509Error
 * and Buffers go in and out (forge works on "binary strings").
 */
export type Asn1 = Forge.asn1.Asn1;
export const asn1 = forge.asn1;
export const { Class, Type } = forge.asn1;

export function toBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
}

export function fromBinary(binary: string): Buffer {
  return Buffer.from(binary, 'binary');
}

/** Strict DER decode of the whole input; bit strings stay raw (signatures are not ASN.1). */
export function decodeDer(der: Uint8Array, what: string): Asn1 {
  try {
    // @types/node-forge only declares the boolean form; forge 1.x takes this options object.
    const fromDer = asn1.fromDer as unknown as (bytes: string, options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean }) => Asn1;
    return fromDer(toBinary(der), { strict: true, parseAllBytes: true, decodeBitStrings: false });
  } catch (error) {
    throw new X509Error({ code: 'malformed', message: `${what}: not valid DER (${error instanceof Error ? error.message : 'unknown'})` });
  }
}

export function encodeDer(node: Asn1): Buffer {
  return fromBinary(asn1.toDer(node).getBytes());
}

/** The children of a constructed node, or an X509Error naming what was expected. */
export function childrenOf(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new X509Error({ code: 'malformed', message: `${what}: expected a constructed value` });
  return node.value;
}

export function isUniversal(node: Asn1 | undefined, type: number): node is Asn1 {
  return node !== undefined && node.tagClass === Class.UNIVERSAL && node.type === type;
}

export function isContext(node: Asn1 | undefined, tag: number): node is Asn1 {
  return node !== undefined && node.tagClass === Class.CONTEXT_SPECIFIC && node.type === tag;
}

export function primitiveValue(node: Asn1 | undefined, type: number, what: string): string {
  if (!isUniversal(node, type) || typeof node.value !== 'string') {
    throw new X509Error({ code: 'malformed', message: `${what}: expected ASN.1 type ${type}` });
  }
  return node.value;
}

export function oidOf(node: Asn1 | undefined, what: string): string {
  return asn1.derToOid(primitiveValue(node, Type.OID, what));
}

/** UTCTime or GeneralizedTime → Date. */
export function timeOf(node: Asn1 | undefined, what: string): Date {
  if (isUniversal(node, Type.UTCTIME) && typeof node.value === 'string') return checkedDate(asn1.utcTimeToDate(node.value), what);
  if (isUniversal(node, Type.GENERALIZEDTIME) && typeof node.value === 'string') {
    return checkedDate(asn1.generalizedTimeToDate(node.value), what);
  }
  throw new X509Error({ code: 'malformed', message: `${what}: expected a time` });
}

function checkedDate(date: Date, what: string): Date {
  if (Number.isNaN(date.getTime())) throw new X509Error({ code: 'malformed', message: `${what}: invalid time` });
  return date;
}

/**
 * The text of a DirectoryString-like value. Japanese CAs use UTF8String and BMPString
 * as well as PrintableString, so each is decoded by its own rule.
 */
export function stringOf(node: Asn1): string {
  if (typeof node.value !== 'string') throw new X509Error({ code: 'malformed', message: 'expected a string value' });
  const raw = fromBinary(node.value);
  switch (node.type as number) {
    case Type.UTF8:
      return raw.toString('utf8');
    case Type.BMPSTRING:
      return decodeUtf16be(raw);
    case 28: // UniversalString: UTF-32BE
      return decodeUtf32be(raw);
    default:
      // PrintableString, IA5String, TeletexString, VisibleString, NumericString.
      return raw.toString('latin1');
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

/** A DER INTEGER node for an unsigned big-endian number (adds the 0x00 a set high bit needs). */
export function unsignedInteger(bytes: Uint8Array): Asn1 {
  const trimmed = unsignedBytes(bytes);
  const content = trimmed.length > 0 && (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, toBinary(content.length === 0 ? Buffer.from([0]) : content));
}
