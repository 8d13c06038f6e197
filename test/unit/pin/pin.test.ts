import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue, messageFor } from '../../../src/core/messages/index.js';
import { pinInputProblem, toHalfWidth, validateCardPin, validateStoragePin, validateUserPin, type PinCheck } from '../../../src/core/pin/index.js';

function codeOf(check: PinCheck): string {
  return check.ok ? 'ok' : check.code;
}

describe('validateStoragePin (10 half-width digits)', () => {
  it.each([
    ['2176169638', 'ok'],
    ['', 'TD-PIN-EMPTY'],
    ['２１７６１６９６３８', 'TD-PIN-FULLWIDTH'],
    ['21761696３8', 'TD-PIN-FULLWIDTH'],
    ['2176 169638', 'TD-PIN-SPACE'],
    ['2176169638\u3000', 'TD-PIN-SPACE'],
    ['21761696a8', 'TD-STORAGE-PIN-NOT-DIGITS'],
    ['217616963', 'TD-STORAGE-PIN-LENGTH'],
    ['21761696381', 'TD-STORAGE-PIN-LENGTH'],
  ])('%j → %s', (pin, code) => {
    expect(codeOf(validateStoragePin(pin))).toBe(code);
  });

  it('names where the full-width digits are, and the wrong length', () => {
    expect(validateStoragePin('21761696３８')).toMatchObject({ params: { positions: '9, 10' } });
    expect(validateStoragePin('123')).toMatchObject({ params: { length: 3 } });
    const check = validateStoragePin('１');
    expect(check.ok).toBe(false);
    expect(messageFor('TD-PIN-FULLWIDTH', check.ok ? {} : check.params).text.ja).toBe('電子証明書格納用PINに全角文字が含まれています（1文字目）。');
  });
});

describe('validateUserPin (4–8 half-width alphanumerics, twice)', () => {
  it.each([
    ['Ab12', 'Ab12', 'ok'],
    ['abcdEFGH', 'abcdEFGH', 'ok'],
    ['', '', 'TD-PIN-EMPTY'],
    ['ａｂｃｄ', 'ａｂｃｄ', 'TD-PIN-FULLWIDTH'],
    ['ab cd', 'ab cd', 'TD-PIN-SPACE'],
    ['ab-cd', 'ab-cd', 'TD-USER-PIN-CHARS'],
    ['あいうえ', 'あいうえ', 'TD-USER-PIN-CHARS'],
    ['abc', 'abc', 'TD-USER-PIN-TOO-SHORT'],
    ['abcdefghi', 'abcdefghi', 'TD-USER-PIN-TOO-LONG'],
    ['abcd', '', 'TD-PIN-EMPTY'],
    ['Abcd', 'abcd', 'TD-USER-PIN-MISMATCH'],
  ])('%j / %j → %s', (first, second, code) => {
    expect(codeOf(validateUserPin(first, second))).toBe(code);
  });

  it('adds the Caps Lock hint when the UI says Caps Lock is on', () => {
    expect(validateUserPin('ABCD', 'ABCD', { capsLockOn: true })).toEqual({ ok: true, hint: 'TD-CAPS-LOCK-ON' });
    expect(validateUserPin('ABCD', 'abcd', { capsLockOn: true })).toMatchObject({ ok: false, code: 'TD-USER-PIN-MISMATCH', hint: 'TD-CAPS-LOCK-ON' });
  });

  it('refuses a 9th character as it is typed, without cutting what was typed', () => {
    expect(pinInputProblem('user', 'abcdefgh')).toBeUndefined();
    expect(pinInputProblem('user', 'Ab12cd345')).toMatchObject({ code: 'TD-USER-PIN-TOO-LONG', params: { length: 9 } });
    expect(messageFor('TD-USER-PIN-TOO-LONG', { length: 9 }).text.ja).toBe('ユーザーPINは8桁までです（入力は9桁）。9桁以上入力しないでください。');
  });
});

describe('validateCardPin (half-width digits)', () => {
  it.each([
    ['1234', 'ok'],
    ['', '10025'],
    ['１２３４', 'TD-PIN-FULLWIDTH'],
    ['12 34', 'TD-PIN-SPACE'],
    ['12a4', 'TD-CARD-PIN-NOT-DIGITS'],
    ['123', 'TD-CARD-PIN-LENGTH'],
  ])('%j → %s', (pin, code) => {
    expect(codeOf(validateCardPin(pin))).toBe(code);
  });

  it('uses the card’s own length range when given', () => {
    expect(codeOf(validateCardPin('123456', { minLength: 4, maxLength: 5 }))).toBe('TD-CARD-PIN-LENGTH');
    expect(codeOf(validateCardPin('12', { minLength: 1, maxLength: 8 }))).toBe('ok');
  });
});

