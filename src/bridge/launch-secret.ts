/**
 * The bridge's per-launch secret (as Jupyter's token): anything on 127.0.0.1 can
 * be reached by every local process, and a process can send any Origin and Host,
 * so only a secret proves that a caller is TokenDesk's own page. It is made fresh
 * at each start, carried only in the URL the bridge prints (in the fragment, which
 * a browser never sends to a server), never served with the page, and compared in
 * constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function createLaunchSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant time whatever the caller sends: both sides are hashed to the same
 * length first, so neither the length nor a common prefix of a guess shows in
 * how long the refusal takes.
 */
export function secretMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}
