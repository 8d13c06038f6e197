/**
 * The login with the token's administrator (SO) PIN, which the CA keeps and releases for
 * one purpose: setting the user PIN at STEP4 of storage, or unlocking a locked token.
 * The user never types it, so on its final try the words must not be the user PIN's
 * ("check Caps Lock"): they say whose PIN it is, that nothing was spent, and what losing
 * it would cost — in the words of the flow that asked (its storage PIN or unlock code is
 * still valid).
 */
import { TokenError, type TokenSession } from '../pkcs11/index.js';

/** The catalogue entry each flow shows for the SO PIN's final try. */
export type SoFinalTryWords = 'TD-STORE-SO-FINAL-TRY' | 'TD-UNLOCK-SO-FINAL-TRY';

/**
 * The SO login refused on the SO PIN's final try (nothing spent): still a TokenError
 * `pinFinalTry` for programs, shown in its flow's words.
 */
export class SoPinFinalTryError extends TokenError {
  constructor(
    readonly words: SoFinalTryWords,
    fn: string | undefined,
    cause?: TokenError,
  ) {
    super({ code: 'pinFinalTry', message: 'The SO PIN has one try left: confirm before trying', fn, ...(cause ? { cause } : {}) });
  }

  override get catalogueCode(): string {
    return this.words;
  }
}

/** Logs in as SO; on the final try only when the user confirmed, else SoPinFinalTryError in `words`. */
export async function loginAsSo(session: TokenSession, soPin: string, options: { confirmFinalTry: boolean; words: SoFinalTryWords }): Promise<void> {
  try {
    await session.login('so', soPin, { confirmFinalTry: options.confirmFinalTry });
  } catch (error) {
    if (error instanceof TokenError && error.code === 'pinFinalTry') throw new SoPinFinalTryError(options.words, error.fn, error);
    throw error;
  }
}
