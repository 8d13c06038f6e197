/**
 * issue 12 item 2 in the browser: the page TokenDesk printed (#secret=…) connects,
 * takes the secret out of the address bar, and still connects after a reload;
 * the same page opened without the secret gets no API.
 */
import { expect, test } from './support/fixtures.js';
import { holdScript } from './support/hold-script.js';

test('the printed URL connects, the secret leaves the address bar, a reload still connects', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '【STEP1】eToken認証', level: 2 })).toBeVisible();
  expect(page.url()).toBe(new URL(app.url).origin + '/');
  expect(page.url()).not.toContain(app.bridge.secret);
  await page.reload();
  // STEP1 is drawn before the connection: its Next, enabled, is what says the reload connected.
  await expect(page.getByRole('heading', { name: '【STEP1】eToken認証', level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: /次へ/ })).toBeEnabled();
  await expect(page.getByText('TokenDeskに接続しています…')).toHaveCount(0);
});

test('a reload before the app has loaded still connects: the secret is kept when the page goes, not only once React runs', async ({ page, startApp }) => {
  const app = await startApp();
  // React's chunk held at the network: the first frame has drawn STEP1 and taken the
  // secret out of the address bar, and nothing after it has run when the user reloads.
  const held = await holdScript(page, /\/assets\/main-[\w-]+\.js$/);
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '【STEP1】eToken認証', level: 2 })).toBeVisible();
  expect(page.url()).not.toContain(app.bridge.secret);
  await expect.poll(() => held.asked).toBe(true);
  await page.reload();
  held.letThrough();
  await expect(page.getByRole('button', { name: /次へ/ })).toBeEnabled();
  await expect(page.getByText('TokenDeskに接続しています…')).toHaveCount(0);
});

test('the page without the launch secret gets no API and says what to do', async ({ browser, startApp }) => {
  const app = await startApp();
  // Its own page (not the fixture's): the refused WebSocket is logged as a console error on purpose.
  const stranger = await browser.newPage();
  try {
    await stranger.goto(new URL(app.url).origin + '/');
    await expect(stranger.getByRole('alert')).toContainText('起動時に表示されたURL');
    await expect(stranger.getByRole('heading', { name: '【STEP1】eToken認証', level: 2 })).toHaveCount(0);
  } finally {
    await stranger.close();
  }
});
