import { oidOf, STRING_TAG, textOf } from './der-values.js';
import { tlvChildren, type Tlv } from './tlv.js';
import { X509Error } from './x509-error.js';

/**
 * Distinguished names: reading them from certificates, parsing and checking them for
 * CSRs (which dn-encode.ts writes), and showing them the way e-bidding systems do (`OU=TEST CA,O=TEST CA,C=JP`, Ise e-bidding manual
 * §1.4; `OU=bidca4,O=pki4,ST=Kanagawa,C=JP`, Aomori e-bidding manual): RFC 4514 order, i.e. the
 * ASN.1 sequence reversed, most specific first, `,` between RDNs and no spaces.
 */

export interface DnAttribute {
  /** Dotted OID, e.g. 2.5.4.3. */
  oid: string;
  /** Short name where one is known (CN, O, OU, C, ST, L, STREET, E …), else the OID. */
  name: string;
  value: string;
}

/** One RDN: usually one attribute; several when multi-valued (`CN=a+UID=b`). */
export type Rdn = DnAttribute[];
/** RDNs in ASN.1 order (country first in a typical certificate). */
export type Dn = Rdn[];

interface AttributeType {
  oid: string;
  name: string;
  /** Upper bound from X.520 / RFC 5280 Appendix A (ub-*). */
  maxLength: number;
  /** The universal tag of the string type written into a CSR (STRING_TAG). */
  stringType: number;
}

const ATTRIBUTE_TYPES: readonly AttributeType[] = [
  { oid: '2.5.4.3', name: 'CN', maxLength: 64, stringType: STRING_TAG.UTF8 },
  { oid: '2.5.4.11', name: 'OU', maxLength: 64, stringType: STRING_TAG.UTF8 },
  { oid: '2.5.4.10', name: 'O', maxLength: 64, stringType: STRING_TAG.UTF8 },
  { oid: '2.5.4.9', name: 'STREET', maxLength: 128, stringType: STRING_TAG.UTF8 },
  { oid: '2.5.4.7', name: 'L', maxLength: 128, stringType: STRING_TAG.UTF8 },
  { oid: '2.5.4.8', name: 'ST', maxLength: 128, stringType: STRING_TAG.UTF8 },
  { oid: '2.5.4.6', name: 'C', maxLength: 2, stringType: STRING_TAG.PRINTABLE },
  { oid: '2.5.4.5', name: 'SERIALNUMBER', maxLength: 64, stringType: STRING_TAG.PRINTABLE },
  { oid: '2.5.4.4', name: 'SN', maxLength: 64, stringType: STRING_TAG.UTF8 },
  { oid: '2.5.4.42', name: 'GN', maxLength: 64, stringType: STRING_TAG.UTF8 },
  { oid: '2.5.4.12', name: 'T', maxLength: 64, stringType: STRING_TAG.UTF8 },
  { oid: '0.9.2342.19200300.100.1.25', name: 'DC', maxLength: 63, stringType: STRING_TAG.IA5 },
  { oid: '0.9.2342.19200300.100.1.1', name: 'UID', maxLength: 256, stringType: STRING_TAG.UTF8 },
  { oid: '1.2.840.113549.1.9.1', name: 'E', maxLength: 255, stringType: STRING_TAG.IA5 },
];

/** Spellings accepted in `--subject` besides the short names above. */
const ALIASES: Readonly<Record<string, string>> = {
  EMAIL: 'E',
  EMAILADDRESS: 'E',
  S: 'ST',
  SURNAME: 'SN',
  GIVENNAME: 'GN',
  TITLE: 'T',
  COMMONNAME: 'CN',
};

const BY_OID = new Map(ATTRIBUTE_TYPES.map((type) => [type.oid, type]));
const BY_NAME = new Map(ATTRIBUTE_TYPES.map((type) => [type.name, type]));

export function attributeName(oid: string): string {
  return BY_OID.get(oid)?.name ?? oid;
}

