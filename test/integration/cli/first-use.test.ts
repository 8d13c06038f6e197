/**
 * The command line as a helpdesk meets it on a fresh machine (#13.5, #13.6, #13.9):
 * it finds the token in whichever detected library holds it and says which, reads
 * the app's settings file, asks for a PIN it has no way to get in words that say
 * how to give it, and speaks one language at a time — JSON included.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseModule, detectModules } from '../../../src/core/pkcs11/index.js';
import { runTokendesk } from '../../support/ca-server.js';
import { createSoftHsmStorageScene, storeWithWizard, type SoftHsmStorageScene } from '../../support/storage-scene.js';

const OPENSC = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]/u;

let scene: SoftHsmStorageScene;
let trust: string;
let dir: string;
/** The env of a user who set nothing: no TOKENDESK_PKCS11_MODULE, a settings file of their own. */
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  scene = await createSoftHsmStorageScene();
  expect((await storeWithWizard(scene, 'Tarou123')).step).toBe(5);
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-first-use-'));
  trust = join(dir, 'ca.pem');
  writeFileSync(trust, scene.ca.caCertificatePem);
  env = { ...scene.hsm.env, TOKENDESK_SETTINGS: join(dir, 'no-settings.json') };
  delete env.TOKENDESK_PKCS11_MODULE;
});
afterAll(async () => {
  await scene?.close();
});

describe('which library holds the token', () => {
  it('takes the detected library that holds a token, not the first in the table', async () => {
    const candidates = [
      { path: OPENSC, vendor: 'OpenSC', source: 'detected' as const },
      { path: scene.hsm.modulePath, vendor: 'SoftHSM2', source: 'detected' as const },
    ];
    const choice = await chooseModule({ candidates, env: {} });
    expect(choice).toMatchObject({ path: scene.hsm.modulePath, holdsToken: true, alsoDetected: [OPENSC] });
  });

  // This machine has OpenSC and SoftHSM2 installed (scripts/setup.sh), OpenSC first in the table.
  it('tokens --json without --module lists the SoftHSM2 token and says which library holds it', async () => {
    expect(detectModules().map((module) => module.vendor)).toEqual(['OpenSC', 'SoftHSM2']);
    const listed = await runTokendesk(['tokens', '--json'], { env });
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ serial: string }>).map((token) => token.serial)).toEqual([scene.tokenSerial]);
    expect(listed.stderr).toContain(`PKCS#11モジュール：${scene.hsm.modulePath}（SoftHSM2）— USBトークンはこのモジュールで見つかりました`);
  });

  it('diagnose without --module names the token, not 「USBトークンが装着されていません」', async () => {
    const diagnosed = await runTokendesk(['diagnose', '--json', '--lang', 'en'], { env });
    const report = JSON.parse(diagnosed.stdout) as { verdict: string; tokensSeen: string[] };
    expect(report.tokensSeen).toEqual([scene.tokenSerial]);
    expect(report.verdict).not.toBe('noToken');
  });

  it('reads the library from the app\'s settings file', async () => {
    const settings = join(dir, 'settings.json');
    writeFileSync(settings, JSON.stringify({ modulePath: scene.hsm.modulePath, language: 'ja' }));
    const listed = await runTokendesk(['tokens', '--json'], { env: { ...env, TOKENDESK_SETTINGS: settings } });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
    // Named by the settings, nothing was chosen: no note about detection.
    expect(listed.stderr).not.toContain('PKCS#11モジュール：');
  });
});

describe('words', () => {
  it('info with no terminal and no --pins-from-stdin says a PIN is needed and how to give it', async () => {
    const result = await runTokendesk(['info', '--module', scene.hsm.modulePath], { env, input: '' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('[TD-CLI-PIN-NEEDED]');
    expect(result.stderr).toContain('--pins-from-stdin');
    expect(result.stderr).not.toContain('19999');
  });

  it('info in Japanese: the status and the PIN state in words, no internal names', async () => {
    const result = await runTokendesk(['info', '--module', scene.hsm.modulePath, '--pins-from-stdin', '--ca', scene.ca.url, '--ca-trust', trust], { env, input: 'Tarou123\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/状態：電子証明書は有効です/u);
    expect(result.stdout).toMatch(/ユーザーPIN：正常/u);
    expect(result.stdout).not.toMatch(/：(valid|ok)\b/u);
  });

  it('--lang en: the JSON carries no Japanese, the serial in its one upper-case hex form', async () => {
    const result = await runTokendesk(['info', '--module', scene.hsm.modulePath, '--pins-from-stdin', '--json', '--lang', 'en', '--ca', scene.ca.url, '--ca-trust', trust], { env, input: 'Tarou123\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(JAPANESE);
    const shown = JSON.parse(result.stdout) as { certificateSerial: string; statusMessage: { text: string } };
    expect(shown.certificateSerial).toMatch(/^[0-9A-F]+$/u);
    expect(shown.statusMessage.text).toMatch(/^The certificate is valid/u);
    const diagnosed = await runTokendesk(['diagnose', '--module', scene.hsm.modulePath, '--json', '--lang', 'en'], { env });
    expect(diagnosed.stdout).not.toMatch(JAPANESE);
  });

  it('a bad --module is refused in the language asked for', async () => {
    const en = await runTokendesk(['tokens', '--module', '/nonexistent/libnothing.so', '--lang', 'en'], { env });
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/^Error \[TD-[A-Z-]+\]: /u);
    expect(en.stderr).not.toMatch(JAPANESE);
    const ja = await runTokendesk(['tokens', '--module', '/nonexistent/libnothing.so'], { env });
    expect(ja.stderr).toMatch(/^エラー \[TD-[A-Z-]+\]：/u);
    expect(ja.stderr).not.toMatch(/\n\s+at /u);
  });
});
