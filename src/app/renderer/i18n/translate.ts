import type { Language, Localized } from '../../../core/messages/index.js';
import { STRINGS, type StringKey } from './strings.js';

/** `{name}` placeholders filled from `params`; a missing one stays visible so a test can catch it. */
export function translate(language: Language, key: StringKey, params: Record<string, string | number> = {}): string {
  return STRINGS[language][key].replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** One language's side of a `{ja, en}` pair from the API (catalogue messages, step titles). */
export function pick(language: Language, localized: Localized): string {
  return localized[language];
}
