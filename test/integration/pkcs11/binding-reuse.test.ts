/**
 * A released module gives its pkcs11js binding back (native-binding.ts): the next open
 * loads the library on it again instead of paying pkcs11js's constructor, ~0.3 ms of
 * wrapping per device read (test/bench, device-info). Each open still loads, initializes,
 * finalizes and closes the library, and works as on a new binding.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
beforeAll(() => {
  hsm = createSoftHsm({ tokens: 1 });
});
afterAll(() => hsm?.cleanup());

it('opens the library again on the binding a released module gave back', async () => {
  const bindings = new Set<unknown>();
  for (let i = 0; i < 3; i += 1) {
    const module = await openModule(hsm.modulePath);
    bindings.add((module as unknown as { lib: unknown }).lib);
    const [token] = await module.listTokens();
    expect(token?.serial).toBe(hsm.tokens[0]!.serial);
    const session = await module.openSession(token!);
    await session.login('user', hsm.tokens[0]!.userPin);
    expect(await session.random(8)).toHaveLength(8);
    await session.logout();
    await module.release();
    // Finalized and closed: the binding holds no library until it is loaded again.
    expect(() => (module as unknown as { lib: { C_GetInfo(): unknown } }).lib.C_GetInfo()).toThrow();
  }
  expect(bindings.size).toBe(1);
});
