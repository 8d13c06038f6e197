/**
 * Flow A in the browser for a token the CA did not provision (no possession tag): the
 * CA names nobody at STEP2, which asks for the application number from the CA's mail;
 * the applicant's name appears at STEP4, after the storage PIN is checked.
 */
import type { Page } from '@playwright/test';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';

const currentStep = (page: Page) => page.locator('.step-bar [aria-current="step"]');
const next = (page: Page) => page.getByRole('button', { name: /次へ/ });

test('STEP2 asks for the application number; STEP4 names the applicant', async ({ page, startApp }) => {
  const app = await startApp({ provision: false });
  await page.goto(app.url);
  await next(page).click();

  await expect(currentStep(page)).toContainText('ユーザー確認');
  await expect(page.getByText('メールにて案内されている「申請書番号」を入力してください。')).toBeVisible();
  await expect(page.locator('[data-field="user-name"]')).toHaveCount(0);
  const number = page.getByLabel('申請書番号', { exact: true });
  await expect(number).toBeFocused();
  await checkScreen(page, '02b-storage-step2-application-number');
  await number.fill('12345');
  await page.keyboard.press('Enter');
  await expect(page.getByText('申請書番号は半角数字11〜14桁です。')).toBeVisible();
  await number.fill(app.application.applicationNo);
  await page.keyboard.press('Enter');

  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
  await page.getByLabel('電子証明書格納用PIN', { exact: true }).fill(app.application.storagePin);
  await page.keyboard.press('Enter');

  await expect(currentStep(page)).toContainText('ユーザーPIN設定');
  await expect(page.locator('[data-field="user-name"]')).toHaveText(`${app.application.userId} Souken Tarou`);
  await checkScreen(page, '04b-storage-step4-applicant');
});
