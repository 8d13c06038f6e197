/** The e2e tests' `test`: `startApp()` brings up a TokenDesk (see tokendesk-app.ts) that is torn down after the test. */
import { test as base, type Page, type Request } from '@playwright/test';
import { startTokenDeskApp, type AppOptions, type TokenDeskApp } from './tokendesk-app.js';

/** Each fixture page's requests not answered yet. */
const inFlight = new WeakMap<Page, Set<Request>>();

/**
 * Once connected, the page fetches the screens it has not drawn yet (later-parts.ts):
 * those fetches end before the bridge is closed under them, or they fail (console errors).
 * The app says when they have ended (`<html data-later-parts>`, connect-stores.ts); a quiet
 * network alone had been read too early under load, between a reload and its connection.
 */
async function requestsSettled(page: Page): Promise<void> {
  if (!page.isClosed() && page.url().startsWith('http://127.0.0.1')) {
    await page.waitForFunction(() => document.documentElement.dataset.laterParts !== undefined, undefined, { timeout: 10_000 }).catch(() => undefined);
  }
  const pending = inFlight.get(page);
  for (let quiet = 0, waited = 0; pending && quiet < 2 && waited < 10_000; waited += 100) {
    quiet = pending.size === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const test = base.extend<{ startApp: (options?: AppOptions) => Promise<TokenDeskApp> }>({
  // Depends on the page, so the page outlives the apps it talked to.
  startApp: async ({ page }, use) => {
    const started: TokenDeskApp[] = [];
    await use(async (options) => {
      const app = await startTokenDeskApp(options);
      started.push(app);
      return app;
    });
    if (started.length > 0) await requestsSettled(page);
    for (const app of started.reverse()) await app.close();
  },
  page: async ({ page }, use) => {
    // Any script error or CSP refusal on a screen fails the test that caused it.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    const pending = new Set<Request>();
    inFlight.set(page, pending);
    page.on('request', (request) => pending.add(request));
    page.on('requestfinished', (request) => pending.delete(request));
    page.on('requestfailed', (request) => pending.delete(request));
    await use(page);
    base.expect(problems, 'the page logged no error').toEqual([]);
  },
});

export { expect } from '@playwright/test';
