/**
 * What a portal login signs (the device module's `signChallenge`, issue 14): never
 * bytes a page chose, but this structure, which binds the page's origin, the CA's
 * nonce, the time and the token. TokenDesk writes it with the keys in this order; the
 * CA parses it back with `parseLoginChallenge` and checks each field. Pure code: the
 * device module (which signs) and the CA (which verifies) both import it.
 */
export const LOGIN_CHALLENGE_TYPE = 'tokendesk-portal-login/1';

/** The key order of the signed JSON text. */
export const LOGIN_CHALLENGE_KEYS = ['type', 'origin', 'nonce', 'time', 'tokenSerial'] as const;

/** A server nonce as a CA issues it: base64url, 16 to 128 characters. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export interface LoginChallenge {
  type: typeof LOGIN_CHALLENGE_TYPE;
  origin: string;
  nonce: string;
  /** ISO 8601, UTC, when TokenDesk signed. */
  time: string;
  tokenSerial: string;
}

/** The exact text TokenDesk signs. */
export function serializeLoginChallenge(challenge: LoginChallenge): string {
  return JSON.stringify(challenge, [...LOGIN_CHALLENGE_KEYS]);
}

/**
 * The challenge in `signedData`, or undefined when it is not exactly a challenge as
 * TokenDesk writes it (other keys, another order, another type, a malformed field):
 * what is verified must be what was signed, byte for byte.
 */
export function parseLoginChallenge(signedData: string): LoginChallenge | undefined {
  let value: unknown;
  try {
    value = JSON.parse(signedData);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const c = value as Record<string, unknown>;
  if (c.type !== LOGIN_CHALLENGE_TYPE) return undefined;
  for (const key of ['origin', 'nonce', 'time', 'tokenSerial'] as const) if (typeof c[key] !== 'string') return undefined;
  const challenge = c as unknown as LoginChallenge;
  if (!NONCE_PATTERN.test(challenge.nonce) || Number.isNaN(Date.parse(challenge.time))) return undefined;
  if (serializeLoginChallenge(challenge) !== signedData) return undefined;
  return challenge;
}
