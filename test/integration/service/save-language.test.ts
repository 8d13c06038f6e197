/**
 * The window's language switch (saveLanguage): kept in the settings file, so the next page
 * is served in it and the tray follows; nothing else changes — unlike a save from the
 * settings screen, the wizard in progress goes on.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTokenDeskService, type TokenDeskService } from '../../../src/core/service/index.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

let scene: SoftHsmStorageScene;
let service: TokenDeskService | undefined;
let dir: string;
beforeAll(async () => {
  scene = await createSoftHsmStorageScene();
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-language-'));
});
afterAll(async () => {
  await service?.close();
  await scene?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps the language in the settings file and leaves the rest, the wizard at its step included', async () => {
  const trust = join(dir, 'ca.pem');
  writeFileSync(trust, scene.ca.caCertificatePem);
  const settingsFile = join(dir, 'settings.json');
  const settings = { modulePath: scene.hsm.modulePath, caUrl: scene.ca.url, caTrustPath: trust, caPins: [], language: 'ja' as const };
  writeFileSync(settingsFile, JSON.stringify(settings));
  service = await createTokenDeskService({ settingsFile });
  const step2 = await service.detectToken({});
  expect(step2.step).toBe(2);

  const view = await service.saveLanguage({ language: 'en' });
  expect(view.settings).toMatchObject({ ...settings, language: 'en' });
  expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toMatchObject({ ...settings, language: 'en' });
  // Still at STEP2 for the same token: a save from the settings screen would have started over.
  expect(await service.getWizard({})).toMatchObject({ step: 2, token: { serial: scene.tokenSerial } });
  expect((await service.getSettings({})).settings.language).toBe('en');

  // A save from the settings screen, for contrast: the wizard starts over at STEP1.
  await service.saveSettings({ ...settings, language: 'en' });
  expect((await service.getWizard({})).step).toBe(1);
});
