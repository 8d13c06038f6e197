/**
 * What a CA's page is told when a portal call fails: the catalogue's words — never this
 * PC's file paths. A middleware that would not load was reported with its path
 * (TD-MIDDLEWARE-LOAD-FAILED's "(…path…)"), which can name the user, to any allowed origin.
 */
import { describe, expect, it } from 'vitest';
import { toUserError } from '../../../src/core/messages/index.js';
import { TokenError } from '../../../src/core/pkcs11/index.js';
import { portalMessage } from '../../../src/device-module/portal-messages.js';

describe('portalMessage', () => {
  it('words a middleware load failure without the library path that TokenDesk itself shows', () => {
    const failure = new TokenError({ code: 'moduleLoadFailed', message: 'dlopen failed', fn: 'load', modulePath: '/home/souken-tarou/lib/libeTPkcs11.so' });
    expect(toUserError(failure).text.en).toContain('/home/souken-tarou');
    const forPage = portalMessage(failure);
    expect(forPage.code).toBe(toUserError(failure).code);
    expect(JSON.stringify(forPage)).not.toContain('souken-tarou');
    expect(forPage.text.en).toBe('The USB token middleware could not be loaded.');
  });

  it('keeps the manual\'s words for a wrong PIN (row 8)', () => {
    expect(portalMessage(new TokenError({ code: 'pinIncorrect', message: 'x', fn: 'C_Login' })).code).toBe('TD-USER-AUTH');
  });
});
