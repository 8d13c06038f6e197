/**
 * The reference CA's refusals as TokenDesk reads them: the server's own error objects
 * (src/server), serialized as it answers them, through the client's caErrorFrom.
 */
import { describe, expect, it } from 'vitest';
import { caErrorFrom } from '../../../src/core/ca-client/ca-answer.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { serverErrors, type ServerError } from '../../../src/server/server-error.js';
import { unlockErrors } from '../../../src/server/unlock-code.js';

function answered(error: ServerError) {
  const headers = Object.fromEntries(Object.entries(error.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { status: error.status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(error.toBody())) };
}

describe('a check the CA could not make because others of the same PIN or code were under way', () => {
  it.each([
    ['storage PIN (STEP3)', serverErrors.pinChecksBusy()],
    ['unlock code', unlockErrors.checksBusy()],
  ])('%s: its own words — nothing checked, no attempt used, wait seconds — not the rate limit', (_, error) => {
    const read = caErrorFrom(answered(error), 'verify-pin');
    expect(read.code).toBe('checkBusy');
    expect(read.retryAfterSeconds).toBe(1);
    const words = toUserError(read);
    expect(words.code).toBe('TD-CA-CHECK-BUSY');
    expect(words.cause?.en).toContain('no attempt was used');
    expect(words.remedy?.en).toBe('Wait a few seconds and try again.');
  });

  it('a plain 429 from another server is still the rate limit', () => {
    const read = caErrorFrom({ status: 429, headers: { 'retry-after': '120' }, body: Buffer.alloc(0) }, 'simpleenroll');
    expect(read.code).toBe('rateLimited');
    expect(toUserError(read).code).toBe('TD-CA-RATE-LIMITED');
  });
});
