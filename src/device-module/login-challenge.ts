/**
 * What a portal login signs: never bytes the page chose, but a structure that
 * binds the page's origin (as the browser sent it, not as the page claims), the
 * CA server's nonce and the time. A signature made for one origin is worthless
 * to another, and a page cannot make the token sign a document, a CSR or another
 * site's challenge. The CA verifies: the signature with the certificate's key,
 * `type`, its own origin, a nonce it issued and has not seen used, and the time.
 */
import { X509Certificate, verify as cryptoVerify } from 'node:crypto';
import { InputError } from '../core/messages/index.js';
import { LOGIN_CHALLENGE_TYPE, serializeLoginChallenge, type LoginChallenge } from '../core/portal-challenge/index.js';

// The structure is declared once, in src/core/portal-challenge, which the CA's portal parses too.
export { LOGIN_CHALLENGE_TYPE, type LoginChallenge };

/** The exact bytes to sign; fails before any prompt when the page names another origin than its own. */
export function loginChallenge(connectionOrigin: string, claimedOrigin: string, nonce: string, now: Date, tokenSerial: string): string {
  if (claimedOrigin !== connectionOrigin) {
    throw new InputError({ code: 'TD-PORTAL-BAD-CHALLENGE', message: 'challenge for another origin', params: {
      reason: { ja: `このページ（${connectionOrigin}）から別の接続元（${claimedOrigin.slice(0, 100)}）向けの署名は作れません。`, en: `A page on ${connectionOrigin} cannot have a challenge for ${claimedOrigin.slice(0, 100)} signed.` },
    } });
  }
  return serializeLoginChallenge({ type: LOGIN_CHALLENGE_TYPE, origin: connectionOrigin, nonce, time: now.toISOString(), tokenSerial });
}

export interface LoginCheck {
  /** The CA's own portal origin. */
  origin: string;
  /** The nonce the CA issued for this login (the caller also makes sure it is used once). */
  nonce: string;
  now?: Date;
  /** How far `time` may be from now. Default 5 minutes. */
  maxSkewMs?: number;
}

/**
 * The CA's side of a portal login: the signature over `signedData` exactly as
 * received, with the certificate's key, and every field of the structure. Answers
 * the parsed challenge, or why it is refused. Whether the certificate is one the CA
 * issued, and not revoked, is the CA's own lookup after this.
 */
export function checkLoginSignature(
  answer: { signedData: string; signature: string; certificatePem: string },
  expected: LoginCheck,
): { ok: true; challenge: LoginChallenge } | { ok: false; reason: 'signature' | 'type' | 'origin' | 'nonce' | 'time' | 'malformed' } {
  let certificate: X509Certificate;
  let challenge: LoginChallenge;
  try {
    certificate = new X509Certificate(answer.certificatePem);
    challenge = JSON.parse(answer.signedData) as LoginChallenge;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!cryptoVerify('sha256', Buffer.from(answer.signedData, 'utf8'), certificate.publicKey, Buffer.from(answer.signature, 'base64'))) return { ok: false, reason: 'signature' };
  if (challenge.type !== LOGIN_CHALLENGE_TYPE) return { ok: false, reason: 'type' };
  if (challenge.origin !== expected.origin) return { ok: false, reason: 'origin' };
  if (challenge.nonce !== expected.nonce) return { ok: false, reason: 'nonce' };
  const signedAt = Date.parse(challenge.time);
  const now = (expected.now ?? new Date()).getTime();
  if (!Number.isFinite(signedAt) || Math.abs(now - signedAt) > (expected.maxSkewMs ?? 5 * 60_000)) return { ok: false, reason: 'time' };
  return { ok: true, challenge };
}
