/** `tokendesk info` at the terminal. */
import { readDeviceInfo, type DeviceInfo } from '../core/device-info/index.js';
import { pinStateWords } from '../core/diagnosis/pin-state-words.js';
import { bytesWords, deviceLines, modelWords } from '../core/diagnosis/index.js';
import { formatUserError, inLanguage, messageFor, phraseFor, type Language, type Localized } from '../core/messages/index.js';
import { chosenModulePath } from './chosen-module.js';
import { chooseFinalTryFirst } from './final-try-first.js';
import { withInspectContext } from './inspect-context.js';
import { languageOf, type InspectOptions } from './options.js';

const LABELS: ReadonlyArray<[keyof DeviceInfo | 'serial' | 'model' | 'pin' | 'memory', Localized]> = [
  ['company', { ja: '会社名', en: 'Company' }],
  ['ownerName', { ja: '所有者名', en: 'Owner' }],
  ['userId', { ja: 'ユーザーID', en: 'User ID' }],
  ['email', { ja: 'メールアドレス', en: 'E-mail' }],
  ['validFrom', { ja: '有効期間（開始）', en: 'Valid from' }],
  ['validTo', { ja: '有効期間（終了）', en: 'Valid to' }],
  ['issuedOn', { ja: '発行日', en: 'Issued on' }],
  ['certificateSerial', { ja: '証明書シリアル番号', en: 'Certificate serial' }],
  ['issuerDn', { ja: '発行者', en: 'Issuer' }],
  ['status', { ja: '状態', en: 'Status' }],
  ['serial', { ja: 'USBトークンシリアルナンバー', en: 'Token serial' }],
  ['model', { ja: '機種・バージョン', en: 'Model, versions' }],
  ['memory', { ja: '空きメモリ', en: 'Free memory' }],
  ['pin', { ja: 'ユーザーPIN', en: 'User PIN' }],
  ['health', { ja: '破損状況', en: 'Damage status' }],
];

export async function runInfo(options: InspectOptions): Promise<number> {
  const lang = languageOf(options);
  if (!lang) return 2;
  return withInspectContext(options, lang, async ({ ca, readPin, input }) => {
    const modulePath = await chosenModulePath(options.module, lang);
    const finalTry = await chooseFinalTryFirst(modulePath, options, input, lang);
    if (finalTry === 'declined') {
      // Flow B shows nothing without the login: said so, no PIN asked for.
      process.stderr.write(`${formatUserError(messageFor('TD-DIAG-PIN-NOT-TRIED'), lang)}\n`);
      return 1;
    }
    const userPin = await readPin(phraseFor('askUserPin')[lang]);
    try {
      const { info, diagnosis } = await readDeviceInfo({
        ...(modulePath ? { modulePath } : {}),
        ...(options.serial ? { serial: options.serial } : {}),
        ...(ca ? { ca } : {}),
        ...(finalTry === 'use' ? { confirmFinalTry: true } : {}),
        userPin,
      });
      if (!info) {
        // Nothing to show without a login: say why (and any notice, e.g. the final try
        // not used without --confirm-final-try), in the catalogue's words.
        for (const message of [diagnosis.message, ...diagnosis.notices]) process.stderr.write(`${formatUserError(message, lang)}\n`);
        if (options.json) process.stdout.write(`${JSON.stringify(inLanguage({ verdict: diagnosis.verdict, message: diagnosis.message, notices: diagnosis.notices }, lang), null, 2)}\n`);
        return 1;
      }
      process.stdout.write(options.json ? `${JSON.stringify(inLanguage(info, lang), null, 2)}\n` : infoText(info, lang));
      return info.health === 'healthy' ? 0 : 1;
    } finally {
      userPin.wipe();
    }
  });
}

function infoText(info: DeviceInfo, lang: Language): string {
  const value = (key: (typeof LABELS)[number][0]): string => {
    switch (key) {
      case 'serial':
        return info.token.serial;
      case 'model':
        return modelWords(info.token, lang);
      case 'memory':
        return bytesWords(info.token.freeMemory, lang) ?? phraseFor('unknown')[lang];
      case 'pin':
        return pinStateWords(info.token.pinState, { userLeft: info.token.userPinLeft, userMax: info.token.userPinMax })[lang];
      case 'status':
        return info.statusMessage.text[lang];
      case 'health':
        return info.healthMessage.text[lang];
      default: {
        const raw = info[key];
        return raw === undefined ? '—' : String(raw);
      }
    }
  };
  const sep = lang === 'ja' ? '：' : ': ';
  const lines = LABELS.map(([key, label]) => `${label[lang]}${sep}${value(key)}`);
  lines.push(...deviceLines(info.token.device, lang).map(([label, text]) => `${label[lang]}${sep}${text}`));
  const notices = info.notices.map((notice) => `\n${formatUserError(notice, lang)}`);
  return `${[...lines, ...notices].join('\n')}\n`;
}
