/**
 * What a portal login signs: never bytes the page chose, but a structure that
 * binds the page's origin (as the browser sent it, not as the page claims), the
 * CA server's nonce and the time. A signature made for one origin is worthless
 * to another, and a page cannot make the token sign a document, a CSR or another
 * site's challenge. The CA verifies: the signature with the certificate's key,
 * `type`, its own origin, a nonce it issued and has not seen used, and the time.
 */
import { InputError } from '../core/messages/index.js';

export const LOGIN_CHALLENGE_TYPE = 'tokendesk-portal-login/1';

export interface LoginChallenge {
  type: typeof LOGIN_CHALLENGE_TYPE;
  origin: string;
  nonce: string;
  /** ISO 8601, UTC, when TokenDesk signed. */
  time: string;
  tokenSerial: string;
}

/** The exact bytes to sign; fails before any prompt when the page names another origin than its own. */
export function loginChallenge(connectionOrigin: string, claimedOrigin: string, nonce: string, now: Date, tokenSerial: string): string {
  if (claimedOrigin !== connectionOrigin) {
    throw new InputError('TD-PORTAL-BAD-CHALLENGE', 'challenge for another origin', {
      reason: { ja: `このページ（${connectionOrigin}）から別の接続元（${claimedOrigin.slice(0, 100)}）向けの署名は作れません。`, en: `A page on ${connectionOrigin} cannot have a challenge for ${claimedOrigin.slice(0, 100)} signed.` },
    });
  }
  const challenge: LoginChallenge = { type: LOGIN_CHALLENGE_TYPE, origin: connectionOrigin, nonce, time: now.toISOString(), tokenSerial };
  // Fixed key order: the CA may compare the text as well as parse it.
  return JSON.stringify(challenge, ['type', 'origin', 'nonce', 'time', 'tokenSerial']);
}
