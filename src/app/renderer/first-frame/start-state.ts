/**
 * What a window opens on, read without React: the language the page was served in and the
 * screen the URL's fragment names (#device: the tray's "device information"). The UI store
 * starts from these, and so does the first frame (first-frame/draw-first-frame.ts), which
 * must show the same thing before React is loaded.
 */
import type { Language } from '../../../core/messages/index.js';

export type Screen = 'storage' | 'device' | 'helpdesk' | 'card' | 'settings';
export const SCREENS: readonly Screen[] = ['storage', 'device', 'helpdesk', 'card', 'settings'];

/** A screen named by the URL's fragment, else none. */
export function screenFromHash(hash: string): Screen | undefined {
  const name = hash.replace(/^#/, '');
  return SCREENS.find((screen) => screen === name);
}

/**
 * The settings' language, which Electron's protocol handler and the bridge name in the
 * served page's `<html lang>` (src/app/main/page-language.ts): read without any storage
 * request before the first frame. Japanese for anything else (Vite's dev server serves
 * the page as written).
 */
export function servedLanguage(): Language {
  return globalThis.document?.documentElement.lang === 'en' ? 'en' : 'ja';
}

/** The screen a window opens on: the fragment's, else the storage wizard (its STEP1). */
export function startScreen(): Screen {
  return screenFromHash(globalThis.location?.hash ?? '') ?? 'storage';
}
