import { describe, expect, it } from 'vitest';
import { CallQueue } from '../../../src/core/pkcs11/call-queue.js';
import { CKR, TokenError, ckrName, codeForCkr } from '../../../src/core/pkcs11/token-error.js';
import { detectModules, knownModuleLocations, locateModule } from '../../../src/core/pkcs11/module-locator.js';

describe('CKR → TokenError code', () => {
  it.each([
    [CKR.PIN_INCORRECT, 'pinIncorrect'],
    [CKR.PIN_LOCKED, 'pinLocked'],
    [CKR.PIN_LEN_RANGE, 'pinLength'],
    [CKR.TOKEN_NOT_PRESENT, 'tokenAbsent'],
    [CKR.DEVICE_REMOVED, 'tokenRemoved'],
    [CKR.DEVICE_ERROR, 'deviceError'],
    [CKR.DEVICE_MEMORY, 'deviceMemoryFull'],
    [CKR.FUNCTION_NOT_SUPPORTED, 'functionNotSupported'],
    [CKR.SESSION_HANDLE_INVALID, 'sessionClosed'],
    [0x80000001, 'generalError'],
  ] as const)('0x%s → %s', (ckr, code) => {
    expect(codeForCkr(ckr)).toBe(code);
  });

  it('names CKR values for reports', () => {
    expect(ckrName(CKR.PIN_LOCKED)).toBe('CKR_PIN_LOCKED (0x000000A4)');
    expect(ckrName(0x80000123)).toBe('CKR_VENDOR_DEFINED (0x80000123)');
    expect(new TokenError({ code: 'pinLocked', message: 'x', ckr: CKR.PIN_LOCKED, fn: 'C_Login' }).ckrName).toContain('CKR_PIN_LOCKED');
  });
});

describe('CallQueue', () => {
  it('runs calls one at a time, in order, whatever each outcome', async () => {
    const queue = new CallQueue();
    const log: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) =>
      queue.run(async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([job('a'), job('b', true), job('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    await queue.drain();
    expect(queue.size).toBe(0);
  });
});

describe('module location', () => {
  it('has a valid table with each vendor on each OS', () => {
    const table = knownModuleLocations();
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const vendors = table.filter((l) => l.platform === platform).map((l) => l.vendor);
      expect(vendors).toEqual(['SafeNet Authentication Client (eToken)', 'OpenSC', 'SoftHSM2']);
    }
    expect(table.find((l) => l.platform === 'win32')?.paths).toContain('C:\\Windows\\System32\\eTPKCS11.dll');
  });

  it('prefers the argument, then the environment, then the first library present', () => {
    expect(locateModule('/x/lib.so', {})).toMatchObject({ source: 'argument', vendor: 'unknown' });
    // Whose library a path is goes by its file name, whatever the separators and case.
    expect(locateModule('D:\\Vendor\\ETPKCS11.DLL', {}).vendor).toBe('SafeNet Authentication Client (eToken)');
    expect(locateModule('/opt/x/libsofthsm2.so', {}).vendor).toBe('SoftHSM2');
    expect(locateModule(undefined, { TOKENDESK_PKCS11_MODULE: '/usr/lib/libeTPkcs11.so' })).toMatchObject({
      source: 'environment',
      vendor: 'SafeNet Authentication Client (eToken)',
    });
    const present = new Set(['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', '/usr/lib/softhsm/libsofthsm2.so']);
    expect(detectModules('linux', (p) => present.has(p)).map((m) => m.vendor)).toEqual(['OpenSC', 'SoftHSM2']);
  });

  it('lists a library reached by two known paths once (a symlink, as Debian ships SoftHSM2)', () => {
    const present = new Set(['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so']);
    const real = (p: string) => (p === '/usr/lib/softhsm/libsofthsm2.so' ? '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so' : p);
    expect(detectModules('linux', (p) => present.has(p), real).map((m) => m.path)).toEqual(['/usr/lib/softhsm/libsofthsm2.so']);
  });
});
