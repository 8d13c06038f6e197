/**
 * What misled on first use (#13.7, #13.12, #13.13): the wizard run again on a token
 * that already holds its certificate, the settings screen's library and language,
 * and a window opened again landing mid-wizard.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { storeThroughApi } from './support/store-through-api.js';

const currentStep = (page: Page) => page.locator('.step-bar [aria-current="step"]');
const next = (page: Page) => page.getByRole('button', { name: /次へ/ });

test('the wizard on a token that already holds its certificate says so, names the serial and points to デバイス情報確認', async ({ page, startApp }) => {
  const app = await startApp();
  await storeThroughApi(app, 'Tarou123');
  await page.goto(app.url);
  await expect(currentStep(page)).toContainText('eToken認証');
  await next(page).click();
  const message = page.locator('section.screen .message').first();
  await expect(message).toContainText(`このUSBトークン（シリアルナンバー ${app.tokenSerial}）には電子証明書がすでに格納されています。`);
  await expect(message).toContainText('デバイス情報確認');
  await expect(message).not.toContainText('—');
});

test('a window opened again starts at STEP1, not mid-wizard from the earlier visit', async ({ page, startApp, context }) => {
  const app = await startApp();
  await page.goto(app.url);
  await next(page).click();
  await next(page).click();
  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');

  const again = await context.newPage();
  await again.goto(app.url);
  // STEP1 is drawn before TokenDesk answers: what counts is the step once its answer is in.
  await expect(again.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(again.getByText('TokenDeskに接続しています…')).toHaveCount(0);
  await expect(currentStep(again)).toContainText('eToken認証');
  await expect(again.getByText('このSTEPでの作業時間が5分を経過するとSTEP1に戻ります。')).toHaveCount(0);
  await again.close();
});

test('settings: the line above the library radios and the checked radio agree; each library once; one language switch', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await page.getByRole('button', { name: '設定' }).click();
  const group = page.getByRole('group', { name: 'PKCS#11ライブラリ' });
  // The app was started with the SoftHSM2 library set in its settings.
  await expect(group.locator('p.hint')).toContainText(`${app.modulePath} (設定で指定)`);
  const checked = group.getByRole('radio', { checked: true });
  await expect(checked).toHaveCount(1);
  await expect(group.locator(`label[for="${await checked.getAttribute('id')}"]`)).toContainText(app.modulePath);
  await expect(group.getByText('自動検出', { exact: true })).toHaveCount(1);
  // Debian links /usr/lib/softhsm/libsofthsm2.so to the multiarch copy: one library, one radio.
  await expect(group.locator('label', { hasText: 'SoftHSM2' })).toHaveCount(1);
  await expect(page.getByLabel('表示言語', { exact: true })).toHaveCount(1);

  // Choosing auto-detect: the radio and, once saved, the line say the same.
  await group.getByLabel('自動検出', { exact: true }).check();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('設定を保存しました。')).toBeVisible();
  await expect(group.locator('p.hint')).toContainText('(自動検出)');
  expect((await app.bridge.service.getSettings({})).settings.modulePath).toBeUndefined();
});
