import { describe, expect, it } from 'vitest';
import { CaError, formatUserError, GENERIC_CODE, InputError, NetworkError, StepTimeoutError, TOKEN_ERROR_CODES, toUserError } from '../../../src/core/messages/index.js';
import { CKR, TokenError, type TokenErrorCode } from '../../../src/core/pkcs11/token-error.js';
import { parseDn, X509Error } from '../../../src/core/x509/index.js';

function nodeError(code: string, cause?: unknown): Error {
  return Object.assign(new Error(`boom ${code}`), { code }, cause === undefined ? {} : { cause });
}

describe('toUserError', () => {
  it.each(Object.keys(TOKEN_ERROR_CODES) as TokenErrorCode[])('maps TokenError %s to its own entry', (code) => {
    const message = toUserError(new TokenError({ code, message: 'module said no', ckr: CKR.GENERAL_ERROR, fn: 'C_Login' }));
    expect(message.code).toBe(TOKEN_ERROR_CODES[code]);
    expect(message.code).not.toBe(GENERIC_CODE);
  });

  it('names the locked token in the seed’s words, and shows the CKR for a general error', () => {
    expect(toUserError(new TokenError({ code: 'pinLocked', message: 'x', ckr: CKR.PIN_LOCKED, fn: 'C_Login' })).text.ja).toBe('USBトークンがロックされています。');
    expect(toUserError(new TokenError({ code: 'generalError', message: 'x', ckr: 0x80000001, fn: 'C_Sign' })).text.en).toBe('The USB token reported an error. (C_Sign: CKR_VENDOR_DEFINED (0x80000001))');
  });

  it('maps CA answers with attempts left and HTTP status', () => {
    expect(toUserError(new CaError({ code: 'storagePinIncorrect', message: 'no', status: 401, attemptsLeft: 3 })).text.en).toBe('The storage PIN is not correct. 3 more wrong attempts will lock it.');
    expect(toUserError(new CaError({ code: 'storagePinIncorrect', message: 'no', status: 401, attemptsLeft: 1 })).text.en).toBe('The storage PIN is not correct. 1 more wrong attempt will lock it.');
    expect(toUserError(new CaError({ code: 'serverError', message: 'no', status: 503 })).text.ja).toBe('認証局のサーバーでエラーが発生しました。（HTTP 503）');
    expect(toUserError(new CaError({ code: 'pendingApproval', message: 'wait', status: 202, retryAfterSeconds: 90 })).text.ja).toBe('電子証明書は発行手続き中です。約2分後にもう一度お試しください。');
  });

  it('says how long a timed storage-PIN lock lasts, as the CA answered (423 + Retry-After), and what else to do', () => {
    const timed = toUserError(new CaError({ code: 'storagePinLocked', message: 'locked', status: 423, retryAfterSeconds: 1800 }));
    expect(timed.text.ja).toBe('電子証明書格納用PINの入力ミスが制限回数を超えたため、このPINは30分間使えなくなりました。');
    expect(timed.text.en).toBe('The storage PIN was entered wrongly too many times and cannot be used for the next 30 minutes.');
    expect(timed.remedy.en).toBe("Contact the CA operator, quoting your application number, for a new storage PIN, or check the PIN in the CA's mail and try again in 30 minutes.");
    // A CA that locks until its operator acts sends no Retry-After.
    const untilOperator = toUserError(new CaError({ code: 'storagePinLocked', message: 'locked', status: 423 }));
    expect(untilOperator.text.ja).toBe('電子証明書格納用PINの入力ミスが制限回数を超えたため、このPINは使えなくなりました。');
    expect(untilOperator.remedy.ja).toBe('申請書番号を添えて認証局運用管理者に新しい電子証明書格納用PINの発行をお問い合わせください。');
  });

  it.each([
    ['ECONNREFUSED', 'TD-NET-REFUSED'],
    ['ETIMEDOUT', 'TD-NET-TIMEOUT'],
    ['ENOTFOUND', 'TD-NET-DNS'],
    ['ECONNRESET', 'TD-NET-RESET'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TD-TLS-UNTRUSTED'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'TD-TLS-UNTRUSTED'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TD-TLS-UNTRUSTED'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TD-TLS-HOSTNAME'],
    ['CERT_HAS_EXPIRED', 'TD-TLS-CERT-EXPIRED'],
  ])('maps Node error %s, also when wrapped by fetch, to %s', (code, expected) => {
    expect(toUserError(nodeError(code)).code).toBe(expected);
    expect(toUserError(new TypeError('fetch failed', { cause: nodeError(code) })).code).toBe(expected);
    expect(toUserError(new NetworkError({ code: 'refused', message: 'x', cause: nodeError(code) })).code).toBe('TD-NET-REFUSED');
  });

  it('maps input refusals, step timeouts and X.509 failures', () => {
    expect(toUserError(new InputError({ code: 'TD-STORAGE-PIN-LENGTH', message: 'x', params: { length: 9 } })).text.ja).toBe('電子証明書格納用PINは10桁です（入力は9桁）。');
    expect(toUserError(new StepTimeoutError({ step: 3, minutes: 5 })).code).toBe('TD-STEP-TIMEOUT');
    let subjectError: unknown;
    try {
      parseDn('C=Japan');
    } catch (error) {
      subjectError = error;
    }
    expect(toUserError(subjectError).text.ja).toBe('--subject の指定が正しくありません（C は大文字2文字 C）。');
    expect(toUserError(new X509Error({ code: 'notPkcs7', message: 'x' })).code).toBe('TD-CA-ANSWER-UNREADABLE');
  });

  it('gives anything else the generic entry with its raw code, and no stack or message text', () => {
    const weird = Object.assign(new Error('secret detail 2176169638\n    at somewhere (file.ts:1:1)'), { code: 'ERR_WEIRD_THING' });
    const message = toUserError(weird);
    expect(message.code).toBe(GENERIC_CODE);
    expect(message.rawCode).toBe('ERR_WEIRD_THING');
    const shown = JSON.stringify(message) + formatUserError(message, 'ja') + formatUserError(message, 'en');
    expect(shown).not.toContain('secret detail');
    expect(shown).not.toContain('2176169638');
    expect(shown).not.toMatch(/\bat .*:\d+:\d+/);
    expect(toUserError('a string').rawCode).toBe('string');
    expect(toUserError(undefined).rawCode).toBe('undefined');
    expect(toUserError(new RangeError('x')).rawCode).toBe('RangeError');
    expect(toUserError(Object.assign(new Error('x'), { code: '<script>alert(1)</script>' })).rawCode).toBe('scriptalert(1)script');
  });
});

describe('formatUserError', () => {
  it('prints text, cause and remedy in the chosen language', () => {
    const message = toUserError(new TokenError({ code: 'tokenAbsent', message: 'x' }));
    expect(formatUserError(message, 'ja')).toBe(
      [
        'エラー [TD-TOKEN-ABSENT]：USBトークンが装着されていません。PCにUSBトークンが装着されていません。USBトークンを装着してください。',
        '原因：PCにUSBトークンが挿さっていないか、認識されていません。',
        '対処：パソコンにUSBトークンを挿してください。',
      ].join('\n'),
    );
    expect(formatUserError(message, 'en').split('\n')).toEqual([
      'Error [TD-TOKEN-ABSENT]: No USB token is connected. Connect your USB token to the PC.',
      'Cause: No USB token is plugged in, or the PC does not recognise it.',
      'What to do: Plug the USB token into the PC and try again.',
    ]);
  });
});
