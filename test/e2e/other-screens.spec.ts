/** The IC card and settings screens: reachable by keyboard, labelled, and showing what the core says. */
import { jstEndOf } from '../integration/card/seed-like-certificate.js';
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

test('the IC card screen reads a real card and shows its fields as e-bidding systems do', async ({ page, startApp }) => {
  // A SoftHSM2 token made into an IC card: a digit PIN and a certificate shaped like
  // the seeds', valid for about a year from today (the CA's clock judges it).
  const lastDay = new Date(Date.now() + 400 * 86_400_000 + 9 * 3_600_000); // that day in JST
  const [y, m, d] = [lastDay.getUTCFullYear(), lastDay.getUTCMonth() + 1, lastDay.getUTCDate()];
  const app = await startApp({
    provision: false,
    userPin: '4711',
    card: { serialHex: '02ab', cn: 'Nyusatsu Hanako', company: 'テスト工事業者01', st: '三重県', l: '伊勢市', notBefore: new Date(Date.now() - 30 * 86_400_000), notAfter: jstEndOf(y, m, d) },
  });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'ICカード' }).click();
  await expect(page.getByRole('heading', { name: 'ICカード', level: 2 })).toBeVisible();
  const pin = page.getByLabel('PIN番号', { exact: true });
  await expect(pin).toHaveAttribute('type', 'password');
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  await checkScreen(page, '40-card');
  await pin.fill('4711');
  await page.getByRole('button', { name: '旧ICカードを読み取る' }).click();

  const card = page.locator('[data-result="card-current"]');
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.message')).toHaveCount(0);
  await expect(card.getByRole('heading', { name: '旧ICカード(現在お使いのカード)' })).toBeVisible();
  const row = (label: string) => card.locator('.fact-row', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`, 'u') }) }).locator('dd');
  await expect(row('ICカード企業名称')).toHaveText('テスト工事業者01');
  await expect(row('ICカード取得者氏名')).toHaveText('Nyusatsu Hanako');
  await expect(row('ICカード取得者住所')).toHaveText('三重県 伊勢市');
  await expect(row('証明書シリアル番号')).toHaveText('683 (10進) / 2ab (16進)');
  await expect(row('証明書発行者')).toHaveText('OU=TEST CA,O=TEST CA,C=JP');
  await expect(row('証明書有効期限')).toHaveText(`${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`);
  await expect(pin).toHaveValue(''); // the PIN does not stay in the field
  await expect(page.locator('body')).not.toContainText('4711');
  await checkScreen(page, '41-card-read');
});

test('the IC card screen answers a PIN the card refuses with the catalogue\'s words', async ({ page, startApp }) => {
  const app = await startApp({
    provision: false,
    userPin: '4711',
    card: { serialHex: '02ab', cn: 'Nyusatsu Hanako', company: 'テスト工事業者01', notBefore: new Date(Date.now() - 30 * 86_400_000), notAfter: new Date(Date.now() + 400 * 86_400_000) },
  });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'ICカード' }).click();
  await page.getByLabel('PIN番号', { exact: true }).fill('1234');
  await page.getByRole('button', { name: '旧ICカードを読み取る' }).click();
  const message = page.locator('.message').first();
  await expect(message).toBeVisible({ timeout: 30_000 });
  await expect(message.locator('dt', { hasText: '対処' })).toBeVisible();
  await expect(page.locator('[data-result="card-current"]')).toHaveCount(0);
});
