/**
 * Flow F on the device screen, in the browser against an eToken sim token: the vendor's
 * facts the sim reports (model, firmware, production date); a wrong current PIN costs
 * one try and says how many remain; with one try left the screen asks before using it —
 * Cancel spends nothing — and on Continue the PIN is changed; the new PIN then reads the device.
 */
import { spawnSync } from 'node:child_process';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';
import { storeThroughApi } from './support/store-through-api.js';

test('device screen: vendor facts, change the user PIN, and the final-try question', async ({ page, startApp }) => {
  const app = await startApp({ token: 'sim', maxRetries: 3 });
  const sim = app.sim!;
  await storeThroughApi(app, 'Tarou123');
  const tokenFlags = () => spawnSync('pkcs11-tool', ['--module', sim.modulePath, '-L'], { env: sim.env, encoding: 'utf8' }).stdout;

  await page.goto(app.url);
  await page.getByRole('button', { name: 'デバイス情報確認' }).click();
  await page.getByLabel('ユーザーPIN', { exact: true }).fill('Tarou123');
  await page.getByRole('button', { name: '次へ' }).click();
  const facts = page.locator('[data-result="device-info"]');
  await expect(facts).toBeVisible({ timeout: 30_000 });
  await expect(facts.locator('[data-field="vendor-model"]')).toHaveText('eToken 5110 CC');
  await expect(facts.locator('[data-field="firmware"]')).toHaveText('4.29');
  await expect(facts.locator('[data-field="production-date"]')).toHaveText('2023-04-15');
  await expect(facts.locator('[data-field="fips"]')).toHaveText('いいえ');

  const form = page.locator('[data-form="pin-change"]');
  const change = async (current: string, next: string) => {
    await form.getByRole('textbox', { name: '現在のユーザーPIN' }).fill(current);
    await form.getByRole('textbox', { name: '新しいユーザーPIN', exact: true }).fill(next);
    await form.getByRole('textbox', { name: '新しいユーザーPIN（確認）' }).fill(next);
    await form.getByRole('button', { name: 'ユーザーPINを変更' }).click();
  };
  await change('Wrong999', 'Hanako45');
  await expect(form.locator('[data-code="TD-PIN-INCORRECT"]')).toContainText('あと2回', { timeout: 30_000 });
  await change('Wrong999', 'Hanako45');
  await expect(form.locator('[data-code="TD-PIN-INCORRECT"]')).toContainText('あと1回', { timeout: 30_000 });
  expect(tokenFlags()).toContain('final user PIN try');

  await change('Tarou123', 'Hanako45');
  const dialog = page.getByRole('alertdialog', { name: '残り1回です' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await checkScreen(page, '23-pin-change-final-try');
  await dialog.getByRole('button', { name: 'やめる（入力したPINを消去）' }).click();
  await expect(dialog).toBeHidden();
  expect(tokenFlags()).toContain('final user PIN try');

  await change('Tarou123', 'Hanako45');
  await dialog.getByRole('button', { name: 'このPINで続ける' }).click();
  await expect(form.locator('[data-status="pin-changed"]')).toBeVisible({ timeout: 30_000 });
  expect(tokenFlags()).not.toContain('final user PIN try');
  await checkScreen(page, '24-pin-changed');

  await page.getByLabel('ユーザーPIN', { exact: true }).fill('Hanako45');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(facts.locator('[data-field="owner-name"]')).toHaveText('Souken Tarou', { timeout: 30_000 });
  expect(await page.content()).not.toContain('Hanako45');
});
