/** The user PIN's state in words, with the tries left when known: one wording for diagnosis, its report and the CLI. */
import { phraseFor, type Localized, type PhraseKey } from '../messages/index.js';
import type { TokenInfo } from '../pkcs11/index.js';

const STATE_PHRASES: Readonly<Record<TokenInfo['pinState'], PhraseKey>> = {
  ok: 'pinStateOk',
  countLow: 'pinStateCountLow',
  finalTry: 'pinStateFinalTry',
  locked: 'pinStateLocked',
  notInitialized: 'pinStateNotInitialized',
};

/** The state alone, for listings that do not read the tries left. */
export function pinStateWord(state: TokenInfo['pinState']): Localized {
  return phraseFor(STATE_PHRASES[state]);
}

export function pinStateWords(state: TokenInfo['pinState'], tries: { userLeft?: number | undefined; userMax?: number | undefined } = {}): Localized {
  const words = pinStateWord(state);
  const left = tries.userLeft === undefined ? phraseFor('triesUnknown') : phraseFor('triesLeft', { left: tries.userLeft, max: tries.userMax });
  return { ja: `${words.ja}${left.ja}`, en: `${words.en}${left.en}` };
}
