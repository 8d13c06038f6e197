/** The pairing code: two groups of three letters from the 31 that cannot be confused, every letter possible in every place. */
import { expect, it } from 'vitest';
import { pairingCode } from '../../../src/device-module/pairing-code.js';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

it('is XXX-XXX from the 31 unambiguous letters, each of them reached in each of the six places', () => {
  const seen = Array.from({ length: 6 }, () => new Set<string>());
  for (let i = 0; i < 3000; i += 1) {
    const code = pairingCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}$/);
    [...code.replace('-', '')].forEach((letter, place) => seen[place]!.add(letter));
  }
  // 3000 draws miss a given letter in a given place with probability (30/31)^3000 ≈ 1e-43.
  for (const letters of seen) expect([...letters].sort().join('')).toBe([...ALPHABET].sort().join(''));
});
