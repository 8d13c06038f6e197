/** The screens' words: both languages complete, placeholders the same on both sides, filled when given. */
import { describe, expect, it } from 'vitest';
import { STRINGS, type StringKey } from '../../../src/app/renderer/i18n/strings.js';
import { translate } from '../../../src/app/renderer/i18n/translate.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('renderer strings', () => {
  const keys = Object.keys(STRINGS.ja) as StringKey[];

  it('has every Japanese key in English too, none empty', () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(STRINGS.ja[key].trim(), `ja ${key}`).not.toBe('');
      expect(STRINGS.en[key].trim(), `en ${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of keys) expect(placeholders(STRINGS.en[key]), key).toEqual(placeholders(STRINGS.ja[key]));
  });

  it('keeps the original screens’ wording (CA manual §7.4)', () => {
    expect(STRINGS.ja.working).toBe('ただいまトークンにアクセス中です。しばらくお待ち下さい。');
    expect(STRINGS.ja.step1Lead).toBe('コンピューターのUSBポートにeTokenを接続し、<次へ>ボタンをクリックしてください。');
    expect(STRINGS.ja.stepTimeNote).toBe('このSTEPでの作業時間が5分を経過するとSTEP1に戻ります。');
    expect(STRINGS.ja.step4Rule).toBe('ユーザーPINは4~8桁の半角文字を設定して下さい。');
    expect(STRINGS.ja.cardBusy).toBe('ただいま ICカードにアクセス中です。しばらくお待ち下さい。');
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(translate('ja', 'attemptsLeft', { n: 4 })).toBe('残り入力回数: 4回');
    expect(translate('en', 'attemptsLeft', { n: 4 })).toBe('Attempts left: 4');
    expect(translate('en', 'attemptsLeft')).toBe('Attempts left: {n}');
  });
});
