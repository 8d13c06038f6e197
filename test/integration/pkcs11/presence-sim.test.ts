/** Token removal and insertion noticed by the core's presence watcher, on the eToken sim (SoftHSM never reports removal). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openModule, watchTokens, type Pkcs11Module, type TokenPresence } from '../../../src/core/pkcs11/index.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';

let sim: EtokenSim;
let module: Pkcs11Module;
beforeAll(async () => {
  sim = createEtokenSim({ tokens: 2 });
  module = await openModule(sim.modulePath);
});
afterAll(async () => {
  await module?.release();
  sim?.cleanup();
});

it('reports a token pulled out and plugged back in', async () => {
  const seen: TokenPresence[] = [];
  const next = async (count: number) => {
    for (let i = 0; i < 400 && seen.length < count; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(seen.length).toBeGreaterThanOrEqual(count);
    return seen[count - 1]!.serials.slice().sort();
  };
  const [a, b] = sim.tokens.map((t) => t.simSerial) as [string, string];
  const stop = watchTokens(module, (presence) => seen.push(presence), { intervalMs: 20 });
  try {
    expect(await next(1)).toEqual([a, b].sort());
    sim.control(['remove', '--serial', a]);
    expect(await next(2)).toEqual([b]);
    sim.control(['insert', '--serial', a]);
    expect(await next(3)).toEqual([a, b].sort());
  } finally {
    stop();
  }
});