/** Reads an X.501 Name (SEQUENCE OF SET OF AttributeTypeAndValue) located at `name` in `der`. */
export function readDn(der: Uint8Array, name: Tlv): Dn {
  const dn: Dn = [];
  for (const set of tlvChildren(der, name)) {
    const rdn: Rdn = [];
    for (const pair of tlvChildren(der, set)) {
      const [type, value] = tlvChildren(der, pair);
      const oid = oidOf(der, type, 'attribute type');
      if (!value) throw new X509Error({ code: 'malformed', message: 'attribute without a value' });
      rdn.push({ oid, name: attributeName(oid), value: textOf(der, value) });
    }
    dn.push(rdn);
  }
  return dn;
}

/** The first value of an attribute (by short name or OID), searching from the most specific RDN. */
export function dnValue(dn: Dn, nameOrOid: string): string | undefined {
  for (let r = dn.length - 1; r >= 0; r -= 1) {
    const rdn = dn[r]!;
    for (let a = rdn.length - 1; a >= 0; a -= 1) {
      const attribute = rdn[a]!;
      if (attribute.name === nameOrOid || attribute.oid === nameOrOid) return attribute.value;
    }
  }
  return undefined;
}

/** All values of an attribute in ASN.1 order. */
export function dnValues(dn: Dn, nameOrOid: string): string[] {
  // Plain loops: a summary asks ~30 times per certificate, and flat/filter/map allocated
  // three arrays each time (a fifth of summarizeCertificate's time, device-info bench).
  const values: string[] = [];
  for (const rdn of dn) {
    for (const attribute of rdn) {
      if (attribute.name === nameOrOid || attribute.oid === nameOrOid) values.push(attribute.value);
    }
  }
  return values;
}

/** `OU=TEST CA,O=TEST CA,C=JP`: RFC 4514, most specific RDN first. */
export function formatDn(dn: Dn): string {
  // Plain loops, no copies of the name: every device read formats two (test/bench device-info).
  let text = '';
  for (let r = dn.length - 1; r >= 0; r -= 1) {
    const rdn = dn[r]!;
    if (r < dn.length - 1) text += ',';
    for (let a = 0; a < rdn.length; a += 1) {
      if (a > 0) text += '+';
      text += `${rdn[a]!.name}=${escapeValue(rdn[a]!.value)}`;
    }
  }
  return text;
}

const NEEDS_ESCAPE = /[\\,+"<>;=]|^[# ]| $/;

function escapeValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  let escaped = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  if (escaped.startsWith('#') || escaped.startsWith(' ')) escaped = `\\${escaped}`;
  if (escaped.endsWith(' ') && escaped.length > 1) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}

/**
 * Parses a `--subject` string written most specific first (`CN=…,O=…,C=JP`), with
 * RFC 4514 escapes (`\,` `\+` `\\` `\XX`) and `"quoted"` values. Throws an
 * X509Error('subjectInvalid') whose `params.reason` the catalogue turns into words.
 */
export function parseDn(text: string): Dn {
  const rdns: Dn = [];
  // Only leading spaces go: a trailing `\ ` is an escaped, significant space.
  const trimmed = text.trimStart();
  if (trimmed.trim() === '') return rdns;
  let position = 0;
  let current: Rdn = [];
  while (position <= trimmed.length) {
    const { attribute, next, separator } = readAttribute(trimmed, position);
    current.push(attribute);
    position = next;
    if (separator !== '+') {
      rdns.push(current);
      current = [];
    }
    if (separator === undefined) break;
  }
  // Written most specific first; ASN.1 order is the reverse.
  return rdns.reverse();
}

