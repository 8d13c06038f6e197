/**
 * The app with the library left to auto-detect (the settings' 自動検出), on a
 * machine with OpenSC and SoftHSM2 both installed, OpenSC first in the table: the
 * service uses the library that holds the token, as the command line does (#13.5),
 * and the settings screen names that one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { detectModules } from '../../../src/core/pkcs11/index.js';
import { createTokenDeskService, type TokenDeskService } from '../../../src/core/service/index.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

let scene: SoftHsmStorageScene;
let service: TokenDeskService | undefined;
beforeAll(async () => {
  scene = await createSoftHsmStorageScene();
});
afterAll(async () => {
  await service?.close();
  await scene?.close();
});

it('auto-detect takes the library that holds the token, and says so in the settings view', async () => {
  expect(detectModules().map((module) => module.vendor)).toEqual(['OpenSC', 'SoftHSM2']);
  delete process.env.TOKENDESK_PKCS11_MODULE;
  const trust = join(scene.hsm.root, 'ca.pem');
  writeFileSync(trust, scene.ca.caCertificatePem);
  service = await createTokenDeskService({ settings: { caUrl: scene.ca.url, caTrustPath: trust, caPins: [], language: 'ja' }, settingsFile: false });
  const view = await service.getSettings({});
  expect(view.module).toMatchObject({ vendor: 'SoftHSM2', source: 'detected' });
  const step2 = await service.detectToken({});
  expect(step2.error).toBeUndefined();
  expect(step2.step).toBe(2);
  expect(step2.token?.serial).toBe(scene.tokenSerial);
});
