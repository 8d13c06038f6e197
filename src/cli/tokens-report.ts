import { pinStateWord } from '../core/diagnosis/pin-state-words.js';
import { inLanguage, phraseFor, type Language } from '../core/messages/index.js';
import { openModule } from '../core/pkcs11/index.js';
import { chosenModulePath } from './chosen-module.js';

const HEADINGS = {
  ja: { serial: 'シリアルナンバー', model: '型式', manufacturer: '製造元', pin: 'ユーザーPIN', legacy: '旧USBトークン（1024ビット鍵のみ）' },
  en: { serial: 'Serial', model: 'Model', manufacturer: 'Manufacturer', pin: 'User PIN', legacy: 'legacy token (1024-bit keys only)' },
} as const;

export async function listTokensReport(options: { module?: string; json?: boolean; lang?: string }): Promise<string> {
  const lang: Language = options.lang === 'en' ? 'en' : 'ja';
  const module = await openModule(await chosenModulePath(options.module, lang));
  try {
    const tokens = await module.listTokens();
    if (options.json) return `${JSON.stringify(inLanguage(tokens, lang), null, 2)}\n`;
    if (tokens.length === 0) return `${phraseFor('noTokenFound')[lang]}\n`;
    const words = HEADINGS[lang];
    const rows = tokens.map(
      (t) =>
        `${t.serial.padEnd(18)} ${t.model.padEnd(14)} ${t.manufacturer.padEnd(20)} ${pinStateWord(t.pinState)[lang]}${t.legacy ? `  ${words.legacy}` : ''}  ${t.label}`,
    );
    return `${words.serial.padEnd(18)} ${words.model.padEnd(14)} ${words.manufacturer.padEnd(20)} ${words.pin}\n${rows.join('\n')}\n`;
  } finally {
    await module.release();
  }
}
