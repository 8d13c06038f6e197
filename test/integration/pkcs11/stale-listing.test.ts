/**
 * A session may be opened on a token as an earlier listing saw it (one diagnosis run
 * lists the slots once). Should another token have taken that slot since, login
 * refuses it rather than try one token's PIN on the other.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
let module: Pkcs11Module;

beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1 });
  hsm.addToken({ userPin: 'other987' });
  module = await openModule(hsm.modulePath);
});
afterAll(async () => {
  await module?.release();
  hsm?.cleanup();
});

it('refuses to log in when the listed token is no longer the one in its slot, without trying the PIN', async () => {
  const [first, second] = hsm.tokens.map((token) => token.serial);
  const tokens = await module.listTokens();
  const listed = tokens.find((token) => token.serial === first)!;
  const other = tokens.find((token) => token.serial === second)!;
  // As if the first token had been pulled out and the second put in its slot since the listing.
  const session = await module.openSession({ ...listed, slotId: other.slotId });
  try {
    // Tried on the second token this PIN would be wrong (pinIncorrect) and cost it a try.
    await expect(session.login('user', hsm.tokens[0]!.userPin)).rejects.toMatchObject({ code: 'tokenRemoved', fn: 'C_GetTokenInfo' });
  } finally {
    await session.close();
  }
  const right = await module.openSession(listed);
  try {
    await expect(right.login('user', hsm.tokens[0]!.userPin)).resolves.toBeUndefined();
    await right.logout();
  } finally {
    await right.close();
  }
});
