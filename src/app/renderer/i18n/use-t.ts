import { useCallback } from 'react';
import { useUi } from '../store/ui-store.js';
import type { StringKey } from './strings.js';
import { translate } from './translate.js';

/** The current language's words; screens re-render when the language changes. */
export function useT(): (key: StringKey, params?: Record<string, string | number>) => string {
  const language = useUi((state) => state.language);
  return useCallback((key, params) => translate(language, key, params), [language]);
}
