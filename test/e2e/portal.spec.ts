/**
 * The device module in Debian's Chromium, as a contractor meets it (CA manual §11):
 * a CA portal page on another origin (https, as a CA serves it) asks through the
 * SDK — an https page may open ws://127.0.0.1 — TokenDesk's own page
 * (the bridge, same browser) shows the origin and the pairing code, the user
 * allows, types the user PIN in TokenDesk, and the portal page shows the device
 * information of the stored certificate. Every WebSocket frame the portal page
 * sends or receives is recorded: the PIN is in none of them.
 */
import type { Page } from '@playwright/test';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';
import { startPortalPage, type PortalPage } from './support/portal-page.js';
import { storeThroughApi } from './support/store-through-api.js';

const USER_PIN = 'Tarou123';
let portalSite: PortalPage | undefined;

test.afterEach(async () => {
  await portalSite?.close();
  portalSite = undefined;
});

function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
    socket.on('framesent', (frame) => frames.push(String(frame.payload)));
  });
  return frames;
}

test('a CA page over https reads the device after the user allows it and types the PIN in TokenDesk', async ({ page, browser, startApp }) => {
  const app = await startApp({ portal: true });
  await storeThroughApi(app, USER_PIN);
  const devicePort = app.bridge.deviceModule!.port;
  // The portal as a CA serves it: https (a throwaway certificate this browser context accepts).
  portalSite = await startPortalPage({ https: true });

  await page.goto(app.url);
  const portalContext = await browser.newContext({ ignoreHTTPSErrors: true });
  const portal = await portalContext.newPage();
  const frames = recordFrames(portal);
  await portal.goto(portalSite.url(devicePort));

  // Connected, not yet allowed: the page knows only that TokenDesk is there.
  await portal.getByRole('button', { name: '接続', exact: true }).click();
  await expect(portal.locator('#state')).toHaveText('connected');
  await portal.getByRole('button', { name: 'USBトークン内情報を読み込む' }).click();
  await expect(portal.locator('#error')).toHaveAttribute('data-code', 'not-allowed');
  expect(frames.join('\n')).not.toContain(app.tokenSerial);

  // The page asks; TokenDesk shows the exact origin and the same pairing code.
  await portal.getByRole('button', { name: 'TokenDeskに接続を許可してもらう' }).click();
  await expect(portal.locator('#pairing')).toHaveText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  const code = await portal.locator('#pairing').textContent();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-field="origin"]')).toHaveText(portalSite.origin);
  await expect(dialog.locator('[data-field="pairing-code"]')).toHaveText(code!);
  await checkScreen(page, '40-portal-access-prompt');
  await dialog.getByRole('button', { name: '常に許可' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(portal.locator('#state')).toHaveText('allowed');

  // The PIN is asked in TokenDesk, naming the origin; the page gets the device information.
  await portal.getByRole('button', { name: 'USBトークン内情報を読み込む' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('デバイス情報');
  await expect(dialog.locator('[data-field="origin"]')).toHaveText(portalSite.origin);
  await dialog.getByLabel('ユーザーPIN', { exact: true }).fill(USER_PIN);
  await checkScreen(page, '41-portal-pin-prompt');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(portal.locator('[data-field="ownerName"]')).toHaveText('Souken Tarou', { timeout: 30_000 });
  await expect(portal.locator('[data-field="tokenSerial"]')).toHaveText(app.tokenSerial);
  await expect(portal.locator('[data-field="certificatePem"]')).toContainText('BEGIN CERTIFICATE');

  // Settings lists the grant with its expiry; revoking it takes the open page's access at once.
  await page.getByRole('button', { name: '設定' }).click();
  const grant = page.locator(`tr[data-origin="${portalSite.origin}"]`);
  await expect(grant).toContainText('常に許可');
  await checkScreen(page, '42-settings-portal-grants');
  await grant.getByRole('button', { name: /取り消す/ }).click();
  await expect(grant).toHaveCount(0);
  await expect(portal.locator('#state')).toHaveText('revoked');
  await portal.getByRole('button', { name: 'USBトークン内情報を読み込む' }).click();
  await expect(portal.locator('#error')).toHaveAttribute('data-code', 'not-allowed');

  // Not in any frame the portal page sent or received, nor in its page.
  expect(frames.length).toBeGreaterThan(5);
  expect(frames.join('\n')).not.toContain(USER_PIN);
  expect(await portal.content()).not.toContain(USER_PIN);
  await portalContext.close();
});

test('a denied page cannot ask again within the wait, and a hundred asks raise one prompt', async ({ page, context, startApp }) => {
  const app = await startApp({ portal: true });
  portalSite = await startPortalPage();
  await page.goto(app.url);
  const portal = await context.newPage();
  await portal.goto(portalSite.url(app.bridge.deviceModule!.port));
  await portal.getByRole('button', { name: '接続', exact: true }).click();
  await expect(portal.locator('#state')).toHaveText('connected');

  const asked = portal.evaluate(async () => {
    const sdk = (window as unknown as { tokendeskPortal(): { requestAccess(): Promise<unknown> } }).tokendeskPortal();
    const settled = await Promise.allSettled(Array.from({ length: 100 }, () => sdk.requestAccess()));
    return settled.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code: string }).code : 'granted'));
  });
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  // The dialog shows one prompt at a time: count what waits behind it, too.
  await expect.poll(() => app.bridge.deviceModule!.desk.snapshot().prompts.length).toBe(1);
  await portal.waitForTimeout(300);
  expect(app.bridge.deviceModule!.desk.snapshot().prompts).toHaveLength(1);
  await dialog.getByRole('button', { name: '拒否' }).click();
  // 16 calls wait for the one prompt; the rest hold nothing and were answered busy at once (socket-limits.ts).
  const outcomes = await asked;
  expect(outcomes.filter((code) => code === 'denied')).toHaveLength(16);
  expect(new Set(outcomes)).toEqual(new Set(['denied', 'busy']));

  await portal.getByRole('button', { name: 'TokenDeskに接続を許可してもらう' }).click();
  await expect(portal.locator('#error')).toHaveAttribute('data-code', 'wait');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await portal.close();
});
