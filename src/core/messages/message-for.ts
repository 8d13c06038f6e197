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

/** `{name}`, or `{name|one|other}`: the word for a count, `one` when the value is 1 (English; Japanese has no plural). */
const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;
const OPTIONAL = /\[\[([\s\S]*?)\]\]/g;

/** A template cut once into text and `{name}` slots; an optional `[[…]]` part keeps the names it needs. */
type Piece = string | { name: string; one?: string; other?: string };
type Part = { pieces: Piece[]; needs?: string[] };

// Every check of a diagnosis run words its finding in both languages: ~40 fills per
// device read, each of which scanned its template with two regular expressions
// (a tenth of a millisecond per read, test/bench device-info). Templates are the
// catalogue's, a fixed set, so each is cut into pieces the first time it is used.
// A template with no placeholder and no [[…]] part is kept as its text: most of a read's
// words are such, and need no filling at all.
const compiled = new Map<string, Part[] | string>();

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(match[2] === undefined ? { name: match[1]! } : { name: match[1]!, one: match[2], other: match[3]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function compile(template: string): Part[] | string {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(OPTIONAL)) {
    if (match.index > last) parts.push({ pieces: pieces(template.slice(last, match.index)) });
    const inner = pieces(match[1]!);
    parts.push({ pieces: inner, needs: inner.flatMap((piece) => (typeof piece === 'string' ? [] : [piece.name])) });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ pieces: pieces(template.slice(last)) });
  const plain = parts.every((part) => !part.needs && part.pieces.every((piece) => typeof piece === 'string'));
  return plain ? template : parts;
}

/** Fills `{name}` and `[[…]]` segments as messageFor does; also used for the short phrases (phrases.ts). */
export function interpolate(template: string, params: MessageParams, language: Language): string {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = compile(template);
    compiled.set(template, parts);
  }
  if (typeof parts === 'string') return parts;
  let text = '';
  for (const part of parts) {
    // A segment in [[…]] shows only when every value in it is known.
    if (part.needs && !part.needs.every((name) => valueOf(params, name, language) !== undefined)) continue;
    // A required value nobody supplied shows as a dash rather than a raw `{name}`.
    for (const piece of part.pieces) text += typeof piece === 'string' ? piece : (filled(params, piece, language) ?? '—');
  }
  return text;
}

function filled(params: MessageParams, piece: Exclude<Piece, string>, language: Language): string | undefined {
  const value = valueOf(params, piece.name, language);
  if (value === undefined || piece.one === undefined) return value;
  return value === '1' ? piece.one : piece.other;
}

// Not a closure made per fill: a device read fills ~40 templates (test/bench device-info).
function valueOf(params: MessageParams, name: string, language: Language): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  return typeof value === 'object' ? value[language] : String(value);
}
