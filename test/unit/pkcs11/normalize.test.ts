import { describe, expect, it } from 'vitest';
import { CKF, normalizeSerial, normalizeTokenInfo, soPinState, userPinState, type RawTokenInfo } from '../../../src/core/pkcs11/normalize.js';

const base = CKF.TOKEN_INITIALIZED | CKF.USER_PIN_INITIALIZED | CKF.LOGIN_REQUIRED;

const raw = (overrides: Partial<RawTokenInfo> = {}): RawTokenInfo => ({
  label: 'Souken Tarou                    ',
  manufacturerID: 'SafeNet, Inc.                   ',
  model: 'eToken          ',
  serialNumber: '02b8bea7        ',
  flags: base,
  maxPinLen: 16,
  minPinLen: 4,
  totalPublicMemory: 40000,
  freePublicMemory: 30000,
  totalPrivateMemory: 32000,
  freePrivateMemory: 10000,
  hardwareVersion: { major: 12, minor: 0 },
  firmwareVersion: { major: 12, minor: 1 },
  ...overrides,
});

describe('serial', () => {
  it('shows eToken serials as 8 upper-case hex digits', () => {
    expect(normalizeSerial('02b8bea7        ', 'SafeNet, Inc.')).toBe('02B8BEA7');
    expect(normalizeSerial('0000000002b8bea7', 'SafeNet, Inc.')).toBe('02B8BEA7');
    expect(normalizeSerial('2b8bea7', 'Aladdin Knowledge Systems Ltd.')).toBe('02B8BEA7');
  });

  it('keeps other makers\' serials, padding trimmed, hex in upper case as the CA shows it', () => {
    expect(normalizeSerial('6a1102eeb009a455', 'SoftHSM project')).toBe('6A1102EEB009A455');
    expect(normalizeSerial('  0123456789\0\0', 'OpenSC')).toBe('0123456789');
    expect(normalizeSerial('JPN-001 x', 'OpenSC')).toBe('JPN-001 x');
  });
});

describe('PIN state from flags', () => {
  it.each([
    [base, 'ok'],
    [base | CKF.USER_PIN_COUNT_LOW, 'countLow'],
    [base | CKF.USER_PIN_COUNT_LOW | CKF.USER_PIN_FINAL_TRY, 'finalTry'],
    [base | CKF.USER_PIN_COUNT_LOW | CKF.USER_PIN_FINAL_TRY | CKF.USER_PIN_LOCKED, 'locked'],
    [CKF.TOKEN_INITIALIZED, 'notInitialized'],
    [0, 'notInitialized'],
  ] as const)('user flags %s → %s', (flags, state) => {
    expect(userPinState(flags)).toBe(state);
  });

  it('reads the SO PIN from its own flags', () => {
    expect(soPinState(base | CKF.SO_PIN_LOCKED)).toBe('locked');
    expect(soPinState(base | CKF.USER_PIN_LOCKED)).toBe('ok');
    expect(soPinState(0)).toBe('notInitialized');
  });
});

describe('TokenInfo', () => {
  it('trims padding and sums memory', () => {
    const info = normalizeTokenInfo('1', raw(), 2048);
    expect(info).toMatchObject({
      serial: '02B8BEA7',
      label: 'Souken Tarou',
      manufacturer: 'SafeNet, Inc.',
      model: 'eToken',
      totalMemory: 72000,
      freeMemory: 40000,
      legacy: false,
      maxRsaBits: 2048,
    });
  });

  it('leaves memory out when the module reports CK_UNAVAILABLE_INFORMATION', () => {
    const info = normalizeTokenInfo('1', raw({ totalPublicMemory: 2 ** 64 - 1, freePublicMemory: -1 }));
    expect(info).not.toHaveProperty('totalMemory');
    expect(info).not.toHaveProperty('freeMemory');
  });

  it('marks a 1024-bit-only token as legacy, and does not guess when the module is silent', () => {
    expect(normalizeTokenInfo('1', raw(), 1024).legacy).toBe(true);
    expect(normalizeTokenInfo('1', raw()).legacy).toBe(false);
  });
});
