/**
 * STEP3 when the CA allows one more storage-PIN try (earlier wrong PINs, perhaps before
 * a restart: the screen knows no count). The CA refuses the unconfirmed try unchecked;
 * the screen shows the catalogue's words and asks. Cancel spends nothing and keeps
 * STEP3; asked again and confirmed, the right PIN goes on to STEP4.
 */
import type { Page } from '@playwright/test';
import { caRequest } from '../support/ca-server.js';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';

const currentStep = (page: Page) => page.locator('.step-bar [aria-current="step"]');
const next = (page: Page) => page.getByRole('button', { name: /次へ/ });

test('STEP3: the storage PIN\'s final try is used only after the user confirms', async ({ page, startApp }) => {
  const app = await startApp();
  const no = app.application.applicationNo;
  const wrong = app.application.storagePin === '0000000000' ? '1111111111' : '0000000000';
  for (let i = 0; i < 4; i++) {
    expect((await caRequest(app.ca, 'POST', `/api/v1/applications/${no}/verify-pin`, { auth: { user: no, password: wrong } })).status).toBe(401);
  }

  await page.goto(app.url);
  await expect(currentStep(page)).toContainText('eToken認証');
  await next(page).click();
  await expect(currentStep(page)).toContainText('ユーザー確認');
  await next(page).click();
  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');

  const field = page.getByLabel('電子証明書格納用PIN', { exact: true });
  await field.fill(app.application.storagePin);
  await next(page).click();
  const dialog = page.getByRole('alertdialog', { name: '残り1回です' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText('電子証明書格納用PIN');
  await expect(dialog).not.toContainText('--');
  // The catalogue's words stay on the screen behind the question.
  await expect(page.getByText('電子証明書格納用PINの残り入力回数は1回です。', { exact: false }).first()).toBeVisible();
  await checkScreen(page, '26-step3-final-try');
  await dialog.getByRole('button', { name: 'やめる（入力したPINを消去）' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
  expect(await app.ca.status(no)).toMatchObject({ pinFailures: 4, attemptsLeft: 1 });

  await field.fill(app.application.storagePin);
  await next(page).click();
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'このPINで続ける' }).click();
  await expect(currentStep(page)).toContainText('ユーザーPIN設定', { timeout: 30_000 });
  expect(await page.content()).not.toContain(app.application.storagePin);
});
