/** `tokendesk unlock` at the terminal: unlock code, new PIN twice; then the diagnosis again. */
import { diagnosisJson, diagnosisText } from '../core/diagnosis/index.js';
import { formatUserError, InputError, messageFor, phraseFor } from '../core/messages/index.js';
import { unlockToken, type Unlocked } from '../core/pin-care/index.js';
import { TokenError } from '../core/pkcs11/index.js';
import type { Secret } from '../core/secrets/secret.js';
import { chosenModulePath } from './chosen-module.js';
import { withInspectContext } from './inspect-context.js';
import { languageOf, type PinCareOptions } from './options.js';

export async function runUnlock(options: PinCareOptions): Promise<number> {
  const lang = languageOf(options);
  if (!lang) return 2;
  const modulePath = await chosenModulePath(options.module, lang);
  return withInspectContext(options, lang, async ({ ca, readPin, input }) => {
    // Before the code and the PINs are asked for: without a CA they could not be used.
    if (!ca) throw new InputError({ code: 'TD-UNLOCK-NEEDS-CA', message: 'Unlocking needs the CA' });
    const secrets: Secret[] = [];
    try {
      const unlockCode = await readPin(phraseFor('askUnlockCode')[lang]);
      secrets.push(unlockCode);
      const newPin = await readPin(phraseFor('askNewUserPin')[lang]);
      secrets.push(newPin);
      const confirmation = await readPin(phraseFor('askAgain')[lang]);
      secrets.push(confirmation);
      const request = { ...(modulePath ? { modulePath } : {}), ...(options.serial ? { serial: options.serial } : {}), unlockCode, newPin, confirmation, ca };
      let unlocked: Unlocked;
      try {
        unlocked = await unlockToken({ ...request, confirmFinalTry: options.confirmFinalTry === true });
      } catch (error) {
        if (!(error instanceof TokenError && error.code === 'pinFinalTry') || options.confirmFinalTry) throw error;
        // The SO PIN is on its final try: nothing was spent and the code is still usable.
        // Ask, at a terminal only; a script must have said so in advance (--confirm-final-try).
        process.stderr.write(`${formatUserError(messageFor(error.catalogueCode), lang)}\n`);
        if (!(await input.confirm(phraseFor('askUseFinalTry')[lang], false))) return 1;
        unlocked = await unlockToken({ ...request, confirmFinalTry: true });
      }
      if (options.json) {
        process.stdout.write(`{"unlocked":true,"serial":${JSON.stringify(unlocked.serial)},"reported":${String(unlocked.reported)},"diagnosis":${diagnosisJson(unlocked.diagnosis).trim()}}\n`);
      } else {
        process.stdout.write(`${phraseFor('tokenUnlocked')[lang]} (${unlocked.serial})\n\n${diagnosisText(unlocked.diagnosis, lang)}`);
      }
      return unlocked.diagnosis.verdict === 'healthy' ? 0 : 1;
    } finally {
      for (const secret of secrets) secret.wipe();
    }
  });
}
