/**
 * `tokendesk store` at a terminal, the user pressing Ctrl-C at a prompt: the run ends
 * as the user's own choice — TD-CANCELLED in the catalogue's words — not as the
 * catalogue's "unexpected error, contact the helpdesk" (19999), and nothing is spent or
 * made. Run in a real pseudo-terminal (util-linux `script`), against the reference CA
 * on SoftHSM2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { StoragePinNotice } from '../../../src/server/operator.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { provision } from '../../support/storage-scene.js';
import { tokendeskAtTerminal, type TerminalAnswer } from '../../support/cli-at-terminal.js';

let hsm: SoftHsm;
let ca: TestCa;
let trust: string;
let mail: StoragePinNotice;

beforeEach(async () => {
  hsm = createSoftHsm({ tokens: 1 });
  ca = await startTestCa();
  await provision(ca, hsm.modulePath, hsm.tokens[0]!.serial, hsm.tokens[0]!.soPin);
  mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-store-tty-'));
  trust = join(dir, 'ca.pem');
  writeFileSync(trust, ca.caCertificatePem);
});
afterEach(async () => {
  await ca?.stop();
  hsm?.cleanup();
});

/** `tokendesk store --yes` in a pseudo-terminal; each answer is typed once the screen shows its prompt. */
function storeAtTerminal(answers: TerminalAnswer[], extra = ['--yes']): Promise<{ code: number; screen: string }> {
  return tokendeskAtTerminal(['store', '--ca', ca.url, '--ca-trust', trust, '--module', hsm.modulePath, ...extra, '--lang', 'en'], answers, hsm.env);
}

it('Ctrl-C at the storage PIN prompt: said as cancelled, nothing sent to the CA', async () => {
  const { code, screen } = await storeAtTerminal([['Storage PIN (10 digits): ', '\u0003']]);
  expect(code, screen).not.toBe(0);
  expect(screen).toContain('[TD-CANCELLED]');
  expect(screen).toContain('The operation was cancelled.');
  expect(screen).not.toContain('[19999]');
  expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'ready' });
});

it('Ctrl-C at the new user PIN prompt: said as cancelled, nothing made on the token, the storage PIN not spent', async () => {
  const { code, screen } = await storeAtTerminal([
    ['Storage PIN (10 digits): ', `${mail.storagePin}\r`],
    ['New user PIN', '\u0003'],
  ]);
  expect(code, screen).not.toBe(0);
  expect(screen).toContain('[TD-CANCELLED]');
  expect(screen).not.toContain('[19999]');
  expect(screen).not.toContain(mail.storagePin);
  expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'ready' });
});

it('Ctrl-C at "Is this you?": said as cancelled with a failing exit code — not a silent exit 0 as if stored', async () => {
  const { code, screen } = await storeAtTerminal([['Is this you?', '\u0003']], []);
  expect(code, screen).not.toBe(0);
  expect(screen).toContain('[TD-CANCELLED]');
  expect(screen).not.toContain('[19999]');
  expect(await ca.status(mail.applicationNo)).toMatchObject({ state: 'ready' });
});
