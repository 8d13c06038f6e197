/**
 * The first screen does not wait for TokenDesk (issue 20 item 4): STEP1 is painted
 * before the API's client is even fetched, says it is connecting, and its Next is held
 * back until the connection is there. Here the client's chunk is held at the network
 * until the test lets it through.
 */
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';

test('STEP1 is on screen before TokenDesk answers, and its Next waits for the connection', async ({ page, startApp }) => {
  const app = await startApp();
  let letThrough!: () => void;
  const held = new Promise<void>((resolve) => (letThrough = resolve));
  let asked = false;
  await page.route(/\/assets\/ws-client-[\w-]+\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto(app.url);

  await expect(page.getByRole('heading', { name: '【STEP1】eToken認証', level: 2 })).toBeVisible();
  await expect(page.getByText('コンピューターのUSBポートにeTokenを接続し、<次へ>ボタンをクリックしてください。')).toBeVisible();
  const next = page.getByRole('button', { name: /次へ/ });
  await expect(next).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'TokenDeskに接続しています…' })).toBeVisible();
  // The client is asked for only after that paint, and is held.
  await expect.poll(() => asked).toBe(true);
  await checkScreen(page, '00-storage-step1-connecting');

  letThrough();
  await expect(next).toBeEnabled();
  await expect(page.getByText('TokenDeskに接続しています…')).toHaveCount(0);
  await next.click();
  await expect(page.locator('.step-bar [aria-current="step"]')).toContainText('ユーザー確認');
  await expect(page.locator('[data-field="token-serial"]')).toHaveText(app.tokenSerial);
});
