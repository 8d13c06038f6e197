// The words a PIN field shows while it is typed (pinInputProblem, filled in by the
// catalogue as PinField does), the one-character classes behind them, the check of a
// user PIN typed to be tried on a token, and the token's own password policy. Found
// unguarded by the mutation run (npm run test:mutation).
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../src/core/messages/index.js';
import { checkTokenPinPolicy, checkTypedUserPin, pinInputProblem, type PinCheck } from '../../../src/core/pin/index.js';
import { isAsciiAlphanumeric, isAsciiDigit, isFullWidth, isSpace } from '../../../src/core/pin/characters.js';

/** What PinField shows under the field, in both languages (or undefined: nothing shown). */
function shown(problem: { code: string; params: Parameters<typeof messageFor>[1] } | undefined): { ja: string; en: string } | undefined {
  return problem ? messageFor(problem.code, problem.params).text : undefined;
}

function codeOf(check: PinCheck): string {
  return check.ok ? 'ok' : check.code;
}

describe('one-character classes', () => {
  it('a half-width digit is exactly 0–9', () => {
    expect([...'0123456789'].every(isAsciiDigit)).toBe(true);
    for (const char of ['/', ':', 'a', 'Z', '０', '٣', ' ', '']) expect(isAsciiDigit(char), char).toBe(false);
  });

  it('a half-width alphanumeric is exactly A–Z, a–z, 0–9', () => {
    expect([...'AZaz09Mm5'].every(isAsciiAlphanumeric)).toBe(true);
    for (const char of ['@', '[', '`', '{', '/', ':', '-', 'ａ', 'é', ' ']) expect(isAsciiAlphanumeric(char), char).toBe(false);
  });

  it('full-width is U+FF01–U+FF5E, and a space is any white space', () => {
    for (const char of ['！', '０', 'Ａ', 'ｚ', '～']) expect(isFullWidth(char), char).toBe(true);
    for (const char of ['!', '~', '\uFF00', '\uFF5F', '\u3000', 'あ']) expect(isFullWidth(char), char).toBe(false);
    for (const char of [' ', '\u3000', '\t', '\n']) expect(isSpace(char), JSON.stringify(char)).toBe(true);
    for (const char of ['a', '_', '\u200B']) expect(isSpace(char), JSON.stringify(char)).toBe(false);
  });
});

describe('pinInputProblem in the words the PIN field shows', () => {
  it('an empty field shows nothing yet, whatever the PIN', () => {
    for (const kind of ['storage', 'user', 'userConfirmation', 'card'] as const) expect(pinInputProblem(kind, '')).toBeUndefined();
  });

  it('names the PIN and the positions of full-width characters and spaces', () => {
    expect(shown(pinInputProblem('storage', '12３4５'))).toEqual({
      ja: '電子証明書格納用PINに全角文字が含まれています（3, 5文字目）。',
      en: 'The storage PIN contains full-width characters (position 3, 5).',
    });
    expect(shown(pinInputProblem('userConfirmation', 'ab c'))).toEqual({
      ja: 'ユーザーPIN（確認入力）に空白が含まれています（3文字目）。',
      en: 'The user PIN confirmation contains a space (position 3).',
    });
    expect(shown(pinInputProblem('card', '\u300012'))).toEqual({
      ja: 'PIN番号に空白が含まれています（1文字目）。',
      en: 'The card PIN contains a space (position 1).',
    });
  });

  it('names where a storage PIN holds something other than digits, and how long it became', () => {
    expect(shown(pinInputProblem('storage', '12a4-'))).toEqual({
      ja: '電子証明書格納用PINに数字以外の文字が含まれています（3, 5文字目）。',
      en: 'The storage PIN contains characters other than digits (position 3, 5).',
    });
    expect(shown(pinInputProblem('storage', '12345678901'))).toEqual({
      ja: '電子証明書格納用PINは10桁です（入力は11桁）。',
      en: 'The storage PIN has 10 digits (11 were entered).',
    });
  });

  it('names where a user PIN holds a character it cannot', () => {
    expect(shown(pinInputProblem('user', 'a-b_'))).toEqual({
      ja: 'ユーザーPINに使えない文字が含まれています（2, 4文字目）。',
      en: 'The user PIN contains characters that cannot be used (position 2, 4).',
    });
  });

  it('names where a card PIN holds something other than digits, and its range once too long', () => {
    expect(shown(pinInputProblem('card', 'x12y'))).toEqual({
      ja: 'PIN番号に数字以外の文字が含まれています（1, 4文字目）。',
      en: 'The card PIN contains characters other than digits (position 1, 4).',
    });
    expect(pinInputProblem('card', '1'.repeat(16))).toBeUndefined();
    expect(shown(pinInputProblem('card', '1'.repeat(17)))).toEqual({
      ja: 'PIN番号の桁数が正しくありません（4～16桁、入力は17桁）。',
      en: 'The card PIN has the wrong length (4 to 16 digits; 17 were entered).',
    });
    expect(pinInputProblem('card', '123456', { maxLength: 6 })).toBeUndefined();
    expect(shown(pinInputProblem('card', '1234567', { maxLength: 6 }))?.en).toBe('The card PIN has the wrong length (4 to 6 digits; 7 were entered).');
  });
});

