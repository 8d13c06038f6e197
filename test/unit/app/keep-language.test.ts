/**
 * The window's language kept in the settings (api/keep-language.ts): what is saved when the
 * API answers and after, with an API that records the calls (the real service is behind
 * it in test/integration/service/save-language.test.ts and the e2e specs).
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { TokenDeskApi } from '../../../src/api/index.js';
import type { Language } from '../../../src/core/messages/index.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A page served in `served`, with `stored` in localStorage as an earlier version left it. */
async function page(served: Language, stored?: string) {
  vi.resetModules();
  const storage = new Map(stored === undefined ? [] : [['tokendesk.language', stored]]);
  vi.stubGlobal('document', { documentElement: { lang: served } });
  vi.stubGlobal('localStorage', { getItem: (key: string) => storage.get(key) ?? null, removeItem: (key: string) => storage.delete(key) });
  const saved: Language[] = [];
  const api = { saveLanguage: async ({ language }: { language: Language }) => (saved.push(language), { ok: true }) } as unknown as TokenDeskApi;
  const { useUi } = await import('../../../src/app/renderer/store/ui-store.js');
  const { keepLanguage } = await import('../../../src/app/renderer/api/keep-language.js');
  return { useUi, keep: () => keepLanguage(api, served), saved, storage };
}

it('saves nothing for a window left in the language it was served in, then each switch', async () => {
  const { useUi, keep, saved } = await page('ja');
  keep();
  expect(saved).toEqual([]);
  useUi.getState().setLanguage('en');
  useUi.getState().setLanguage('en');
  useUi.getState().setLanguage('ja');
  expect(saved).toEqual(['en', 'ja']);
});

it('saves a switch made before the API answered', async () => {
  const { useUi, keep, saved } = await page('ja');
  useUi.getState().setLanguage('en');
  keep();
  expect(saved).toEqual(['en']);
});

it("takes over an earlier version's stored choice once, and removes it", async () => {
  const { useUi, keep, saved, storage } = await page('ja', 'en');
  keep();
  expect(useUi.getState().language).toBe('en');
  expect(saved).toEqual(['en']);
  expect(storage.size).toBe(0);
});

it("lets a switch on this page win over an earlier version's choice", async () => {
  const { useUi, keep, saved, storage } = await page('en', 'en');
  useUi.getState().setLanguage('ja');
  keep();
  expect(useUi.getState().language).toBe('ja');
  expect(saved).toEqual(['ja']);
  expect(storage.size).toBe(0);
});
