/**
 * The listing a readDevice makes before its PIN prompt also serves the read after it
 * (token-work.ts, theOneToken): while the user types, the token may go. Pulled out
 * during the prompt, the page is told so in the catalogue's words — no facts from the
 * listing passed off as a read, no PIN sent to a token that is not there, no try spent.
 * On the eToken sim, which reports removal (SoftHSM never does).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { createPortalDesk, startDeviceModule, type RunningDeviceModule } from '../../../src/device-module/index.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';
import { PortalClient } from '../../support/portal-client.js';

const ORIGIN = 'https://portal.ca.example.jp';
let sim: EtokenSim;
let portal: RunningDeviceModule;

beforeAll(async () => {
  sim = createEtokenSim({ tokens: 1 });
  const desk = createPortalDesk();
  desk.consent.grant(ORIGIN, 'always');
  portal = await startDeviceModule({ desk, modulePath: async () => sim.modulePath, port: 0 });
});
afterAll(async () => {
  await portal?.close();
  sim?.cleanup();
});

it('a token pulled out while the PIN prompt is open: TD-TOKEN-REMOVED, no login tried, no try spent', async () => {
  const { simSerial, userPin } = sim.tokens[0]!;
  const page = await PortalClient.open(portal.url, ORIGIN);
  const stop = portal.desk.subscribePrompts(({ prompts }) => {
    for (const prompt of prompts) {
      if (prompt.kind !== 'pin') continue;
      expect(prompt.tokenSerial).toBe(simSerial);
      // The user pulls the token out, then types the PIN.
      setImmediate(() => {
        sim.control(['remove', '--serial', simSerial]);
        portal.desk.answer({ id: prompt.id, decision: 'submit', pin: userPin });
      });
    }
  });
  try {
    const logins: string[] = [];
    const answer = await watchPkcs11Calls(
      (name, call) => {
        if (name === 'C_Login') logins.push(name);
        return call();
      },
      () => page.call('readDevice', { expectedSerial: simSerial }),
    );
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('TD-TOKEN-REMOVED');
    expect(answer.result).toBeUndefined();
    expect(logins).toEqual([]);
  } finally {
    stop();
    page.close();
  }
  sim.control(['insert', '--serial', simSerial]);
  const module = await openModule(sim.modulePath);
  try {
    const tries = await module.pinRetries(simSerial);
    expect(tries.userLeft).toBeDefined();
    expect(tries.userLeft).toBe(tries.userMax);
  } finally {
    await module.release();
  }
});
