/**
 * `tokendesk info` (Flow B) as a user runs it: a certificate stored by the
 * wizard from the reference CA, read back by a separate process after the user
 * PIN, with status from the CA's CRL and clock.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runTokendesk } from '../../support/ca-server.js';
import { createSoftHsmStorageScene, storeWithWizard, type SoftHsmStorageScene } from '../../support/storage-scene.js';

let scene: SoftHsmStorageScene;
let trust: string;

beforeAll(async () => {
  scene = await createSoftHsmStorageScene();
  const done = await storeWithWizard(scene, 'Tarou123');
  expect(done.step).toBe(5);
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-info-'));
  trust = join(dir, 'ca.pem');
  writeFileSync(trust, scene.ca.caCertificatePem);
});
afterAll(async () => {
  await scene?.close();
});

const info = (args: string[], input: string) =>
  runTokendesk(['info', '--module', scene.hsm.modulePath, '--pins-from-stdin', ...args], { env: scene.hsm.env, input });

it('shows owner, company, user ID, validity, status and token health as JSON', async () => {
  const result = await info(['--ca', scene.ca.url, '--ca-trust', trust, '--json'], 'Tarou123\n');
  expect(result.code, result.stderr).toBe(0);
  const shown = JSON.parse(result.stdout) as Record<string, unknown> & { token: Record<string, unknown> };
  expect(shown).toMatchObject({
    ownerName: 'Souken Tarou',
    userId: scene.application.userId,
    company: 'Souken Kensetsu Co., Ltd.',
    email: 'tarou@souken.example.jp',
    status: 'valid',
    health: 'healthy',
  });
  expect(shown.validFrom).toMatch(/^\d{4}\/\d{2}\/\d{2}$/u);
  expect(shown.validTo).toMatch(/^\d{4}\/\d{2}\/\d{2}$/u);
  expect(JSON.stringify(shown)).not.toContain('Tarou123');
});

it('prints the Japanese screen by default, and says revoked once the CA revokes the certificate', async () => {
  const before = await info(['--ca', scene.ca.url, '--ca-trust', trust], 'Tarou123\n');
  expect(before.code, before.stderr).toBe(0);
  expect(before.stdout).toContain('Souken Tarou');
  expect(before.stdout).toContain(scene.application.userId);

  const status = await scene.ca.status(scene.application.applicationNo);
  await scene.ca.revoke(status.certificate!.serial);
  const after = await info(['--ca', scene.ca.url, '--ca-trust', trust, '--json'], 'Tarou123\n');
  expect(JSON.parse(after.stdout)).toMatchObject({ status: 'revoked' });
});

it('refuses a wrong user PIN with the catalogue message, no stack trace, no PIN echoed', async () => {
  const result = await info(['--lang', 'en'], 'Wrong999\n');
  expect(result.code).not.toBe(0);
  expect(`${result.stdout}${result.stderr}`).not.toContain('Wrong999');
  expect(result.stderr).not.toMatch(/\n\s+at /u);
});
