/**
 * The first screen does not wait for TokenDesk (issue 20 item 4): STEP1 is painted
 * before the API's client is even fetched, says it is connecting, and its Next is held
 * back until the connection is there. Here the client's chunk is held at the network
 * until the test lets it through.
 */
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';
import { holdScript } from './support/hold-script.js';

test('STEP1 is on screen before TokenDesk answers, and its Next waits for the connection', async ({ page, startApp }) => {
  const app = await startApp();
  const held = await holdScript(page, /\/assets\/ws-client-[\w-]+\.js$/);
  await page.goto(app.url);

  await expect(page.getByRole('heading', { name: '【STEP1】eToken認証', level: 2 })).toBeVisible();
  await expect(page.getByText('コンピューターのUSBポートにeTokenを接続し、<次へ>ボタンをクリックしてください。')).toBeVisible();
  const next = page.getByRole('button', { name: /次へ/ });
  await expect(next).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'TokenDeskに接続しています…' })).toBeVisible();
  // The client is asked for only after that paint, and is held.
  await expect.poll(() => held.asked).toBe(true);
  await checkScreen(page, '00-storage-step1-connecting');

  held.letThrough();
  await expect(next).toBeEnabled();
  await expect(page.getByText('TokenDeskに接続しています…')).toHaveCount(0);
  await next.click();
  await expect(page.locator('.step-bar [aria-current="step"]')).toContainText('ユーザー確認');
  await expect(page.locator('[data-field="token-serial"]')).toHaveText(app.tokenSerial);
});

/**
 * STEP1 is drawn by the build (scripts/prerender-first-screen.ts) and shown before React
 * is loaded; React then takes the drawn nodes over. Were the prerendered markup to differ
 * from what React draws for STEP1, hydration would log a mismatch (a console error: the
 * fixture fails on it) and replace the nodes — so the nodes are tagged before React comes
 * and must all still be the page's after it has connected.
 */
for (const [language, lead, connecting] of [
  ['ja', 'コンピューターのUSBポートにeTokenを接続し、<次へ>ボタンをクリックしてください。', 'TokenDeskに接続しています…'],
  ['en', 'Plug the eToken into a USB port of this computer, then press Next.', 'Connecting to TokenDesk…'],
] as const) {
  test(`STEP1 in ${language} is drawn before React is loaded, and React takes over the very same nodes`, async ({ page, startApp }) => {
    // The settings' language: the bridge serves the page in it, and the first frame reads no storage.
    const app = await startApp({ language });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    // The React app's chunk (main.tsx): held until the drawn screen has been checked.
    const held = await holdScript(page, /\/assets\/main-[\w-]+\.js$/);
    await page.goto(app.url);

    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByText(lead)).toBeVisible();
    // Styled by the stylesheet in the page, which the bridge's CSP header allows by its hash.
    await expect(page.locator('.step-current')).toHaveCSS('background-color', 'rgb(11, 87, 208)');
    await expect(page.locator('.lead')).toHaveCSS('font-weight', '700');
    expect(refused).toEqual([]);
    await expect(page.getByRole('status').filter({ hasText: connecting })).toBeVisible();
    // React is asked for only once that screen is painted, and is held: it is not in the page.
    await expect.poll(() => held.asked).toBe(true);
    const tagged = await page.locator('#root *').evaluateAll((nodes) => {
      for (const node of nodes) (node as HTMLElement).dataset.prerendered = '';
      return nodes.length;
    });
    expect(tagged).toBeGreaterThan(30);

    held.letThrough();
    await expect(page.getByRole('button', { name: language === 'ja' ? /次へ/ : /Next/ })).toBeEnabled();
    await expect(page.getByText(connecting)).toHaveCount(0);
    // Connected: the busy line is gone, everything else is the drawn node, now React's.
    expect(await page.locator('#root *:not([data-prerendered])').count()).toBe(0);
    expect(await page.locator('#root [data-prerendered]').count()).toBe(tagged - 3);
    await expect(page.getByText(lead)).toBeVisible();
    await page.getByRole('button', { name: language === 'ja' ? 'デバイス情報確認' : 'Device information' }).click();
    await expect(page.locator('.nav-button[aria-current="page"]')).toHaveAttribute('data-screen', 'device');
  });
}

