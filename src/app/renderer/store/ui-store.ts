import { create } from 'zustand';
import type { Language } from '../../../core/messages/index.js';
import { servedLanguage, startScreen, type Screen } from '../first-frame/start-state.js';

export { SCREENS, screenFromHash, type Screen } from '../first-frame/start-state.js';

interface UiState {
  language: Language;
  screen: Screen;
  setLanguage(language: Language): void;
  setScreen(screen: Screen): void;
}

export const useUi = create<UiState>((set) => ({
  language: servedLanguage(),
  screen: startScreen(),
  // Kept in the settings once the API answers (api/keep-language.ts), so the next page is served in it.
  setLanguage(language) {
    document.documentElement.lang = language;
    set({ language });
  },
  setScreen: (screen) => set({ screen }),
}));
