/**
 * The IC-card screen on a PIN-locking card (the eToken sim holding a certificate, read as
 * a card): a wrong card PIN answers in the Pension e-bidding manual's words (03002 ログインに失敗しました), and
 * with one try left the screen asks before using it — Cancel spends nothing, Continue reads
 * the card.
 */
import { spawnSync } from 'node:child_process';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';
import { storeThroughApi } from './support/store-through-api.js';

test('IC card: 03002 for a wrong card PIN, and the final-try question', async ({ page, startApp }) => {
  const app = await startApp({ token: 'sim', maxRetries: 3 });
  const sim = app.sim!;
  await storeThroughApi(app, '24681357');
  const flags = () => spawnSync('pkcs11-tool', ['--module', sim.modulePath, '-L'], { env: sim.env, encoding: 'utf8' }).stdout;

  await page.goto(app.url);
  await page.getByRole('button', { name: 'ICカード' }).click();
  const pin = page.getByLabel('PIN番号', { exact: true });
  const read = page.getByRole('button', { name: '旧ICカードを読み取る' });

  await pin.fill('99999999');
  await read.click();
  const refusal = page.locator('[data-code="03002"]');
  await expect(refusal).toContainText('ログインに失敗しました。', { timeout: 30_000 });
  await expect(page.locator('[data-code="TD-PIN-INCORRECT"]')).toHaveCount(0);
  await pin.fill('99999999');
  await read.click();
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  expect(flags()).toContain('final user PIN try');

  await pin.fill('24681357');
  await read.click();
  const dialog = page.getByRole('alertdialog', { name: '残り1回です' });
  await expect(dialog).toContainText('ICカード', { timeout: 30_000 });
  await checkScreen(page, '42-card-final-try');
  await dialog.getByRole('button', { name: 'やめる（入力したPINを消去）' }).click();
  await expect(dialog).toBeHidden();
  expect(flags()).toContain('final user PIN try');

  await pin.fill('24681357');
  await read.click();
  await dialog.getByRole('button', { name: 'このPINで続ける' }).click();
  await expect(page.locator('[data-result="card-current"]')).toBeVisible({ timeout: 30_000 });
  expect(flags()).not.toContain('final user PIN try');
});