describe('PIN rules — properties', () => {
  const anyText = fc.string({ unit: fc.constantFrom(...'0123456789abcXYZ ０１２ａ\u3000-あ'.split('')), maxLength: 14 });

  it('every refusal is a catalogue code whose text never contains the PIN', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        for (const check of [validateStoragePin(a), validateUserPin(a, b), validateCardPin(a)]) {
          if (check.ok) continue;
          expect(catalogue.has(check.code)).toBe(true);
          const message = messageFor(check.code, check.params);
          const shown = JSON.stringify(message);
          // A short PIN can be a piece of the words themselves (" ca" in "cannot"): only
          // what the entry's own template lacks can have come from the PIN.
          const template = JSON.stringify(messageFor(check.code, {}));
          if (a.length >= 3 && !template.includes(a)) expect(shown).not.toContain(a);
          expect(shown).not.toContain('—');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts exactly the PINs the seeds describe', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        expect(validateStoragePin(a).ok).toBe(/^[0-9]{10}$/.test(a));
        expect(validateUserPin(a, b).ok).toBe(/^[A-Za-z0-9]{4,8}$/.test(a) && a === b);
        expect(validateCardPin(a).ok).toBe(/^[0-9]{4,16}$/.test(a));
      }),
      { numRuns: 3000 },
    );
  });

  it('a full-width PIN, once made half-width, is judged like the half-width one', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'０１２３４５６７８９'.split('')), minLength: 1, maxLength: 12 }), (wide) => {
        expect(codeOf(validateStoragePin(wide))).toBe('TD-PIN-FULLWIDTH');
        expect(validateStoragePin(toHalfWidth(wide)).ok).toBe(toHalfWidth(wide).length === 10);
      }),
    );
  });
});

describe('pinInputProblem (while typing: only what more typing cannot fix)', () => {
  it.each([
    ['user', '', undefined],
    ['user', 'Ab1', undefined],
    ['user', 'Ab12cd34', undefined],
    ['user', 'Ab12cd345', 'TD-USER-PIN-TOO-LONG'],
    ['userConfirmation', 'Ab12cd345', 'TD-USER-PIN-TOO-LONG'],
    ['user', 'ab-c', 'TD-USER-PIN-CHARS'],
    ['user', 'ａｂ', 'TD-PIN-FULLWIDTH'],
    ['user', 'ab c', 'TD-PIN-SPACE'],
    ['storage', '123', undefined],
    ['storage', '1234567890', undefined],
    ['storage', '12345678901', 'TD-STORAGE-PIN-LENGTH'],
    ['storage', '12a', 'TD-STORAGE-PIN-NOT-DIGITS'],
    ['card', '1234', undefined],
    ['card', '12345678901234567', 'TD-CARD-PIN-LENGTH'],
    ['card', '12x', 'TD-CARD-PIN-NOT-DIGITS'],
  ] as const)('%s %j → %s', (kind, typed, code) => {
    expect(pinInputProblem(kind, typed)?.code).toBe(code);
  });

  it('never names a problem for a PIN the full rule accepts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{4,8}$/), (pin) => {
        expect(validateUserPin(pin, pin).ok).toBe(true);
        expect(pinInputProblem('user', pin)).toBeUndefined();
      }),
    );
  });
});

// Found unguarded by the mutation run (npm run test:mutation): exact boundaries and
// the parameters the catalogue's words are filled from.
describe('boundaries and parameters', () => {
  it('a card PIN of exactly the longest length is accepted; one more digit is not', () => {
    expect(codeOf(validateCardPin('1'.repeat(16)))).toBe('ok');
    expect(validateCardPin('1'.repeat(17))).toMatchObject({ ok: false, code: 'TD-CARD-PIN-LENGTH', params: { min: 4, max: 16, length: 17 } });
    expect(codeOf(validateCardPin('12345', { minLength: 4, maxLength: 5 }))).toBe('ok');
  });

  it('a user PIN too long says how long it was', () => {
    expect(validateUserPin('abcdefghi', 'abcdefghi')).toMatchObject({ ok: false, code: 'TD-USER-PIN-TOO-LONG', params: { length: 9 } });
  });

  it('toHalfWidth turns full-width ASCII and the ideographic space into their half-width forms', () => {
    expect(toHalfWidth('２１７６\u3000ＡＢｚ！～')).toBe('2176 ABz!~');
    expect(toHalfWidth('2176 ab')).toBe('2176 ab');
  });
});