/**
 * What the first screen costs the renderer in fonts (issue 20 item 4): on Linux each font
 * family the stylesheet names before the first one installed, and each strike (a face at
 * one size and weight), is a synchronous request to the browser process while STEP1 is
 * laid out. The design keeps STEP1 to five strikes — the current step is marked by its
 * colours and an underline, not by weight, and the subtitle is the step bar's size — and
 * the page names its system's own faces first, which draw the very faces the list for
 * all draws (here, Debian with IPA fonts only: IPAPGothic for every character, none
 * left to the system's fallback search).
 */
test('STEP1 is drawn in five strikes, in the faces the list for all finds, its system\'s own named first', async ({ page, startApp }) => {
  const app = await startApp();
  const held = await holdScript(page, /\/assets\/main-[\w-]+\.js$/);
  await page.goto(app.url);
  await expect.poll(() => held.asked).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('data-platform', 'linux');

  const strikes = await page.locator('#root').evaluate((root) => {
    const seen = new Set<string>();
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      const drawsText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
      if (!drawsText || element.closest('.visually-hidden, option')) continue;
      const style = getComputedStyle(element);
      seen.add(`${style.fontSize} ${style.fontWeight}`);
    }
    return [...seen].sort();
  });
  expect(strikes).toEqual(['12.75px 400', '15px 400', '15px 700', '18.75px 700', '22.5px 700']);
  // The current step is not told by colour alone.
  await expect(page.locator('.step-current')).toHaveCSS('text-decoration-line', 'underline');

  // The faces Chromium drew STEP1's text in, and how many glyphs of each.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const faces = async () => {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '#root *' });
    const glyphs = new Map<string, number>();
    for (const nodeId of nodeIds) {
      for (const font of (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts) glyphs.set(font.familyName, (glyphs.get(font.familyName) ?? 0) + font.glyphCount);
    }
    return Object.fromEntries([...glyphs].sort());
  };
  const own = await faces();
  expect(Object.keys(own)).toEqual(['IPAPGothic']);
  await page.locator('html').evaluate((html) => delete html.dataset.platform);
  await expect(page.locator('html')).not.toHaveAttribute('data-platform');
  expect(await faces()).toEqual(own);
});

test('a window opened on another screen (the tray\'s #device) never shows STEP1: nothing is drawn until React draws that screen', async ({ page, startApp }) => {
  const app = await startApp();
  await page.goto(app.url);
  await expect(page.getByRole('button', { name: /次へ/ })).toBeEnabled();
  // The bridge's printed URL carries the secret in the fragment; this tab keeps it for reloads.
  await page.evaluate(() => (location.hash = 'device'));
  const held = await holdScript(page, /\/assets\/main-[\w-]+\.js$/);
  await page.reload();

  // React is fetched at once (nothing is waited for: no screen is drawn without it) and held.
  await expect.poll(() => held.asked).toBe(true);
  await expect(page.locator('#root')).toBeEmpty();
  await expect(page.getByText('eToken認証')).toHaveCount(0);
  held.letThrough();
  await expect(page.locator('.nav-button[aria-current="page"]')).toHaveAttribute('data-screen', 'device');
  await expect(page.getByRole('heading', { name: 'デバイス情報確認', level: 2 })).toBeVisible();
  await expect(page.locator('.step-form')).toHaveCount(0);
});

test('a task chosen and the language switched on the drawn screen before React is there are not lost', async ({ page, startApp }) => {
  const app = await startApp();
  const held = await holdScript(page, /\/assets\/main-[\w-]+\.js$/);
  await page.goto(app.url);
  await expect.poll(() => held.asked).toBe(true);
  await page.getByLabel('表示言語').selectOption('en');
  await page.getByRole('button', { name: '設定' }).click();

  held.letThrough();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.nav-button[aria-current="page"]')).toHaveAttribute('data-screen', 'settings');
  await expect(page.getByRole('button', { name: 'Store a certificate' })).toBeVisible();
  await expect(page.getByLabel('Language')).toHaveValue('en');
  // Kept in the settings, as a choice made once React is there is: the page is served in it from then on.
  await expect.poll(async () => (await page.request.get(new URL('/', app.url).href)).text()).toContain('<html lang="en">');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Store a certificate' })).toBeVisible();
  // Nothing of it in the browser's storage: the settings are the one place the language is kept.
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});
