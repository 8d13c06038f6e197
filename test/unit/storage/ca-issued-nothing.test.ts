/**
 * When may STEP4 delete the key it just made? Only when the CA cannot have issued a
 * certificate for it: a definite refusal, or a connection that never reached the
 * CA. After a timeout, a reset or a 5xx the CA may have issued, and a deleted key
 * would leave a certificate that never reaches the token.
 */
import { describe, expect, it } from 'vitest';
import { CaError, NetworkError, type NetworkErrorCode } from '../../../src/core/messages/index.js';
import { TokenError } from '../../../src/core/pkcs11/index.js';
import { caIssuedNothing } from '../../../src/core/storage/store-certificate.js';

describe('caIssuedNothing', () => {
  it.each<[NetworkErrorCode, boolean]>([
    ['refused', true],
    ['dns', true],
    ['unreachable', true],
    ['tlsUntrusted', true],
    ['tlsHostname', true],
    ['tlsCertExpired', true],
    ['tlsCertNotYetValid', true],
    ['tlsPinMismatch', true],
    ['tlsHandshake', true],
    ['timeout', false],
    ['reset', false],
    ['clockSkew', false],
  ])('a connection that failed with %s: nothing issued is %s', (code, nothing) => {
    expect(caIssuedNothing(new NetworkError({ code, message: code }))).toBe(nothing);
  });

  it.each([
    [400, true],
    [401, true],
    [423, true],
    [499, true],
    [500, false],
    [502, false],
    [503, false],
  ])('an answer with HTTP %i: nothing issued is %s', (status, nothing) => {
    expect(caIssuedNothing(new CaError({ code: 'serverError', message: 'x', status }))).toBe(nothing);
  });

  it('a refusal the client made itself (no HTTP status) issued nothing', () => {
    expect(caIssuedNothing(new CaError({ code: 'unexpectedAnswer', message: 'x' }))).toBe(true);
  });

  it('a token failure came before the request went out; anything else may have come after', () => {
    expect(caIssuedNothing(new TokenError({ code: 'tokenRemoved', message: 'x' }))).toBe(true);
    expect(caIssuedNothing(new Error('something else'))).toBe(false);
    expect(caIssuedNothing(undefined)).toBe(false);
  });
});
