import { create } from 'zustand';
import type { Language } from '../../../core/messages/index.js';

export type Screen = 'storage' | 'device' | 'helpdesk' | 'card' | 'settings';
export const SCREENS: readonly Screen[] = ['storage', 'device', 'helpdesk', 'card', 'settings'];

interface UiState {
  language: Language;
  screen: Screen;
  setLanguage(language: Language): void;
  setScreen(screen: Screen): void;
}

const LANGUAGE_KEY = 'tokendesk.language';

/** A screen named by the URL's fragment (#device: the tray's "device information"), else none. */
export function screenFromHash(hash: string): Screen | undefined {
  const name = hash.replace(/^#/, '');
  return SCREENS.find((screen) => screen === name);
}

/** The language survives a reload (it is a preference, not a secret); Japanese by default. */
function initialLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export const useUi = create<UiState>((set) => ({
  language: initialLanguage(),
  screen: screenFromHash(globalThis.location?.hash ?? '') ?? 'storage',
  setLanguage(language) {
    try {
      globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
    } catch {
      // Storage may be disabled (private mode): the switch still works for this session.
    }
    document.documentElement.lang = language;
    set({ language });
  },
  setScreen: (screen) => set({ screen }),
}));
