import { refuse, type PIN_NAMES, type PinCheck } from './pin-check.js';

/**
 * Character classes the PIN rules share. Japanese keyboards type full-width digits
 * and letters when the IME is on (CA manual §12.1 item 8: 全角文字を入力している), so
 * those are named as such rather than lumped in with "wrong characters".
 */

// The predicates below each take ONE character (a code point, as positionsOf hands
// them out), so their patterns carry no ^…$ anchors: on one character an anchor
// changes nothing, and a pattern whose mutants all change the answer is one the
// tests can guard.

/** U+FF01–U+FF5E are the full-width forms of ASCII ! … ~ (digits ０–９ included). */
const FULL_WIDTH = /[\uFF01-\uFF5E]/;
/** ASCII space, the ideographic (full-width) space U+3000, tabs and other white space. */
const SPACE = /\s/u;
const ASCII_DIGIT = /[0-9]/;
const ASCII_ALPHANUMERIC = /[A-Za-z0-9]/;

/** 1-based positions (by code point) of the characters matching `test`, as `3, 5`; undefined when none. */
export function positionsOf(text: string, test: (char: string) => boolean): string | undefined {
  // One pass by code point, nothing made unless a character fails: every login checks
  // the PIN's form this way three times (test/bench device-info).
  let positions: string | undefined;
  let position = 0;
  for (const char of text) {
    position += 1;
    if (test(char)) positions = positions === undefined ? String(position) : `${positions}, ${position}`;
  }
  return positions;
}

export const isFullWidth = (char: string): boolean => FULL_WIDTH.test(char);
export const isSpace = (char: string): boolean => SPACE.test(char);
/** Half-width 0–9: all a storage PIN or a card PIN may hold. */
export const isAsciiDigit = (char: string): boolean => ASCII_DIGIT.test(char);
/** Half-width A–Z, a–z, 0–9: all a user PIN may hold. */
export const isAsciiAlphanumeric = (char: string): boolean => ASCII_ALPHANUMERIC.test(char);

/** The half-width form of full-width ASCII (`１２３` → `123`), for a UI that offers to fix the input in place. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function codePointLength(text: string): number {
  return Array.from(text).length;
}

/** The checks every PIN shares, in the order a user can act on them: empty, full-width, spaces. */
export function commonChecks(text: string, pin: (typeof PIN_NAMES)[keyof typeof PIN_NAMES], emptyCode = 'TD-PIN-EMPTY'): PinCheck | undefined {
  if (text.length === 0) return refuse(emptyCode, { pin });
  const fullWidth = positionsOf(text, isFullWidth);
  if (fullWidth) return refuse('TD-PIN-FULLWIDTH', { pin, positions: fullWidth });
  const spaces = positionsOf(text, isSpace);
  if (spaces) return refuse('TD-PIN-SPACE', { pin, positions: spaces });
  return undefined;
}
