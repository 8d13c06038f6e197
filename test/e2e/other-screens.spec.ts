/** The IC card and settings screens: reachable by keyboard, labelled, and showing what the core says. */
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';

test('the settings screen shows the library and CA in use, and saves a change', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  const settingsTab = page.getByRole('button', { name: '設定' });
  await settingsTab.focus();
  await page.keyboard.press('Enter');
  await expect(settingsTab).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('認証局のURL')).toHaveValue(app.ca.url);
  await expect(page.getByRole('group', { name: 'PKCS#11ライブラリ' })).toContainText(app.modulePath);
  await checkScreen(page, '30-settings');

  // One language switch, the window's; saving the settings keeps the language chosen there.
  await expect(page.getByLabel('表示言語', { exact: true })).toHaveCount(1);
  await page.getByLabel('表示言語', { exact: true }).selectOption('en');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  const saved = await app.bridge.service.getSettings({});
  expect(saved.settings.language).toBe('en');
});

test('the IC card screen asks for the card PIN and answers with the catalogue', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'ICカード' }).click();
  await expect(page.getByRole('heading', { name: 'ICカード', level: 2 })).toBeVisible();
  const pin = page.getByLabel('PIN番号', { exact: true });
  await expect(pin).toHaveAttribute('type', 'password');
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  await checkScreen(page, '40-card');
  await pin.fill('1234');
  await page.getByRole('button', { name: '旧ICカードを読み取る' }).click();
  // Whatever the core answers (a card's details or why it cannot), the screen shows it in words.
  const answer = page.locator('[data-result="card-current"], .message').first();
  await expect(answer).toBeVisible({ timeout: 30_000 });
  if (await answer.evaluate((element) => element.classList.contains('message'))) {
    await expect(answer.locator('dt', { hasText: '対処' })).toBeVisible();
  }
  await checkScreen(page, '41-card-read');
});
