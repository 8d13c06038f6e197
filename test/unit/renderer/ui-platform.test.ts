/**
 * The stylesheet's font list per system (issue 20 item 4): each names its system's own
 * faces first, so the first screen's layout looks up no family that system lacks before
 * them — and keeps every face of the list for all, in the same order among that system's
 * own, so each system draws in the face it drew in before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markUiPlatform, uiPlatform, type UiPlatform } from '../../../src/app/renderer/first-frame/ui-platform.js';

const STYLESHEET = readFileSync(join(import.meta.dirname, '../../../src/app/renderer/styles.css'), 'utf8');

/** The families of the `font-family` in the rule for `selector`, unquoted. */
function fontList(selector: string): string[] {
  const escaped = selector.replace(/[[\]'().*+?^$|\\]/g, '\\$&');
  const body = new RegExp(`(?:^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(STYLESHEET)?.[1];
  const list = body && /font-family:\s*([^;]+);/.exec(body)?.[1];
  if (!list) throw new Error(`styles.css has no font-family for ${selector}`);
  return list.split(',').map((family) => family.trim().replace(/^'(.*)'$/, '$1'));
}

/** Each system's own faces, in the order the list for all names them: Latin first, then Japanese. */
const OWN: Record<UiPlatform, string[]> = {
  windows: ['Segoe UI', 'Yu Gothic UI', 'Meiryo UI', 'Meiryo'],
  mac: ['Hiragino Sans'],
  linux: ['Liberation Sans', 'Noto Sans CJK JP', 'IPAPGothic'],
};

describe('the system a window runs on', () => {
  it('is read from navigator.platform as browsers and Electron give it', () => {
    expect(uiPlatform('Win32')).toBe('windows');
    expect(uiPlatform('Win64')).toBe('windows');
    expect(uiPlatform('MacIntel')).toBe('mac');
    expect(uiPlatform('Linux x86_64')).toBe('linux');
    expect(uiPlatform('Linux aarch64')).toBe('linux');
    // None the stylesheet has a list for: the page keeps the list for all.
    expect(uiPlatform('iPhone')).toBeUndefined();
    expect(uiPlatform('FreeBSD amd64')).toBeUndefined();
    expect(uiPlatform('')).toBeUndefined();
  });

  it('marks the root with it, or leaves the root unmarked', () => {
    const root = { dataset: {} as DOMStringMap } as HTMLElement;
    markUiPlatform(root, 'Linux x86_64');
    expect(root.dataset.platform).toBe('linux');
    const unknown = { dataset: {} as DOMStringMap } as HTMLElement;
    markUiPlatform(unknown, 'iPhone');
    expect(unknown.dataset).toEqual({});
  });
});

describe('the font list per system', () => {
  const all = fontList(':root');

  for (const platform of Object.keys(OWN) as UiPlatform[]) {
    it(`for ${platform}: its own faces first, then every other face of the list for all`, () => {
      const list = fontList(`:root[data-platform='${platform}']`);
      expect(list.slice(0, OWN[platform].length)).toEqual(OWN[platform]);
      // Its own faces in the order the list for all has them: the same face is found first.
      expect(all.filter((family) => OWN[platform].includes(family))).toEqual(OWN[platform]);
      expect([...list].sort()).toEqual([...all].sort());
      expect(list.at(-1)).toBe('sans-serif');
    });
  }
});
