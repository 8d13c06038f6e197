import type { Language } from './message-for.js';

/**
 * A result for --json in one language: every `{ ja, en }` pair (messages, check
 * details, labels) becomes the chosen language's string; codes, numbers and dates
 * stay as they are. So `--lang en --json` carries no Japanese a tool must skip.
 */
export function inLanguage(value: unknown, language: Language): unknown {
  if (Array.isArray(value)) return value.map((item) => inLanguage(item, language));
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const keys = entries.map(([key]) => key).sort();
  if (keys.length === 2 && keys[0] === 'en' && keys[1] === 'ja') return (value as Record<Language, unknown>)[language];
  return Object.fromEntries(entries.map(([key, item]) => [key, inLanguage(item, language)]));
}
