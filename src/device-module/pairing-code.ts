/**
 * The short code a prompt in TokenDesk and the asking page both show, so the user
 * can see that the prompt belongs to the page in front of them. No 0/O, 1/I/L.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function pairingCode(): string {
  const pick = () => Array.from({ length: 3 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}
