/** Flow B in the browser: the certificate the wizard stored, read back with the user PIN, with its status badge. */
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';
import { storeThroughApi } from './support/store-through-api.js';

test('device information of the stored certificate', async ({ page, startApp }) => {
  const app = await startApp();
  await storeThroughApi(app, 'Tarou123');
  await page.goto(app.url);
  await page.getByRole('button', { name: 'デバイス情報確認' }).click();
  await expect(page.getByRole('heading', { name: 'デバイス情報確認', level: 2 })).toBeVisible();
  await checkScreen(page, '10-device-login');

  await page.getByLabel('ユーザーPIN', { exact: true }).fill('Tarou123');
  await page.getByRole('button', { name: '次へ' }).click();

  const result = page.locator('[data-result="device-info"]');
  // The answer comes fast; a refusal (the screen's own error box) fails here with its code.
  await expect(page.locator('[data-result="device-info"], section.screen > .message').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('section.screen > .message'), 'the screen shows no error').toHaveCount(0, { timeout: 1_000 });
  await expect(result).toBeVisible();
  await expect(result.locator('[data-field="owner-name"]')).toHaveText('Souken Tarou');
  await expect(result.locator('[data-field="token-serial"]')).toHaveText(app.tokenSerial);
  await expect(result.locator('[data-badge="valid"]')).toHaveText(/有効/);
  await expect(result).toContainText('異常なし');
  await expect(page.getByLabel('ユーザーPIN', { exact: true })).toHaveValue('');
  await checkScreen(page, '11-device-info');
  expect(await page.content()).not.toContain('Tarou123');
});

test('a wrong PIN shows no verdict on the certificate; a 9-character PIN is refused, not spent', async ({ page, startApp }) => {
  const app = await startApp();
  await storeThroughApi(app, 'Tarou123');
  await page.goto(app.url);
  await page.getByRole('button', { name: 'デバイス情報確認' }).click();
  const field = page.getByLabel('ユーザーPIN', { exact: true });

  // Typed as on STEP4 with one character too many: refused here too, nothing sent.
  await field.fill('Tarou1234');
  await expect(field).toHaveValue('Tarou1234');
  await expect(page.locator('#device-user-pin-problem')).toContainText('9桁以上入力しないでください');
  await expect(page.getByRole('button', { name: '次へ' })).toBeDisabled();

  await field.fill('Wrong123');
  await page.getByRole('button', { name: '次へ' }).click();
  const result = page.locator('[data-result="device-info"]');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result.getByRole('alert').or(result.locator('.message'))).toContainText('ユーザーPINが正しくありません');
  await expect(result.locator('[data-badge]')).toHaveCount(0);

  // With the right PIN: the certificate serial in the one short form, upper-case hex, copyable.
  await field.fill('Tarou123');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(result.locator('[data-badge="valid"]')).toBeVisible({ timeout: 30_000 });
  await expect(result.locator('[data-field="certificate-serial"] code')).toHaveText(/^[0-9A-F]{32}$/);
  await expect(result.getByRole('button', { name: '証明書シリアル番号: コピー' })).toBeVisible();
});
