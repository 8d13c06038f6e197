/** Japanese by default, English on request, the choice kept across a reload — errors included. */
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';

test('the language switch turns every screen and message to English and back', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.locator('.step-bar [aria-current="step"]')).toContainText('eToken認証');

  await page.getByLabel('表示言語').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.step-bar [aria-current="step"]')).toContainText('Token');
  await expect(page.getByText('Plug the eToken into a USB port of this computer, then press Next.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Device information' })).toBeVisible();
  await checkScreen(page, '20-storage-step1-en');

  // A catalogue message arrives in both languages; the page shows the chosen one.
  await page.getByRole('button', { name: /Next/ }).click();
  await page.getByRole('button', { name: /Next/ }).click();
  await page.getByLabel('Storage PIN', { exact: true }).fill('12345');
  await page.getByRole('button', { name: /Next/ }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Remedy');
  await expect(alert).not.toContainText('対処');
  await checkScreen(page, '21-storage-error-en');

  // A reload keeps the language; the wizard starts again at STEP1 (nothing was in flight).
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Plug the eToken into a USB port of this computer, then press Next.')).toBeVisible();
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByText('コンピューターのUSBポートにeTokenを接続し、<次へ>ボタンをクリックしてください。')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});
