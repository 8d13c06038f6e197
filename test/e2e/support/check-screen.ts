/**
 * What every screen must pass, and what it leaves behind: axe finds no serious or
 * critical violation, and a full-page screenshot is kept under
 * test-results/screenshots/ — with every PIN field painted over, whatever it holds.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { REPO_ROOT } from '../../support/ca-server.js';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

export async function checkScreen(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious, `axe on the ${name} screen`).toEqual([]);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
    mask: [page.locator('input.pin-input')],
    maskColor: '#d5dbe3',
  });
}
