/**
 * SafeNet's PKCS#11 extension (eTPkcs11.h of SafeNet Authentication Client): what
 * CK_TOKEN_INFO cannot say — the exact PIN tries left, the product, its production
 * date, FIPS mode, the RSA key area — and the password policy the token enforces.
 * Both live in CKO_HW_FEATURE objects of vendor-defined feature types; every session
 * can read them without logging in, and reading them never spends a try. Asked only
 * of SafeNet's tokens (a vendor-defined type means something else, or nothing, at
 * every other vendor). Whatever a token does not answer stays undefined: "unknown",
 * never guessed.
 */
import { findFirst } from './find-objects.js';
import { P, type Handle, type Pkcs11 } from './native-binding.js';
import { ETOKEN_MAKERS } from './normalize.js';
import type { PinRetries } from './token-info.js';

/** CKA_HW_FEATURE_TYPE values (eTPkcs11.h). */
export const ETCKH = {
  TOKEN_OBJECT: 0x80005002,
  PIN_POLICY: 0x80005003,
} as const;

type Kind = 'text' | 'ulong' | 'bool' | 'date' | 'bytes';

/** ETCKA_* attributes read from ETCKH_TOKEN_OBJECT, with the value type SafeNet gives each. */
export const TOKEN_OBJECT_ATTRIBUTES = {
  productName: { type: 0x80001101, kind: 'text' },
  model: { type: 0x80001102, kind: 'text' },
  firmwareRevision: { type: 0x80001104, kind: 'bytes' },
  productionDate: { type: 0x80001107, kind: 'date' },
  tokenId: { type: 0x80001109, kind: 'bytes' },
  color: { type: 0x8000110e, kind: 'ulong' },
  userPinLeft: { type: 0x80001110, kind: 'ulong' },
  soPinLeft: { type: 0x80001111, kind: 'ulong' },
  userPinMax: { type: 0x80001112, kind: 'ulong' },
  soPinMax: { type: 0x80001113, kind: 'ulong' },
  hasSo: { type: 0x8000111d, kind: 'bool' },
  fips: { type: 0x8000111e, kind: 'bool' },
  rsa2048: { type: 0x80001121, kind: 'bool' },
  rsaAreaSize: { type: 0x80001129, kind: 'ulong' },
  userPinAgeDays: { type: 0x8000112b, kind: 'ulong' },
} as const satisfies Record<string, { type: number; kind: Kind }>;

/** ETCKA_* attributes read from ETCKH_PIN_POLICY. */
export const PIN_POLICY_ATTRIBUTES = {
  minLength: { type: 0x80001202, kind: 'ulong' },
  mixChars: { type: 0x80001203, kind: 'bool' },
  maxAgeDays: { type: 0x80001204, kind: 'ulong' },
  historySize: { type: 0x80001207, kind: 'ulong' },
} as const satisfies Record<string, { type: number; kind: Kind }>;

type ValueOf<K extends Kind> = K extends 'text' | 'date' | 'bytes' ? string : K extends 'ulong' ? number : boolean;
type Read<T extends Record<string, { kind: Kind }>> = { -readonly [N in keyof T]?: ValueOf<T[N]['kind']> };

/** What ETCKH_TOKEN_OBJECT says; each field absent where the token does not answer it. */
export type SafeNetTokenFacts = Read<typeof TOKEN_OBJECT_ATTRIBUTES>;
/** The token's password policy (ETCKH_PIN_POLICY); each field absent where unknown. */
export type TokenPinPolicy = Read<typeof PIN_POLICY_ATTRIBUTES>;

