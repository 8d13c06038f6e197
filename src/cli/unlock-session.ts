/** `tokendesk unlock` at the terminal: unlock code, new PIN twice; then the diagnosis again. */
import { diagnosisJson, diagnosisText } from '../core/diagnosis/index.js';
import { unlockToken } from '../core/pin-care/index.js';
import type { Secret } from '../core/secrets/secret.js';
import { inspectLanguage, withInspectContext } from './info-context.js';
import type { PinCareOptions } from './pin-care-command.js';

export async function runUnlock(options: PinCareOptions): Promise<number> {
  const lang = inspectLanguage(options);
  if (!lang) return 2;
  return withInspectContext(options, lang, async ({ ca, readPin }) => {
    const secrets: Secret[] = [];
    try {
      const unlockCode = await readPin('ロック解除コード / unlock code: ');
      secrets.push(unlockCode);
      const newPin = await readPin('新しいユーザーPIN / new user PIN: ');
      secrets.push(newPin);
      const confirmation = await readPin('新しいユーザーPIN（確認） / new user PIN again: ');
      secrets.push(confirmation);
      const unlocked = await unlockToken({
        ...(options.module ? { modulePath: options.module } : {}),
        ...(options.serial ? { serial: options.serial } : {}),
        unlockCode,
        newPin,
        confirmation,
        ca,
      });
      if (options.json) {
        process.stdout.write(`{"unlocked":true,"serial":${JSON.stringify(unlocked.serial)},"reported":${String(unlocked.reported)},"diagnosis":${diagnosisJson(unlocked.diagnosis).trim()}}\n`);
      } else {
        process.stdout.write(`${lang === 'ja' ? 'ロックを解除し、新しいユーザーPINを設定しました' : 'Unlocked; the new user PIN is set'} (${unlocked.serial})\n\n${diagnosisText(unlocked.diagnosis, lang)}`);
      }
      return unlocked.diagnosis.verdict === 'healthy' ? 0 : 1;
    } finally {
      for (const secret of secrets) secret.wipe();
    }
  });
}