describe('checkTypedUserPin (a user PIN about to be tried on the token)', () => {
  it.each([
    ['', 'TD-PIN-EMPTY'],
    ['ａｂｃｄ', 'TD-PIN-FULLWIDTH'],
    ['ab cd', 'TD-PIN-SPACE'],
  ])('refuses %j, which could never be right (%s), naming the user PIN', (typed, code) => {
    const check = checkTypedUserPin(typed);
    expect(codeOf(check)).toBe(code);
    expect(check.ok ? undefined : messageFor(check.code, check.params).text.en).toMatch(/user PIN/);
  });

  it.each(['Ab12', 'abc', 'abcdefghi', 'ab-c', '12345678'])('leaves %j to the token, which alone knows whether it is right', (typed) => {
    expect(checkTypedUserPin(typed)).toEqual({ ok: true });
  });
});

describe("checkTokenPinPolicy (the token's own password policy)", () => {
  it('refuses a PIN shorter than the minimum, naming both lengths; the minimum itself passes', () => {
    const check = checkTokenPinPolicy('Ab1234', { minLength: 7 });
    expect(check).toEqual({ ok: false, code: 'TD-USER-PIN-POLICY-LENGTH', params: { min: 7, length: 6 } });
    expect(check.ok ? undefined : messageFor(check.code, check.params).text).toEqual({
      ja: 'このUSBトークンのパスワードポリシーでは、ユーザーPINは7桁以上です（入力は6桁）。',
      en: "This token's password policy needs a user PIN of at least 7 characters (6 were entered).",
    });
    expect(checkTokenPinPolicy('Ab12345', { minLength: 7 })).toEqual({ ok: true });
  });

  it('a policy that states no minimum or no mix refuses nothing', () => {
    expect(checkTokenPinPolicy('a', {})).toEqual({ ok: true });
    expect(checkTokenPinPolicy('abcd', { mixChars: false })).toEqual({ ok: true });
    expect(checkTokenPinPolicy('1234', { minLength: 4 })).toEqual({ ok: true });
  });

  it('the mixed-characters rule needs a letter and a digit', () => {
    expect(codeOf(checkTokenPinPolicy('abcdef', { mixChars: true }))).toBe('TD-USER-PIN-POLICY-MIX');
    expect(codeOf(checkTokenPinPolicy('123456', { mixChars: true }))).toBe('TD-USER-PIN-POLICY-MIX');
    expect(checkTokenPinPolicy('abc123', { mixChars: true })).toEqual({ ok: true });
    expect(checkTokenPinPolicy('1Z', { mixChars: true })).toEqual({ ok: true });
  });

  it('checks the length first, then the mix', () => {
    expect(codeOf(checkTokenPinPolicy('abc', { minLength: 6, mixChars: true }))).toBe('TD-USER-PIN-POLICY-LENGTH');
  });
});
