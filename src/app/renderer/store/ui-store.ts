import { create } from 'zustand';
import type { Language } from '../../../core/messages/index.js';
import { LANGUAGE_KEY, startScreen, storedLanguage, type Screen } from '../first-frame/start-state.js';

export { SCREENS, screenFromHash, type Screen } from '../first-frame/start-state.js';

interface UiState {
  language: Language;
  screen: Screen;
  setLanguage(language: Language): void;
  setScreen(screen: Screen): void;
}

export const useUi = create<UiState>((set) => ({
  language: storedLanguage(),
  screen: startScreen(),
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
