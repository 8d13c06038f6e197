/**
 * interpolate cuts each template once (message-for.ts); what it fills must stay what
 * the two regular expressions it replaced filled, for every template in the catalogue
 * and the phrase list, with every value given, none, and each optional one missing.
 */
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src/core/messages/index.js';
import { PHRASES } from '../../../src/core/messages/entries/phrases.js';
import { interpolate, type Language, type MessageParams } from '../../../src/core/messages/message-for.js';

/** The former implementation, kept here as the oracle (with `{name|one|other}`, the word for a count). */
function byRegex(template: string, params: MessageParams, language: Language): string {
  const placeholder = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;
  const valueOf = (name: string): string | undefined => {
    const value = params[name];
    if (value === undefined) return undefined;
    return typeof value === 'object' ? value[language] : String(value);
  };
  const withOptional = template.replace(/\[\[([\s\S]*?)\]\]/g, (_segment, inner: string) => {
    const names = [...inner.matchAll(placeholder)].map((match) => match[1]!);
    return names.every((name) => valueOf(name) !== undefined) ? inner : '';
  });
  return withOptional.replace(placeholder, (_match, name: string, one?: string, other?: string) => {
    const value = valueOf(name);
    if (value === undefined) return '—';
    return one === undefined ? value : value === '1' ? one : other!;
  });
}

const templates = [
  ...[...catalogue.values()].flatMap((entry) => [entry.text, entry.cause, entry.remedy]),
  ...Object.values(PHRASES),
].flatMap((localized) => [localized.ja, localized.en]);

describe('interpolate', () => {
  it('fills every catalogue and phrase template as the regular expressions did', () => {
    let optional = 0;
    for (const template of templates) {
      const names = [...new Set([...template.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((match) => match[1]!))];
      const all: MessageParams = Object.fromEntries(names.map((name, index) => [name, index % 2 ? { ja: `値${index}`, en: `value ${index}` } : index]));
      const cases: MessageParams[] = [{}, all, ...names.map((missing) => Object.fromEntries(Object.entries(all).filter(([name]) => name !== missing)))];
      if (template.includes('[[')) optional += 1;
      for (const params of cases) {
        for (const language of ['ja', 'en'] as const) {
          // Twice: the second fill uses the template as cut the first time.
          expect(interpolate(template, params, language), template).toBe(byRegex(template, params, language));
          expect(interpolate(template, params, language), template).toBe(byRegex(template, params, language));
        }
      }
    }
    expect(templates.length).toBeGreaterThan(300);
    expect(optional).toBeGreaterThan(10);
  });

  it('words a count in the singular for 1 and in the plural otherwise', () => {
    const template = '[[ {n} more wrong {n|attempt|attempts} will lock it.]]';
    expect(interpolate(template, { n: 1 }, 'en')).toBe(' 1 more wrong attempt will lock it.');
    expect(interpolate(template, { n: 2 }, 'en')).toBe(' 2 more wrong attempts will lock it.');
    expect(interpolate(template, { n: 0 }, 'en')).toBe(' 0 more wrong attempts will lock it.');
    expect(interpolate(template, {}, 'en')).toBe('');
  });

  it('drops an optional segment whose value is missing and shows a dash for a missing required one', () => {
    expect(interpolate('a{x}[[ (b {y})]] c', { x: 1 }, 'en')).toBe('a1 c');
    expect(interpolate('a{x}[[ (b {y})]] c', { y: { ja: 'ワイ', en: 'why' } }, 'ja')).toBe('a— (b ワイ) c');
  });
});
