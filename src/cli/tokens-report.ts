import stringWidth from 'string-width';
import { pinStateWord } from '../core/diagnosis/pin-state-words.js';
import { inLanguage, phraseFor, type Language } from '../core/messages/index.js';
import { openModule } from '../core/pkcs11/index.js';
import { chosenModulePath } from './chosen-module.js';

const HEADINGS = {
  ja: { serial: 'シリアルナンバー', model: '型式', manufacturer: '製造元', pin: 'ユーザーPIN', label: 'ラベル', legacy: '旧USBトークン（1024ビット鍵のみ）' },
  en: { serial: 'Serial', model: 'Model', manufacturer: 'Manufacturer', pin: 'User PIN', label: 'Label', legacy: 'legacy token (1024-bit keys only)' },
} as const;

export async function listTokensReport(options: { module?: string; json?: boolean; lang?: string }): Promise<string> {
  const lang: Language = options.lang === 'en' ? 'en' : 'ja';
  const module = await openModule(await chosenModulePath(options.module, lang));
  try {
    const tokens = await module.listTokens();
    if (options.json) return `${JSON.stringify(inLanguage(tokens, lang), null, 2)}\n`;
    if (tokens.length === 0) return `${phraseFor('noTokenFound')[lang]}\n`;
    const words = HEADINGS[lang];
    const table = [
      [words.serial, words.model, words.manufacturer, words.pin, words.label],
      ...tokens.map((t) => [t.serial, t.model, t.manufacturer, `${pinStateWord(t.pinState)[lang]}${t.legacy ? `  ${words.legacy}` : ''}`, t.label]),
    ];
    return `${columns(table).join('\n')}\n`;
  } finally {
    await module.release();
  }
}

/**
 * Rows as aligned columns, by the width a terminal draws (string-width): a Japanese
 * heading or label takes two columns a character, so padding by characters
 * (String.padEnd) left the Japanese table's rows out of line with its headings.
 */
function columns(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => stringWidth(row[column] ?? ''))));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : `${cell}${' '.repeat(widths[column]! - stringWidth(cell))}`))
      .join('  ')
      .trimEnd(),
  );
}
