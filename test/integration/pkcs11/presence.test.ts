/**
 * Presence on SoftHSM: the tokens present are reported once, and nothing more while
 * nothing changes. SoftHSM reads its token directory only at C_Initialize and never
 * reports removal, so insertion and removal are tested on the native eToken sim.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openModule, watchTokens, type Pkcs11Module, type TokenPresence } from '../../../src/core/pkcs11/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
let module: Pkcs11Module;
beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1 });
  module = await openModule(hsm.modulePath);
});
afterAll(async () => {
  await module?.release();
  hsm?.cleanup();
});

it('reports the tokens present once, and stays quiet while nothing changes', async () => {
  const seen: TokenPresence[] = [];
  const waitFor = async (count: number) => {
    for (let i = 0; i < 200 && seen.length < count; i += 1) await new Promise((r) => setTimeout(r, 25));
    return seen[count - 1];
  };
  const stop = watchTokens(module, (presence) => seen.push(presence), { intervalMs: 20 });
  try {
    expect((await waitFor(1))?.serials).toEqual([hsm.tokens[0]!.serial]);
    await new Promise((r) => setTimeout(r, 150)); // several polls
    expect(seen).toHaveLength(1);
  } finally {
    stop();
  }
  // No further reports once stopped, and none while nothing changes.
  const count = seen.length;
  await new Promise((r) => setTimeout(r, 100));
  expect(seen.length).toBe(count);
});
