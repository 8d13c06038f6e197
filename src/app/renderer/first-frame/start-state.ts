/**
 * What a window opens on, read without React: the stored language and the screen the
 * URL's fragment names (#device: the tray's "device information"). The UI store starts
 * from these, and so does the first frame (first-frame/draw-first-frame.ts), which must show the
 * same thing before React is loaded.
 */
import type { Language } from '../../../core/messages/index.js';

export type Screen = 'storage' | 'device' | 'helpdesk' | 'card' | 'settings';
export const SCREENS: readonly Screen[] = ['storage', 'device', 'helpdesk', 'card', 'settings'];

export const LANGUAGE_KEY = 'tokendesk.language';

/** A screen named by the URL's fragment, else none. */
export function screenFromHash(hash: string): Screen | undefined {
  const name = hash.replace(/^#/, '');
  return SCREENS.find((screen) => screen === name);
}

/** The language survives a reload (it is a preference, not a secret); Japanese by default. */
export function storedLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

/** The screen a window opens on: the fragment's, else the storage wizard (its STEP1). */
export function startScreen(): Screen {
  return screenFromHash(globalThis.location?.hash ?? '') ?? 'storage';
}
