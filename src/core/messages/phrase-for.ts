import { PHRASES, type PhraseKey } from './entries/phrases.js';
import type { Localized } from './message-entry.js';
import { interpolate, type MessageParams } from './message-for.js';

/**
 * A short line a person reads that is not an error — a diagnosis check's finding,
 * a PIN state, a CLI label — from the catalogue's phrase list, in both languages.
 * Keeping them here, not in the code that decides, is what lets the CLI, the
 * report and the screens say the same thing in the chosen language.
 */
export function phraseFor(key: PhraseKey, params: MessageParams = {}): Localized {
  const phrase = PHRASES[key];
  return { ja: interpolate(phrase.ja, params, 'ja'), en: interpolate(phrase.en, params, 'en') };
}

export type { PhraseKey };
