/** `tokendesk pin change` at the terminal. */
import { formatUserError, messageFor } from '../core/messages/index.js';
import { changeUserPin } from '../core/pin-care/index.js';
import { TokenError } from '../core/pkcs11/index.js';
import type { Secret } from '../core/secrets/secret.js';
import { inspectLanguage, withInspectContext } from './info-context.js';
import type { PinCareOptions } from './pin-care-command.js';

export async function runPinChange(options: PinCareOptions): Promise<number> {
  const lang = inspectLanguage(options);
  if (!lang) return 2;
  // No CA is needed: the PIN is the token's alone.
  return withInspectContext({ ...(options.pinsFromStdin ? { pinsFromStdin: true } : {}) }, lang, async ({ readPin, input }) => {
    const pins: Secret[] = [];
    try {
      const currentPin = await readPin('現在のユーザーPIN / current user PIN: ');
      pins.push(currentPin);
      const newPin = await readPin('新しいユーザーPIN / new user PIN: ');
      pins.push(newPin);
      const confirmation = await readPin('新しいユーザーPIN（確認） / new user PIN again: ');
      pins.push(confirmation);
      const request = { ...(options.module ? { modulePath: options.module } : {}), ...(options.serial ? { serial: options.serial } : {}), currentPin, newPin, confirmation };
      let changed;
      try {
        changed = await changeUserPin({ ...request, confirmFinalTry: options.confirmFinalTry === true });
      } catch (error) {
        if (!(error instanceof TokenError && error.code === 'pinFinalTry') || options.confirmFinalTry) throw error;
        // Nothing was spent: ask, at a terminal only; a script must have said so in advance.
        process.stderr.write(`${formatUserError(messageFor('TD-PIN-FINAL-TRY'), lang)}\n`);
        if (!(await input.confirm('  続けますか / Use the last try? [y/N] ', false))) return 1;
        changed = await changeUserPin({ ...request, confirmFinalTry: true });
      }
      const done = lang === 'ja' ? 'ユーザーPINを変更しました。' : 'The user PIN was changed.';
      process.stdout.write(options.json ? `${JSON.stringify({ changed: true, ...changed }, null, 2)}\n` : `${done} (${changed.serial})\n`);
      return 0;
    } finally {
      for (const pin of pins) pin.wipe();
    }
  });
}
