/**
 * CK_TOKEN_INFO as pkcs11js hands it over → TokenInfo. Pure, so the rules (serial
 * format, PIN state precedence, "unavailable" memory) are unit-tested without a token.
 */
import type { PinState, TokenInfo, TokenVersion } from './token-info.js';

/** CK_TOKEN_INFO flags (PKCS#11 v2.40 §3.2). */
export const CKF = {
  RNG: 0x1,
  WRITE_PROTECTED: 0x2,
  LOGIN_REQUIRED: 0x4,
  USER_PIN_INITIALIZED: 0x8,
  PROTECTED_AUTHENTICATION_PATH: 0x100,
  TOKEN_INITIALIZED: 0x400,
  USER_PIN_COUNT_LOW: 0x10000,
  USER_PIN_FINAL_TRY: 0x20000,
  USER_PIN_LOCKED: 0x40000,
  USER_PIN_TO_BE_CHANGED: 0x80000,
  SO_PIN_COUNT_LOW: 0x100000,
  SO_PIN_FINAL_TRY: 0x200000,
  SO_PIN_LOCKED: 0x400000,
  SO_PIN_TO_BE_CHANGED: 0x800000,
} as const;

/** CK_UNAVAILABLE_INFORMATION as pkcs11js reports it on 64-bit CK_ULONG modules. */
const UNAVAILABLE = [2 ** 64 - 1, 0xffffffff, -1];

export interface RawTokenInfo {
  label: string;
  manufacturerID: string;
  model: string;
  serialNumber: string;
  flags: number;
  maxPinLen: number;
  minPinLen: number;
  totalPublicMemory: number;
  freePublicMemory: number;
  totalPrivateMemory: number;
  freePrivateMemory: number;
  hardwareVersion: TokenVersion;
  firmwareVersion: TokenVersion;
}

const trim = (value: string): string => value.replace(/[\s\0]+$/u, '').replace(/^[\s\0]+/u, '');

/** Makers whose tokens carry eToken serials (SafeNet, formerly Aladdin; now Thales). */
export const ETOKEN_MAKERS = /safenet|aladdin|gemalto|thales/iu;

/**
 * eToken serials are shown as 8 upper-case hex digits (SPEC: 02B8BEA7). SafeNet's
 * module reports them as hex text, sometimes zero-padded to 16 and in lower case.
 * Other modules' serials (SoftHSM, IC cards) are kept as the module gave them,
 * padding trimmed — in upper case when they are hex, the one form the CA and its
 * manual use (SoftHSM says `23a7d3a517c68b6f`, the CA `23A7D3A517C68B6F`).
 */
export function normalizeSerial(raw: string, manufacturer = ''): string {
  const serial = trim(raw);
  if (ETOKEN_MAKERS.test(manufacturer) && /^[0-9a-fA-F]{1,16}$/u.test(serial)) {
    const significant = serial.replace(/^0+(?=[0-9a-fA-F]{8})/u, '');
    if (significant.length <= 8) return significant.toUpperCase().padStart(8, '0');
  }
  return /^[0-9a-fA-F]+$/u.test(serial) ? serial.toUpperCase() : serial;
}

export function userPinState(flags: number): PinState {
  if (!(flags & CKF.TOKEN_INITIALIZED) || !(flags & CKF.USER_PIN_INITIALIZED)) return 'notInitialized';
  return pinStateFrom(flags, CKF.USER_PIN_LOCKED, CKF.USER_PIN_FINAL_TRY, CKF.USER_PIN_COUNT_LOW);
}

export function soPinState(flags: number): PinState {
  if (!(flags & CKF.TOKEN_INITIALIZED)) return 'notInitialized';
  return pinStateFrom(flags, CKF.SO_PIN_LOCKED, CKF.SO_PIN_FINAL_TRY, CKF.SO_PIN_COUNT_LOW);
}

// Locked outranks final try outranks count low: a module may leave the weaker flags set.
function pinStateFrom(flags: number, locked: number, finalTry: number, countLow: number): PinState {
  if (flags & locked) return 'locked';
  if (flags & finalTry) return 'finalTry';
  if (flags & countLow) return 'countLow';
  return 'ok';
}

function memory(value: number): number | undefined {
  return UNAVAILABLE.includes(value) || value < 0 || !Number.isSafeInteger(value) ? undefined : value;
}

function sumMemory(a: number, b: number): number | undefined {
  const x = memory(a);
  const y = memory(b);
  return x === undefined || y === undefined ? undefined : x + y;
}

/** The largest RSA key the token makes decides "legacy" (旧USBトークン: 1024-bit only). */
export function isLegacy(maxRsaBits: number | undefined): boolean {
  return maxRsaBits !== undefined && maxRsaBits < 2048;
}

export function normalizeTokenInfo(slotId: string, raw: RawTokenInfo, maxRsaBits?: number): TokenInfo {
  const info: TokenInfo = {
    slotId,
    serial: normalizeSerial(raw.serialNumber, raw.manufacturerID),
    label: trim(raw.label),
    manufacturer: trim(raw.manufacturerID),
    model: trim(raw.model),
    hardwareVersion: { ...raw.hardwareVersion },
    firmwareVersion: { ...raw.firmwareVersion },
    pinState: userPinState(raw.flags),
    soPinState: soPinState(raw.flags),
    legacy: isLegacy(maxRsaBits),
    initialized: Boolean(raw.flags & CKF.TOKEN_INITIALIZED),
    loginRequired: Boolean(raw.flags & CKF.LOGIN_REQUIRED),
    protectedAuthenticationPath: Boolean(raw.flags & CKF.PROTECTED_AUTHENTICATION_PATH),
    minPinLength: raw.minPinLen,
    maxPinLength: raw.maxPinLen,
  };
  const total = sumMemory(raw.totalPublicMemory, raw.totalPrivateMemory);
  const free = sumMemory(raw.freePublicMemory, raw.freePrivateMemory);
  if (total !== undefined) info.totalMemory = total;
  if (free !== undefined) info.freeMemory = free;
  return withMaxRsaBits(info, maxRsaBits);
}

/** The token with the largest RSA key it makes, where the module says (C_GetMechanismInfo), and whether that makes it legacy. */
export function withMaxRsaBits(info: TokenInfo, maxRsaBits: number | undefined): TokenInfo {
  info.legacy = isLegacy(maxRsaBits);
  if (maxRsaBits !== undefined) info.maxRsaBits = maxRsaBits;
  return info;
}
