/**
 * STEP4 on a token the CA does not manage (no admin PIN): the current user PIN is asked,
 * and it is on its final try. The screen asks before using it — a clear question, no
 * command-line flag — Cancel spends nothing and forgets every PIN (back to STEP1);
 * asked again and confirmed, the certificate is stored.
 */
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';

const currentStep = (page: Page) => page.locator('.step-bar [aria-current="step"]');

async function toStep4(page: Page, application: { applicationNo: string; storagePin: string }): Promise<void> {
  await expect(currentStep(page)).toContainText('eToken認証');
  await page.getByRole('button', { name: /次へ/ }).click();
  await expect(currentStep(page)).toContainText('ユーザー確認');
  // The CA did not provision this token (no possession tag): STEP2 asks for the mail's application number.
  await page.getByLabel('申請書番号', { exact: true }).fill(application.applicationNo);
  await page.getByRole('button', { name: /次へ/ }).click();
  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
  await page.getByLabel('電子証明書格納用PIN', { exact: true }).fill(application.storagePin);
  await page.getByRole('button', { name: /次へ/ }).click();
  await expect(currentStep(page)).toContainText('ユーザーPIN設定');
}

async function submitStep4(page: Page, current: string | undefined, next: string): Promise<void> {
  if (current !== undefined) await page.getByRole('textbox', { name: '現在のユーザーPIN' }).fill(current);
  await page.getByLabel('ユーザーPIN', { exact: true }).fill(next);
  await page.getByLabel('確認入力', { exact: true }).fill(next);
  await page.getByRole('button', { name: /次へ/ }).click();
}

test('STEP4: the current PIN on its final try is used only after the user confirms', async ({ page, startApp }) => {
  const app = await startApp({ token: 'sim', maxRetries: 3, provision: false });
  const sim = app.sim!;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const wrong = spawnSync('pkcs11-tool', ['--module', sim.modulePath, '--slot-index', '0', '--login', '--pin', '99999999', '--list-objects'], { env: sim.env, encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
  }
  const flags = () => spawnSync('pkcs11-tool', ['--module', sim.modulePath, '-L'], { env: sim.env, encoding: 'utf8' }).stdout;
  expect(flags()).toContain('final user PIN try');

  await page.goto(app.url);
  await toStep4(page, app.application);
  await submitStep4(page, undefined, 'Tarou123');
  await expect(page.getByRole('textbox', { name: '現在のユーザーPIN' })).toBeVisible({ timeout: 30_000 });
  await submitStep4(page, app.initialUserPin, 'Tarou123');

  const dialog = page.getByRole('alertdialog', { name: '残り1回です' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog).not.toContainText('--');
  await checkScreen(page, '25-step4-final-try');
  await dialog.getByRole('button', { name: 'やめる（入力したPINを消去）' }).click();
  await expect(currentStep(page)).toContainText('eToken認証', { timeout: 30_000 });
  expect(flags()).toContain('final user PIN try');

  await toStep4(page, app.application);
  await submitStep4(page, undefined, 'Tarou123');
  await expect(page.getByRole('textbox', { name: '現在のユーザーPIN' })).toBeVisible({ timeout: 30_000 });
  await submitStep4(page, app.initialUserPin, 'Tarou123');
  await dialog.getByRole('button', { name: 'このPINで続ける' }).click();
  await expect(currentStep(page)).toContainText('完了', { timeout: 60_000 });
  const html = await page.content();
  expect(html).not.toContain(app.initialUserPin);
  expect(html).not.toContain('Tarou123');
});

test('STEP4 on a CA-managed token: the administrator PIN\'s final try is asked in its own words, then used once confirmed', async ({ page, startApp }) => {
  const app = await startApp({ token: 'sim', maxRetries: 3 });
  const sim = app.sim!;
  const tool = (args: string[]) => spawnSync('pkcs11-tool', ['--module', sim.modulePath, ...args], { env: sim.env, encoding: 'utf8' });
  const flags = () => tool(['-L']).stdout;
  // Wrong SO PINs from another tool (as the vendor's would), refused at C_Login.
  for (let attempt = 0; attempt < 2; attempt += 1) expect(tool(['--slot-index', '0', '--login', '--login-type', 'so', '--so-pin', '99999999', '--init-pin', '--new-pin', 'Zz123456']).status).not.toBe(0);
  expect(flags()).toContain('final SO PIN try');

  const toStep4OfProvisioned = async () => {
    await expect(currentStep(page)).toContainText('eToken認証');
    await page.getByRole('button', { name: /次へ/ }).click();
    await expect(currentStep(page)).toContainText('ユーザー確認');
    await page.getByRole('button', { name: /次へ/ }).click();
    await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
    await page.getByLabel('電子証明書格納用PIN', { exact: true }).fill(app.application.storagePin);
    await page.getByRole('button', { name: /次へ/ }).click();
    await expect(currentStep(page)).toContainText('ユーザーPIN設定', { timeout: 30_000 });
  };
  await page.goto(app.url);
  await toStep4OfProvisioned();
  await submitStep4(page, undefined, 'Tarou123');

  const dialog = page.getByRole('alertdialog', { name: '残り1回です' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.locator('#final-try-body')).toHaveAttribute('data-code', 'TD-STORE-SO-FINAL-TRY');
  await expect(dialog).toContainText('管理者PIN（SO PIN）は残り1回です');
  // Not the user PIN's words: the user never typed this PIN.
  await expect(dialog).not.toContainText('Caps Lock');
  await expect(dialog).not.toContainText('--');
  await dialog.getByRole('button', { name: 'やめる（入力したPINを消去）' }).click();
  await expect(currentStep(page)).toContainText('eToken認証', { timeout: 30_000 });
  expect(flags()).toContain('final SO PIN try');

  await toStep4OfProvisioned();
  await submitStep4(page, undefined, 'Tarou123');
  await dialog.getByRole('button', { name: '最後の1回を使ってユーザーPINを設定' }).click();
  await expect(currentStep(page)).toContainText('完了', { timeout: 60_000 });
  expect(flags()).not.toContain('SO PIN');
});
