/**
 * At a terminal, before the user PIN is asked for: when the token to be read is on its
 * final try, say so and let the user choose whether to use it — rather than have them
 * type the PIN only to hear it was not tried (found by trying `tokendesk info`). Scripts
 * (--pins-from-stdin, no terminal) choose with --confirm-final-try, as before, and
 * nothing extra is loaded for them.
 */
import { formatUserError, messageFor, phraseFor, type Language } from '../core/messages/index.js';
import { openModule } from '../core/pkcs11/index.js';
import type { SecretInput } from './secret-input.js';

/** use: the run may spend the final try; declined: do not ask for the PIN; unasked: nothing to choose. */
export type FinalTryChoice = 'use' | 'declined' | 'unasked';

/** `options` as the command parsed them (--serial, --confirm-final-try); the library as the command chose it. */
export async function chooseFinalTryFirst(modulePath: string | undefined, options: { serial?: string; confirmFinalTry?: boolean }, input: SecretInput, lang: Language): Promise<FinalTryChoice> {
  if (options.confirmFinalTry) return 'use';
  if (!input.atTerminal || !(await onFinalTry(modulePath, options.serial))) return 'unasked';
  process.stderr.write(`${formatUserError(messageFor('TD-PIN-FINAL-TRY'), lang)}\n`);
  return (await input.confirm(phraseFor('askUseFinalTry')[lang], false)) ? 'use' : 'declined';
}

/** Whether the token the run will read (the one given, or the only one) has one try left; false when that cannot be told here (the run itself reports why). */
async function onFinalTry(modulePath: string | undefined, serial: string | undefined): Promise<boolean> {
  try {
    const module = await openModule(modulePath);
    try {
      // The module's own look-up by serial (findToken), or the one token present.
      const tokens = serial ? [await module.findToken(serial)] : await module.listTokens();
      return tokens.length === 1 && tokens[0]!.pinState === 'finalTry';
    } finally {
      await module.release();
    }
  } catch {
    return false;
  }
}
