/**
 * `tokendesk info` at a terminal used to ask for the user PIN and only then say that,
 * the token being on its final try, it had not tried it. Now a token on its final try is
 * said so before the PIN prompt, and the user chooses: "n" ends without asking for the
 * PIN (and spends nothing); "y" asks for it, for the run to use the try. Run in a real
 * pseudo-terminal (util-linux `script`), on the native eToken sim, which counts tries.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openModule, type TokenError } from '../../../src/core/pkcs11/index.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { thenEnter, tokendeskAtTerminal, type TerminalAnswer } from '../../support/cli-at-terminal.js';

let sim: EtokenSim;
beforeEach(async () => {
  sim = createEtokenSim({ tokens: 1, maxRetries: 3 });
  // Two wrong PINs of three: one try left.
  const module = await openModule(sim.modulePath);
  try {
    const session = await module.openSession(sim.tokens[0]!.simSerial);
    for (let i = 0; i < 2; i += 1) await session.login('user', 'wrong99', { confirmFinalTry: true }).catch((error: TokenError) => expect(error.code).toBe('pinIncorrect'));
    await session.close();
  } finally {
    await module.release();
  }
  expect(await pinState()).toBe('finalTry');
});
afterEach(() => sim?.cleanup());

async function pinState(): Promise<string> {
  const module = await openModule(sim.modulePath);
  try {
    return (await module.listTokens())[0]!.pinState;
  } finally {
    await module.release();
  }
}

/** `tokendesk info` in a pseudo-terminal; each answer is typed once the screen shows its prompt. */
function infoAtTerminal(answers: TerminalAnswer[]): Promise<{ code: number; screen: string }> {
  return tokendeskAtTerminal(['info', '--module', sim.modulePath, '--lang', 'en'], thenEnter(answers), sim.env);
}

it('says so before the PIN prompt; "n" ends without asking for the PIN and spends nothing', async () => {
  const { code, screen } = await infoAtTerminal([['Use the last try?', 'n']]);
  expect(code, screen).toBe(1);
  expect(screen).toContain('[TD-PIN-FINAL-TRY]');
  expect(screen).toContain('[TD-DIAG-PIN-NOT-TRIED]');
  expect(screen).not.toContain('User PIN');
  expect(await pinState()).toBe('finalTry');
});

it('"y" asks for the PIN, typed without echo', async () => {
  const { screen } = await infoAtTerminal([
    ['Use the last try?', 'y'],
    ['User PIN', sim.tokens[0]!.userPin],
  ]);
  expect(screen).toContain('[TD-PIN-FINAL-TRY]');
  expect(screen).toContain('User PIN');
  expect(screen).not.toContain(sim.tokens[0]!.userPin);
  expect(screen).not.toContain('[TD-DIAG-PIN-NOT-TRIED]');
});
