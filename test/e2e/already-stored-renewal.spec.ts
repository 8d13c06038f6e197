/**
 * Flow A in the browser on a CA-provisioned token that already holds its certificate,
 * with a renewal the operator added without naming the token: STEP1 refuses it as
 * already stored, and the user who has the CA's mail goes on with the button for an
 * application number — STEP2 takes the number, STEP4 asks for the current user PIN
 * (the CA holds no admin PIN for an application naming no token), and STEP5 is reached.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { storeThroughApi } from './support/store-through-api.js';

const currentStep = (page: Page) => page.locator('.step-bar [aria-current="step"]');
const next = (page: Page) => page.getByRole('button', { name: /次へ/ });

test('already stored at STEP1: the application-number button goes on to store the renewal', async ({ page, startApp }) => {
  const app = await startApp();
  await storeThroughApi(app, 'Tarou123');
  const renewal = await app.ca.addApplication({ kind: 'renewal' });

  await page.goto(app.url);
  await next(page).click();
  await expect(page.getByText('TD-CERT-ALREADY-STORED')).toBeVisible();
  await expect(currentStep(page)).toContainText('eToken認証');
  const withNumber = page.getByRole('button', { name: '申請書番号を入力して格納する（更新・再発行）' });
  await withNumber.click();

  await expect(currentStep(page)).toContainText('ユーザー確認');
  await expect(withNumber).toHaveCount(0);
  await page.getByLabel('申請書番号', { exact: true }).fill(renewal.applicationNo);
  await page.keyboard.press('Enter');

  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
  await page.getByLabel('電子証明書格納用PIN', { exact: true }).fill(renewal.storagePin);
  await page.keyboard.press('Enter');

  await expect(currentStep(page)).toContainText('ユーザーPIN設定');
  await expect(page.locator('[data-field="user-name"]')).toHaveText(`${renewal.userId} Souken Tarou`);
  await page.getByLabel('ユーザーPIN', { exact: true }).fill('Renew456');
  await page.getByLabel('確認入力', { exact: true }).fill('Renew456');
  await next(page).click();
  // No admin PIN from the CA for this application: the token's current user PIN is asked (the new one typed again).
  await page.getByLabel('現在のユーザーPIN', { exact: true }).fill('Tarou123');
  await page.getByLabel('ユーザーPIN', { exact: true }).fill('Renew456');
  await page.getByLabel('確認入力', { exact: true }).fill('Renew456');
  await next(page).click();

  await expect(page.getByText('eTokenに電子証明書を格納する処理が完了しました。')).toBeVisible({ timeout: 60_000 });
  expect(await app.ca.status(renewal.applicationNo)).toMatchObject({ state: 'stored' });
});

test('already stored at STEP1 in English: the button reads in English', async ({ page, startApp }) => {
  const app = await startApp({ language: 'en' });
  await storeThroughApi(app, 'Tarou123');
  await page.goto(app.url);
  await page.getByRole('button', { name: /Next/ }).click();
  await expect(page.getByText('TD-CERT-ALREADY-STORED')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enter an application number (renewal or reissue)' })).toBeVisible();
});
