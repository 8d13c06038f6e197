/** The e2e tests' `test`: `startApp()` brings up a TokenDesk (see tokendesk-app.ts) that is torn down after the test. */
import { test as base } from '@playwright/test';
import { startTokenDeskApp, type AppOptions, type TokenDeskApp } from './tokendesk-app.js';

export const test = base.extend<{ startApp: (options?: AppOptions) => Promise<TokenDeskApp> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from this pattern.
  startApp: async ({}, use) => {
    const started: TokenDeskApp[] = [];
    await use(async (options) => {
      const app = await startTokenDeskApp(options);
      started.push(app);
      return app;
    });
    for (const app of started.reverse()) await app.close();
  },
  page: async ({ page }, use) => {
    // Any script error or CSP refusal on a screen fails the test that caused it.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await use(page);
    base.expect(problems, 'the page logged no error').toEqual([]);
  },
});

export { expect } from '@playwright/test';