function decode(kind: Kind, value: Buffer): string | number | boolean | undefined {
  switch (kind) {
    case 'text':
      return value.toString('utf8').replace(/[\s\0]+$/u, '');
    case 'ulong':
      if (value.length === 8) return Number(value.readBigUInt64LE(0));
      if (value.length === 4) return value.readUInt32LE(0);
      return undefined;
    case 'bool':
      return value.length === 1 ? value[0] !== 0 : undefined;
    case 'date': {
      // CK_DATE: "YYYYMMDD" in ASCII; all blanks or zeros means none.
      const text = value.toString('latin1');
      const match = /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
      return match && match[1] !== '0000' ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
    }
    case 'bytes':
      return value.length > 0 ? [...value].join('.') : undefined;
  }
}

/**
 * One C_GetAttributeValue for all of them; a token that lacks one fails the whole
 * call (CKR_ATTRIBUTE_TYPE_INVALID), and is then asked one by one so the rest still count.
 */
function readAttributes<T extends Record<string, { type: number; kind: Kind }>>(lib: Pkcs11, session: Handle, object: Handle, wanted: T): Read<T> {
  const names = Object.keys(wanted) as Array<keyof T & string>;
  const values = new Map<number, Buffer>();
  try {
    for (const attribute of lib.C_GetAttributeValue(session, object, names.map((name) => ({ type: wanted[name]!.type })))) {
      if (Buffer.isBuffer(attribute.value)) values.set(attribute.type, attribute.value);
    }
  } catch {
    for (const name of names) {
      try {
        const [attribute] = lib.C_GetAttributeValue(session, object, [{ type: wanted[name]!.type }]);
        if (attribute && Buffer.isBuffer(attribute.value)) values.set(attribute.type, attribute.value);
      } catch {
        // this token does not have it: unknown
      }
    }
  }
  const read: Record<string, string | number | boolean> = {};
  for (const name of names) {
    const raw = values.get(wanted[name]!.type);
    const value = raw ? decode(wanted[name]!.kind, raw) : undefined;
    if (value !== undefined) read[name] = value;
  }
  return read as Read<T>;
}

function readFeature<T extends Record<string, { type: number; kind: Kind }>>(lib: Pkcs11, session: Handle, manufacturer: string, featureType: number, wanted: T): Read<T> {
  if (!ETOKEN_MAKERS.test(manufacturer)) return {};
  try {
    const object = findFirst(lib, session, [
      { type: P.CKA_CLASS, value: P.CKO_HW_FEATURE },
      { type: P.CKA_HW_FEATURE_TYPE, value: featureType },
    ]);
    return object ? readAttributes(lib, session, object, wanted) : {};
  } catch {
    // The module does not offer the extension (or the token went away): unknown.
    return {};
  }
}

/** ETCKH_TOKEN_OBJECT, in the caller's session (a public one will do), leaving no find operation active. */
export function readSafeNetTokenFacts(lib: Pkcs11, session: Handle, manufacturer: string): SafeNetTokenFacts {
  return readFeature(lib, session, manufacturer, ETCKH.TOKEN_OBJECT, TOKEN_OBJECT_ATTRIBUTES);
}

/** Only the four retry counters of ETCKH_TOKEN_OBJECT: what a PIN prompt needs, read before and after each try. */
export function readSafeNetPinRetries(lib: Pkcs11, session: Handle, manufacturer: string): PinRetries {
  const { userPinLeft, userPinMax, soPinLeft, soPinMax } = TOKEN_OBJECT_ATTRIBUTES;
  const read = readFeature(lib, session, manufacturer, ETCKH.TOKEN_OBJECT, { userPinLeft, userPinMax, soPinLeft, soPinMax });
  return { userLeft: read.userPinLeft, userMax: read.userPinMax, soLeft: read.soPinLeft, soMax: read.soPinMax };
}

/** ETCKH_PIN_POLICY: the password quality the token enforces for a new user PIN. */
export function readSafeNetPinPolicy(lib: Pkcs11, session: Handle, manufacturer: string): TokenPinPolicy {
  return readFeature(lib, session, manufacturer, ETCKH.PIN_POLICY, PIN_POLICY_ATTRIBUTES);
}
