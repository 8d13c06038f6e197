/**
 * `tokendesk info` at a terminal used to ask for the user PIN and only then say that,
 * the token being on its final try, it had not tried it. Now a token on its final try is
 * said so before the PIN prompt, and the user chooses: "n" ends without asking for the
 * PIN (and spends nothing); "y" asks for it, for the run to use the try. Run in a real
 * pseudo-terminal (util-linux `script`), on the native eToken sim, which counts tries.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openModule, type TokenError } from '../../../src/core/pkcs11/index.js';
import { REPO_ROOT } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';

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
function infoAtTerminal(answers: Array<[prompt: string, typed: string]>): Promise<{ code: number; screen: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, '--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'info', '--module', sim.modulePath, '--lang', 'en'].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, env: { ...process.env, ...sim.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const pending = [...answers];
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (pending[0] && screen.includes(pending[0][0])) {
        const typed = pending.shift()![1];
        setTimeout(() => child.stdin.write(`${typed}\r`), 100); // a person reads the prompt first
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, screen }));
  });
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
