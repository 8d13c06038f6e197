/** The two cards side by side, as the e-bidding 電子証明書更新確認 screen shows them (Nagasaki card-update manual). */
import { formatUserError, messageFor, type Language } from '../messages/index.js';
import { CARD_FIELDS, cardValue } from './card-details.js';
import type { CardComparison } from './compare-cards.js';

const HEAD = {
  title: { ja: '電子証明書更新確認', en: 'Certificate update check' },
  old: { ja: '現在使用しているICカード', en: 'Card in use' },
  new: { ja: '新規に使用するICカード', en: 'New card' },
  ok: { ja: 'この内容でICカードの更新を行えます。', en: 'The card update can go ahead with these cards.' },
};

export function comparisonText(comparison: CardComparison, lang: Language = 'ja'): string {
  const rows = CARD_FIELDS.map(({ key, label }) => [label[lang], cardValue(comparison.old, key), cardValue(comparison.new, key)] as const);
  const width = (texts: string[]) => Math.max(...texts.map(displayWidth));
  const w0 = width(rows.map((r) => r[0]));
  const w1 = width([HEAD.old[lang], ...rows.map((r) => r[1])]);
  const pad = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - displayWidth(text)));
  const out = [HEAD.title[lang], '', `${pad('', w0)} | ${pad(HEAD.old[lang], w1)} | ${HEAD.new[lang]}`];
  for (const [label, oldValue, newValue] of rows) {
    const mark = oldValue !== newValue && label === CARD_FIELDS[0]!.label[lang] ? ' ←' : '';
    out.push(`${pad(label, w0)} | ${pad(oldValue, w1)} | ${newValue}${mark}`);
  }
  out.push('');
  if (comparison.refusal) out.push(formatUserError(comparison.refusal, lang), '');
  for (const warning of comparison.warnings) out.push(formatUserError(warning, lang), '');
  // The check to make is the company-name warning's own remedy (Nagasaki card-update manual).
  out.push(comparison.refusal ? '' : messageFor('TD-CARD-COMPANY-DIFFERS').remedy[lang]);
  if (!comparison.refusal && comparison.warnings.length === 0) out.push(HEAD.ok[lang]);
  return `${out.join('\n').trimEnd()}\n`;
}

/** Full-width characters take two columns in a terminal. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}
