/**
 * ロック解除 (Flow F) on a token whose administrator (SO) PIN wrong tries elsewhere (a
 * third party's pkcs11-tool, as the vendor's tools would) left on its final try. The
 * unlock stops before the SO login spends it, and the screen asks in the catalogue's words
 * (TD-UNLOCK-SO-FINAL-TRY: the administrator PIN the CA keeps, no command-line flag);
 * Cancel spends nothing and the same unlock code still works; asked again and confirmed,
 * the token is unlocked and the diagnosis run again says healthy.
 */
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { storeThroughApi } from './support/store-through-api.js';

async function submitUnlock(page: Page, code: string): Promise<void> {
  const form = page.locator('[data-form="unlock"]');
  await form.getByRole('textbox', { name: 'ロック解除コード（10桁）' }).fill(code);
  await form.getByRole('textbox', { name: '新しいユーザーPIN', exact: true }).fill('Wxyz5678');
  await form.getByRole('textbox', { name: '新しいユーザーPIN（確認）' }).fill('Wxyz5678');
  await form.getByRole('button', { name: 'ロックを解除' }).click();
}

test('helpdesk: unlocking asks before the SO PIN\'s final try; Cancel spends nothing, Continue unlocks', async ({ page, startApp }) => {
  const app = await startApp({ token: 'sim', maxRetries: 3 });
  const sim = app.sim!;
  await storeThroughApi(app, 'Abcd1234');
  const tool = (args: string[]) => spawnSync('pkcs11-tool', ['--module', sim.modulePath, ...args], { env: sim.env, encoding: 'utf8' });
  const flags = () => tool(['-L']).stdout;
  for (let attempt = 0; attempt < 3; attempt += 1) expect(tool(['--slot-index', '0', '--login', '--pin', '99999999', '--list-objects']).status).not.toBe(0);
  // Wrong SO PINs, in the R/W session C_InitPIN needs (refused at C_Login, nothing set).
  for (let attempt = 0; attempt < 2; attempt += 1) expect(tool(['--slot-index', '0', '--login', '--login-type', 'so', '--so-pin', '99999999', '--init-pin', '--new-pin', 'Zz123456']).status).not.toBe(0);
  expect(flags()).toContain('user PIN locked');
  expect(flags()).toContain('final SO PIN try');

  await page.goto(app.url);
  await page.getByRole('button', { name: 'ヘルプデスク診断' }).click();
  await page.getByRole('button', { name: '診断する' }).click();
  const result = page.locator('[data-result="diagnosis"]');
  await expect(result).toHaveAttribute('data-verdict', 'locked', { timeout: 30_000 });
  await page.getByRole('button', { name: 'ロック解除' }).click();
  const issued = await app.ca.cli(['ca', 'token', 'unlock-code', '--serial', app.tokenSerial, '--json']);
  expect(issued.code, issued.stderr).toBe(0);
  const { code } = JSON.parse(issued.stdout) as { code: string };

  await submitUnlock(page, code);
  const dialog = page.getByRole('alertdialog', { name: '残り1回です' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.locator('#final-try-body')).toHaveAttribute('data-code', 'TD-UNLOCK-SO-FINAL-TRY');
  await expect(dialog).toContainText('管理者PIN（SO PIN）は残り1回です');
  await expect(dialog).not.toContainText('--');
  await dialog.getByRole('button', { name: 'やめる（入力したコードとPINを消去）' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-status="unlocked"]')).toBeHidden();
  expect(flags()).toContain('final SO PIN try');
  expect(flags()).toContain('user PIN locked');

  // The same code, asked again and this time confirmed: the last SO try unlocks.
  await submitUnlock(page, code);
  await dialog.getByRole('button', { name: '最後の1回を使ってロックを解除' }).click();
  await expect(page.locator('[data-status="unlocked"]')).toBeVisible({ timeout: 30_000 });
  await expect(result).toHaveAttribute('data-verdict', 'healthy');
  expect(flags()).not.toContain('SO PIN');
  expect(flags()).not.toContain('user PIN locked');
});
