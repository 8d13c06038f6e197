/** `tokendesk pin change` at the terminal. */
import { formatUserError, messageFor, phraseFor } from '../core/messages/index.js';
import { changeUserPin } from '../core/pin-care/index.js';
import { TokenError } from '../core/pkcs11/index.js';
import type { Secret } from '../core/secrets/secret.js';
import { chosenModulePath } from './chosen-module.js';
import { withInspectContext } from './inspect-context.js';
import { languageOf, type PinCareOptions } from './options.js';

export async function runPinChange(options: PinCareOptions): Promise<number> {
  const lang = languageOf(options);
  if (!lang) return 2;
  // No CA is needed: the PIN is the token's alone.
  const modulePath = await chosenModulePath(options.module, lang);
  return withInspectContext({ ...(options.pinsFromStdin ? { pinsFromStdin: true } : {}) }, lang, async ({ readPin, input }) => {
    const pins: Secret[] = [];
    try {
      const currentPin = await readPin(phraseFor('askCurrentUserPin')[lang]);
      pins.push(currentPin);
      const newPin = await readPin(phraseFor('askNewUserPin')[lang]);
      pins.push(newPin);
      const confirmation = await readPin(phraseFor('askAgain')[lang]);
      pins.push(confirmation);
      const request = { ...(modulePath ? { modulePath } : {}), ...(options.serial ? { serial: options.serial } : {}), currentPin, newPin, confirmation };
      let changed;
      try {
        changed = await changeUserPin({ ...request, confirmFinalTry: options.confirmFinalTry === true });
      } catch (error) {
        if (!(error instanceof TokenError && error.code === 'pinFinalTry') || options.confirmFinalTry) throw error;
        // Nothing was spent: ask, at a terminal only; a script must have said so in advance.
        process.stderr.write(`${formatUserError(messageFor('TD-PIN-FINAL-TRY'), lang)}\n`);
        if (!(await input.confirm(phraseFor('askUseFinalTry')[lang], false))) return 1;
        changed = await changeUserPin({ ...request, confirmFinalTry: true });
      }
      const done = phraseFor('userPinChanged')[lang];
      process.stdout.write(options.json ? `${JSON.stringify({ changed: true, ...changed }, null, 2)}\n` : `${done} (${changed.serial})\n`);
      return 0;
    } finally {
      for (const pin of pins) pin.wipe();
    }
  });
}
