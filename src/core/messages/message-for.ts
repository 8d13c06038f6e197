import { catalogue, GENERIC_CODE } from './catalogue.js';
import type { Localized, Severity } from './message-entry.js';

/** A value for a `{name}` placeholder: the same in both languages, or one per language. */
export type MessageParam = string | number | Localized;
export type MessageParams = Readonly<Record<string, MessageParam | undefined>>;

/** What a screen, the CLI or a report shows: one catalogue entry with its parameters filled in. */
export interface UserMessage {
  code: string;
  severity: Severity;
  text: Localized;
  cause: Localized;
  remedy: Localized;
  /** For the generic entry: the code of the failure nobody mapped (e.g. ERR_SOMETHING), for the helpdesk. */
  rawCode?: string;
}

export type Language = keyof Localized;

/**
 * The entry for `code` with `{name}` placeholders filled from `params`. A segment in
 * `[[…]]` is shown only when every placeholder in it has a value (e.g. "attempts
 * left", which not every module reports). An unknown code gives the generic entry
 * carrying that code as `rawCode`.
 */
export function messageFor(code: string, params: MessageParams = {}): UserMessage {
  const found = catalogue.get(code);
  if (!found) return messageFor(GENERIC_CODE, { ...params, rawCode: code });
  const fill = (localized: Localized): Localized => ({ ja: interpolate(localized.ja, params, 'ja'), en: interpolate(localized.en, params, 'en') });
  const message: UserMessage = { code: found.code, severity: found.severity, text: fill(found.text), cause: fill(found.cause), remedy: fill(found.remedy) };
  const rawCode = params.rawCode;
  if (code === GENERIC_CODE && typeof rawCode === 'string') message.rawCode = rawCode;
  return message;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` and `[[…]]` segments as messageFor does; also used for the short phrases (phrases.ts). */
export function interpolate(template: string, params: MessageParams, language: Language): string {
  const valueOf = (name: string): string | undefined => {
    const value = params[name];
    if (value === undefined) return undefined;
    return typeof value === 'object' ? value[language] : String(value);
  };
  const withOptional = template.replace(/\[\[([\s\S]*?)\]\]/g, (_segment, inner: string) => {
    const names = [...inner.matchAll(PLACEHOLDER)].map((match) => match[1]!);
    return names.every((name) => valueOf(name) !== undefined) ? inner : '';
  });
  // A required value nobody supplied shows as a dash rather than a raw `{name}`.
  return withOptional.replace(PLACEHOLDER, (_match, name: string) => valueOf(name) ?? '—');
}
