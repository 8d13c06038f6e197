/**
 * Flow A in the browser, end to end: Debian's Chromium → the bridge → the core →
 * a SoftHSM2 token and the reference CA on loopback TLS. Driven by the keyboard
 * alone, as a user without a mouse would.
 */
import type { Locator, Page } from '@playwright/test';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';

const stepHeading = (page: Page) => page.locator('#step-heading');
const currentStep = (page: Page) => page.locator('.step-bar [aria-current="step"]');

/** Tab from wherever focus is until `target` has it (at most 12 presses): what a keyboard user does. */
async function tabTo(target: Locator): Promise<void> {
  for (let i = 0; i < 12; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await target.page().keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const next = (page: Page) => page.getByRole('button', { name: /次へ/ });

test('the whole wizard, STEP1 to STEP5, by keyboard', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);

  await expect(currentStep(page)).toContainText('eToken認証');
  await expect(page.getByText('コンピューターのUSBポートにeTokenを接続し、<次へ>ボタンをクリックしてください。')).toBeVisible();
  // The manual's STEP1 has no 5-minute note; STEP2 onwards do.
  await expect(page.getByText('このSTEPでの作業時間が5分を経過するとSTEP1に戻ります。')).toHaveCount(0);
  await checkScreen(page, '01-storage-step1');
  await tabTo(next(page));
  await page.keyboard.press('Enter');

  await expect(currentStep(page)).toContainText('ユーザー確認');
  await expect(page.locator('[data-field="user-name"]')).toHaveText(`${app.application.userId} Souken Tarou`);
  await expect(page.locator('[data-field="token-serial"]')).toHaveText(app.tokenSerial);
  await expect(stepHeading(page)).toBeFocused();
  await expect(page.getByRole('timer')).toContainText(/^[45]:\d\d/);
  await checkScreen(page, '02-storage-step2');
  await tabTo(next(page));
  await page.keyboard.press('Enter');

  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
  const storagePin = page.getByLabel('電子証明書格納用PIN', { exact: true });
  await expect(storagePin).toBeFocused();
  await expect(storagePin).toHaveAttribute('type', 'password');
  await checkScreen(page, '03-storage-step3');
  await page.keyboard.type(app.application.storagePin);
  await page.keyboard.press('Enter');

  await expect(currentStep(page)).toContainText('ユーザーPIN設定');
  await expect(page.getByText('ユーザーPINは4~8桁の半角文字を設定して下さい。')).toBeVisible();
  // The manual's words around the fields (000 §7.4 ⑦).
  await expect(page.getByText('今後電子証明書を使用する度に入力することになります', { exact: false })).toBeVisible();
  await expect(page.getByText('※9桁以上入力しないでください。')).toBeVisible();
  await expect(page.getByText(/認証局でも調べることはできませんので、忘れないようにしましょう。/)).toBeVisible();
  const userPin = page.getByLabel('ユーザーPIN', { exact: true });
  const confirmation = page.getByLabel('確認入力', { exact: true });
  await expect(userPin).toBeFocused();
  // A 9th character is refused as it is typed, with the catalogue's words — and kept as typed.
  await page.keyboard.type('Tarou1234');
  await expect(userPin).toHaveValue('Tarou1234');
  await expect(page.getByRole('alert')).toContainText('9桁以上入力しないでください');
  await expect(next(page)).toBeDisabled();
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Show / hide: the PIN becomes readable only on request.
  const toggle = page.getByRole('button', { name: 'ユーザーPINを表示する' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(userPin).toHaveAttribute('type', 'text');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(userPin).toHaveAttribute('type', 'password');
  // Caps Lock: Playwright cannot turn the key's state on, so the browser's own keyboard
  // event carries it, as Chromium sends it when the light is on.
  await userPin.dispatchEvent('keydown', { key: 'A', modifierCapsLock: true });
  await expect(page.locator('#caps-lock')).toHaveText(/Caps Lock がオンになっています。/);
  await checkScreen(page, '04-storage-step4');
  await userPin.dispatchEvent('keyup', { key: 'a', modifierCapsLock: false });
  await expect(page.locator('#caps-lock')).toHaveText('');
  await tabTo(confirmation);
  await page.keyboard.type('Tarou123');
  await page.keyboard.press('Enter');

  await expect(currentStep(page)).toContainText('完了', { timeout: 60_000 });
  await expect(page.getByText('eTokenに電子証明書を格納する処理が完了しました。')).toBeVisible();
  await expect(page.locator('[data-field="certificate-serial"]')).toHaveText(/^[0-9A-F]+$/i);
  await checkScreen(page, '06-storage-step5');
  // No PIN is left in the page once the wizard is done.
  const html = await page.content();
  expect(html).not.toContain(app.application.storagePin);
  expect(html).not.toContain('Tarou123');
});

test('the progress screen while the token and the CA work', async ({ page, startApp }) => {
  // The CA holds the issuance until approved, so the busy screen stays while it is checked.
  const app = await startApp({ pendingApproval: true });
  await page.goto(app.url);
  await page.getByRole('button', { name: /次へ/ }).click();
  await page.getByRole('button', { name: /次へ/ }).click();
  await page.getByLabel('電子証明書格納用PIN', { exact: true }).fill(app.application.storagePin);
  await page.getByRole('button', { name: /次へ/ }).click();
  await page.getByLabel('ユーザーPIN', { exact: true }).fill('Tarou123');
  await page.getByLabel('確認入力', { exact: true }).fill('Tarou123');
  await page.getByRole('button', { name: /次へ/ }).click();
  const busy = page.getByRole('status').filter({ hasText: 'ただいまトークンにアクセス中です。しばらくお待ち下さい。' });
  await expect(busy).toBeVisible();
  await expect(busy.getByRole('listitem').filter({ hasText: '認証局の承認を待っています' })).toBeVisible();
  await expect(busy.getByRole('listitem').filter({ hasText: 'トークン内で鍵を生成しています' })).toHaveClass('progress-done');
  await checkScreen(page, '05-storage-working');
  await app.ca.approve(app.application.applicationNo);
  await expect(page.getByText('eTokenに電子証明書を格納する処理が完了しました。')).toBeVisible({ timeout: 60_000 });
});

test('a wrong storage PIN is refused with the catalogue message and the attempts left', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await page.getByRole('button', { name: /次へ/ }).click();
  await page.getByRole('button', { name: /次へ/ }).click();
  const right = app.application.storagePin;
  const wrong = right.slice(0, 9) + String((Number(right[9]) + 1) % 10);
  await page.getByLabel('電子証明書格納用PIN', { exact: true }).fill(wrong);
  await page.getByRole('button', { name: /次へ/ }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('電子証明書格納用PIN');
  await expect(alert.locator('dt', { hasText: '対処' })).toBeVisible();
  await expect(page.getByText(/残り入力回数: \d+回/)).toBeVisible();
  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
  // The field let go of the wrong PIN.
  await expect(page.getByLabel('電子証明書格納用PIN', { exact: true })).toHaveValue('');
  await checkScreen(page, '07-storage-wrong-pin');
});

test('a step left alone for 5 minutes returns to STEP1 and says why', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await page.getByRole('button', { name: /次へ/ }).click();
  await page.getByRole('button', { name: /次へ/ }).click();
  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
  await page.getByLabel('電子証明書格納用PIN', { exact: true }).fill('1234');

  app.clock.advance(5 * 60_000);

  await expect(currentStep(page)).toContainText('eToken認証');
  await expect(page.getByRole('status').filter({ hasText: '作業時間が5分を経過したため、STEP1に戻りました。' })).toBeVisible();
  await expect(page.locator('input.pin-input')).toHaveCount(0);
  await checkScreen(page, '08-storage-timeout');
});

test('a 9-character user PIN in both fields is refused under each, never cut, and 次へ stays disabled', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await next(page).click();
  await next(page).click();
  await page.getByLabel('電子証明書格納用PIN', { exact: true }).fill(app.application.storagePin);
  await next(page).click();
  const userPin = page.getByLabel('ユーザーPIN', { exact: true });
  const confirmation = page.getByLabel('確認入力', { exact: true });
  await userPin.fill('Ab12cd345');
  await confirmation.fill('Ab12cd345');
  await expect(userPin).toHaveValue('Ab12cd345');
  await expect(confirmation).toHaveValue('Ab12cd345');
  await expect(page.locator('#user-pin-problem')).toContainText('8桁までです（入力は9桁）。9桁以上入力しないでください');
  await expect(page.locator('#user-pin-confirm-problem')).toContainText('8桁までです（入力は9桁）。9桁以上入力しないでください');
  await expect(userPin).toHaveAttribute('aria-invalid', 'true');
  await expect(confirmation).toHaveAttribute('aria-invalid', 'true');
  await expect(next(page)).toBeDisabled();
  await confirmation.press('Enter');
  await expect(currentStep(page)).toContainText('ユーザーPIN設定');
  // A symbol is refused the same way, on the storage PIN field too.
  await userPin.fill('Ab12-');
  await expect(page.locator('#user-pin-problem')).toContainText('使えない文字');
});

test('the storage PIN field refuses an 11th digit without cutting it', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await next(page).click();
  await next(page).click();
  const field = page.getByLabel('電子証明書格納用PIN', { exact: true });
  await field.fill(`${app.application.storagePin}1`);
  await expect(field).toHaveValue(`${app.application.storagePin}1`);
  await expect(page.locator('#storage-pin-problem')).toContainText('10桁です（入力は11桁）');
  await expect(next(page)).toBeDisabled();
  await field.press('Enter');
  await expect(currentStep(page)).toContainText('電子証明書格納用PIN入力');
  expect((await app.ca.status(app.application.applicationNo)).pinFailures, 'no try was spent at the CA').toBe(0);
});
