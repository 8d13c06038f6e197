import type { Page } from '@playwright/test';

/**
 * Holds the page's requests for a script at the network until the test lets them
 * through. A request the page gave up meanwhile (a reload) is let go quietly.
 */
export async function holdScript(page: Page, url: RegExp): Promise<{ readonly asked: boolean; letThrough(): void }> {
  let letThrough!: () => void;
  const held = new Promise<void>((resolve) => (letThrough = resolve));
  const state = { asked: false, letThrough };
  await page.route(url, async (route) => {
    state.asked = true;
    await held;
    await route.continue().catch(() => undefined);
  });
  return state;
}