function readAttribute(text: string, start: number): { attribute: DnAttribute; next: number; separator?: string } {
  const equals = text.indexOf('=', start);
  const keyText = (equals < 0 ? text.slice(start) : text.slice(start, equals)).trim();
  if (equals < 0 || keyText === '' || /[,+]/.test(keyText)) {
    throw new X509Error({ code: 'subjectInvalid', message: `expected NAME=value at character ${start + 1}`, params: { reason: 'syntax', position: start + 1 } });
  }
  const type = attributeType(keyText);
  let position = equals + 1;
  while (text[position] === ' ') position++;
  let value = '';
  if (text[position] === '"') {
    position++;
    while (position < text.length && text[position] !== '"') {
      if (text[position] === '\\') position++;
      value += text[position] ?? '';
      position++;
    }
    if (text[position] !== '"') {
      throw new X509Error({ code: 'subjectInvalid', message: `unterminated quote in ${type.name}`, params: { reason: 'syntax', attribute: type.name, position: position + 1 } });
    }
    position++;
    while (text[position] === ' ') position++;
  } else {
    // Unescaped trailing spaces are insignificant (RFC 4514 §3); an escaped one (`\ `) is kept.
    let significant = 0;
    const bytes: number[] = [];
    const flushBytes = (): void => {
      if (bytes.length > 0) {
        value += Buffer.from(bytes.splice(0)).toString('utf8');
        significant = value.length;
      }
    };
    while (position < text.length && text[position] !== ',' && text[position] !== '+') {
      const char = text[position]!;
      if (char === '\\') {
        const pair = text.slice(position + 1, position + 3);
        if (/^[0-9a-fA-F]{2}$/.test(pair)) {
          bytes.push(parseInt(pair, 16));
          position += 3;
          continue;
        }
        const escapedChar = text[position + 1];
        if (escapedChar === undefined) {
          throw new X509Error({ code: 'subjectInvalid', message: `dangling backslash in ${type.name}`, params: { reason: 'syntax', attribute: type.name, position: position + 1 } });
        }
        flushBytes();
        value += escapedChar;
        significant = value.length;
        position += 2;
        continue;
      }
      flushBytes();
      value += char;
      if (char !== ' ') significant = value.length;
      position++;
    }
    flushBytes();
    value = value.slice(0, significant);
  }
  const separator = text[position];
  if (separator !== undefined && separator !== ',' && separator !== '+') {
    throw new X509Error({ code: 'subjectInvalid', message: `unexpected character after ${type.name}`, params: { reason: 'syntax', attribute: type.name, position: position + 1 } });
  }
  checkValue(type, value);
  const next = separator === undefined ? text.length + 1 : position + 1;
  if (separator !== undefined && text.slice(next).trim() === '') {
    throw new X509Error({ code: 'subjectInvalid', message: `nothing after the last "${separator}"`, params: { reason: 'syntax', position: next } });
  }
  return { attribute: { oid: type.oid, name: type.name, value }, next, ...(separator === undefined ? {} : { separator }) };
}

function attributeType(keyText: string): AttributeType {
  if (/^\d+(\.\d+)+$/.test(keyText)) {
    const known = BY_OID.get(keyText);
    return known ?? { oid: keyText, name: keyText, maxLength: 256, stringType: STRING_TAG.UTF8 };
  }
  const upper = keyText.toUpperCase();
  const type = BY_NAME.get(ALIASES[upper] ?? upper);
  if (!type) throw new X509Error({ code: 'subjectInvalid', message: `unknown attribute ${keyText}`, params: { reason: 'unknownAttribute', attribute: keyText } });
  return type;
}

function checkValue(type: AttributeType, value: string): void {
  if (value === '') throw new X509Error({ code: 'subjectInvalid', message: `${type.name} is empty`, params: { reason: 'emptyValue', attribute: type.name } });
  if (type.name === 'C' && !/^[A-Z]{2}$/.test(value)) {
    throw new X509Error({ code: 'subjectInvalid', message: `C must be two capital letters (ISO 3166), e.g. JP`, params: { reason: 'countryCode', attribute: 'C' } });
  }
  if ([...value].length > type.maxLength) {
    throw new X509Error({
      code: 'subjectInvalid',
      message: `${type.name} is longer than ${type.maxLength} characters`,
      params: { reason: 'tooLong', attribute: type.name, maxLength: type.maxLength },
    });
  }
  if (type.stringType === STRING_TAG.IA5 && !/^[\x20-\x7e]*$/.test(value)) {
    throw new X509Error({ code: 'subjectInvalid', message: `${type.name} must be ASCII`, params: { reason: 'notAscii', attribute: type.name } });
  }
}

/** The string type a CSR writes an attribute's value in (UTF8String for types it does not know). */
export function attributeStringTag(oid: string): number {
  return BY_OID.get(oid)?.stringType ?? STRING_TAG.UTF8;
}
