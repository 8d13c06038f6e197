/**
 * Unlocking a locked token through the CA (SPEC.md Flow F; CA manual §12.1 row 6), end to
 * end on the native eToken sim, the real CA on loopback TLS and the real `tokendesk` CLI
 * in child processes: 15 wrong PINs lock the token; the operator's `ca token unlock-code`;
 * `tokendesk unlock` → the same certificate and key, the new PIN works, the retry counter
 * is full again. Five wrong codes spend a code and leave the token locked; a code issued
 * for one serial opens no other token; nothing secret reaches the audit log.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaContext, openCaContext } from '../../../src/server/ca-context.js';
import { runTokendesk } from '../../support/ca-server.js';
import { readOutbox } from '../../support/portal-web-client.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { createStorageScene, provision, storeWithWizard, type StorageScene } from '../../support/storage-scene.js';

const USER_PIN = 'Abcd1234';
const NEW_PIN = 'Wxyz5678';

let sim: EtokenSim;
let scene: StorageScene;
let serial: string;
let otherSerial: string;
let trustDir: string;
let trustFile: string;

beforeAll(async () => {
  sim = createEtokenSim({ tokens: 2 });
  serial = sim.tokens[0]!.simSerial;
  otherSerial = sim.tokens[1]!.simSerial;
  scene = await createStorageScene({ modulePath: sim.modulePath, tokenSerial: serial, soPin: sim.tokens[0]!.soPin });
  await provision(scene.ca, sim.modulePath, otherSerial, sim.tokens[1]!.soPin);
  // STEP1 wants exactly one token: the other is pulled out while the certificate is stored.
  sim.control(['remove', '--serial', otherSerial]);
  const stored = await storeWithWizard(scene, USER_PIN);
  sim.control(['insert', '--serial', otherSerial]);
  expect(stored.step, JSON.stringify(stored.error)).toBe(5);
  trustDir = mkdtempSync(join(tmpdir(), 'tokendesk-unlock-'));
  trustFile = join(trustDir, 'ca.pem');
  writeFileSync(trustFile, scene.ca.caCertificatePem);
}, 120_000);
afterAll(async () => {
  await scene?.close();
  sim?.cleanup();
  if (trustDir) rmSync(trustDir, { recursive: true, force: true });
});

/** `tokendesk unlock` as a contractor's script runs it: code, new PIN twice on stdin. */
function unlock(tokenSerial: string, code: string, pin = NEW_PIN) {
  return runTokendesk(['unlock', '--module', sim.modulePath, '--serial', tokenSerial, '--ca', scene.ca.url, '--ca-trust', trustFile, '--pins-from-stdin', '--lang', 'en'], {
    env: sim.env,
    input: `${code}\n${pin}\n${pin}\n`,
  });
}

async function issueCode(tokenSerial: string): Promise<string> {
  const issued = await scene.ca.cli(['ca', 'token', 'unlock-code', '--serial', tokenSerial, '--json']);
  expect(issued.code, issued.stderr).toBe(0);
  const { code, mailedTo } = JSON.parse(issued.stdout) as { code: string; mailedTo?: string };
  expect(code).toMatch(/^[0-9]{10}$/u);
  // Delivered like the storage PIN: also mailed to the holder on record, in the outbox.
  const mails = readOutbox(scene.ca.dataDir).filter((mail) => mail.subject.includes('ロック解除コードのお知らせ') && mail.text.includes(`【ロック解除コード】 ${code}`));
  expect(mails).toHaveLength(1);
  expect(mails[0]!.to).toContain(mailedTo!);
  expect(mails[0]!.text).toContain(`【USBトークンシリアルナンバー】 ${tokenSerial}`);
  return code;
}

async function objectsOnToken(): Promise<{ certificates: string[]; keys: string[] }> {
  const session = await scene.module.openSession(serial);
  try {
    const certificates = (await session.listCertificates()).map((cert) => `${cert.id}:${cert.der.toString('base64')}`);
    const keys = (await session.listKeys()).map((key) => `${key.kind}:${key.id}`);
    return { certificates, keys };
  } finally {
    await session.close();
  }
}

async function lockToken(): Promise<void> {
  const session = await scene.module.openSession(serial);
  try {
    for (let wrong = 1; wrong <= 15; wrong += 1) {
      await expect(session.login('user', 'wrong999', { confirmFinalTry: wrong === 15 })).rejects.toMatchObject({ code: 'pinIncorrect' });
    }
  } finally {
    await session.close();
  }
  expect((await scene.module.findToken(serial)).pinState).toBe('locked');
}

