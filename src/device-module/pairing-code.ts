/**
 * The short code a prompt in TokenDesk and the asking page both show, so the user
 * can see that the prompt belongs to the page in front of them. No 0/O, 1/I/L.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LETTERS = 6;

/**
 * Six letters from one draw: a uniform number below 31^6 read as six base-31 digits is
 * six uniform, independent letters — the same codes, equally likely, as six draws, at
 * one call into the CSPRNG instead of six (each PIN prompt makes one).
 */
export function pairingCode(): string {
  let draw = randomInt(ALPHABET.length ** LETTERS);
  let code = '';
  for (let i = 0; i < LETTERS; i += 1) {
    if (i === LETTERS / 2) code += '-';
    code += ALPHABET[draw % ALPHABET.length];
    draw = Math.floor(draw / ALPHABET.length);
  }
  return code;
}