describe('unlock through the CA on the eToken sim', () => {
  it('15 wrong PINs lock; five wrong unlock codes spend the code and the token stays locked', async () => {
    await lockToken();
    const code = await issueCode(serial);
    const wrong = code === '0000000000' ? '1111111111' : '0000000000';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const refused = await unlock(serial, wrong);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(attempt < 5 ? 'TD-UNLOCK-CODE-INCORRECT' : 'TD-UNLOCK-CODE-SPENT');
      if (attempt < 5) expect(refused.stderr).toContain(`${5 - attempt} more wrong ${5 - attempt === 1 ? 'code' : 'codes'} will make it unusable`);
    }
    // Spent: even the right code opens nothing now.
    const late = await unlock(serial, code);
    expect(late.stderr).toContain('TD-UNLOCK-CODE-SPENT');
    expect((await scene.module.findToken(serial)).pinState).toBe('locked');
  }, 120_000);

  it('refuses a code issued for another serial', async () => {
    const codeForThis = await issueCode(serial);
    const elsewhere = await unlock(otherSerial, codeForThis);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('TD-UNLOCK-CODE-NOT-ISSUED');
    expect((await scene.module.findToken(otherSerial)).pinState).toBe('ok');
  }, 60_000);

  it('tokendesk unlock: same certificate and key, the new PIN works, the retry counter is full, diagnosis healthy', async () => {
    const before = await objectsOnToken();
    expect(before.certificates).toHaveLength(1);
    const code = await issueCode(serial); // replaces the one issued above
    // The token's policy refuses an all-digit PIN before the CA is asked: the code keeps its tries.
    sim.control(['set-pin-policy', '--mix-chars']);
    const digits = await unlock(serial, code, '12345678');
    sim.control(['set-pin-policy']);
    expect(digits.stderr).toContain('TD-USER-PIN-POLICY-MIX');
    const ctxBefore = await openCaContext(scene.ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: scene.ca.dataDir });
    try {
      expect((await ctxBefore.store.unlockCodes.get(serial))?.failures).toBe(0);
      expect((await ctxBefore.store.listAudit()).map((row) => row.event)).not.toContain('unlockSoPinReleased');
    } finally {
      await closeCaContext(ctxBefore);
    }
    const done = await unlock(serial, code);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Unlocked');
    expect(done.stdout).toContain('[TD-DIAG-HEALTHY]');
    expect(done.stdout + done.stderr).not.toContain(code);

    expect(await objectsOnToken()).toEqual(before);
    const token = await scene.module.findToken(serial);
    expect(token.pinState).toBe('ok');
    expect(await scene.module.pinRetries(serial)).toMatchObject({ userLeft: 15, userMax: 15 });
    // Logged in from a fresh process (pkcs11-tool): this one's SoftHSM may cache the old PIN's key.
    const login = (pin: string) =>
      spawnSync('pkcs11-tool', ['--module', sim.modulePath, '--slot', token.slotId, '--login', '--pin', pin, '--list-objects'], { env: sim.env, encoding: 'utf8' });
    expect(login(USER_PIN).stderr).toContain('CKR_PIN_INCORRECT');
    expect(await scene.module.pinRetries(serial)).toMatchObject({ userLeft: 14 });
    expect(login(NEW_PIN).status).toBe(0);
    expect(await scene.module.pinRetries(serial)).toMatchObject({ userLeft: 15 });

    // Used up: the same code cannot unlock again.
    expect((await unlock(serial, code)).stderr).toContain('TD-UNLOCK-CODE-SPENT');

    // Audited, and no secret in the audit: neither the code nor the SO PIN.
    const ctx = await openCaContext(scene.ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: scene.ca.dataDir });
    try {
      const audit = await ctx.store.listAudit();
      const events = audit.filter((row) => row.token_serial === serial).map((row) => row.event);
      expect(events).toEqual(expect.arrayContaining(['unlockCodeIssued', 'unlockCodeFailure', 'unlockCodeSpent', 'unlockSoPinReleased', 'tokenUnlocked']));
      const token = await ctx.store.getToken(serial);
      const soPin = ctx.soPins.open(token!.so_pin_sealed, serial);
      const text = JSON.stringify(audit);
      expect(text).not.toContain(code);
      expect(text).not.toContain(soPin);
      expect(done.stdout + done.stderr).not.toContain(soPin);
      const row = await ctx.store.unlockCodes.get(serial);
      expect(row?.code_hash).not.toContain(code);
    } finally {
      await closeCaContext(ctx);
    }
  }, 120_000);
});
