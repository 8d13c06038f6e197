import { describe, expect, it } from 'vitest';
import { catalogue, GENERIC_CODE, messageFor, TOKEN_ERROR_CODES, CA_ERROR_CODES, NETWORK_ERROR_CODES, X509_ERROR_CODES } from '../../../src/core/messages/index.js';

describe('the catalogue', () => {
  it('gives every entry a non-empty text, cause and remedy in Japanese and English', () => {
    expect(catalogue.size).toBeGreaterThan(80);
    for (const entry of catalogue.values()) {
      for (const field of [entry.text, entry.cause, entry.remedy]) {
        expect(field.ja.trim(), `${entry.code} ja`).not.toBe('');
        expect(field.en.trim(), `${entry.code} en`).not.toBe('');
        // English text is English: no Japanese sentence left untranslated (quoted names allowed).
        expect(field.en.replace(/["「『【][^"」』】]*["」』】]/g, ''), `${entry.code} en`).not.toMatch(/[\u3040-\u30ff]{4}/);
      }
      expect(['error', 'warning', 'info']).toContain(entry.severity);
    }
  });

  it('uses the same placeholders in both languages', () => {
    // {name|one|other} (an English count's word) names the same value as {name}.
    const names = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]))].sort();
    for (const entry of catalogue.values()) {
      for (const field of [entry.text, entry.cause, entry.remedy]) {
        expect(names(field.en), entry.code).toEqual(names(field.ja));
      }
    }
  });

  it('maps every TokenErrorCode, CA answer, network failure and X.509 failure to a real, non-generic entry', () => {
    for (const table of [TOKEN_ERROR_CODES, CA_ERROR_CODES, NETWORK_ERROR_CODES, X509_ERROR_CODES]) {
      for (const [from, code] of Object.entries(table)) {
        expect(catalogue.has(code), `${from} → ${code}`).toBe(true);
        expect(code, from).not.toBe(GENERIC_CODE);
      }
    }
  });
});

/** Copied from the seeds (000 §12.1, 001 §6.2, 000 §7.4 ⑧, 002 §1.2, 003): the product must say exactly this. */
describe('the seeds’ own wording', () => {
  it.each([
    ['TD-TOKEN-ABSENT', 'USBトークンが装着されていません。PCにUSBトークンが装着されていません。USBトークンを装着してください。'],
    ['TD-TOKEN-SEVERAL', '複数のUSBトークンが装着されています。PCに複数のUSBトークンが装着されています。対象となるUSBトークンのみ装着してください。'],
    ['TD-TOKEN-LOCKED', 'USBトークンがロックされています。'],
    ['TD-REVOCATION-PENDING', '失効申請中です。'],
    ['TD-NO-OFFICE', '支社・局、事務所が見つかりません。'],
    ['TD-NO-ORGANIZATION', '組織情報が存在しません。認証局運用管理者にお問い合わせください。'],
    ['01006', '証明書の有効期限が切れています。'],
    ['01007', '証明書がまだ有効になっていません。'],
    ['01014', '証明書失効リストに証明書が登録されています。'],
    ['03001', 'デバイスが使用できません。'],
    ['03002', 'ログインに失敗しました。'],
    ['10025', 'PIN が未入力です。'],
    ['30006', 'ICカードが失効しています。有効なICカードであるか確認してください。'],
    ['30007', 'ICカードの有効期間が過ぎています。有効なICカードであるか確認してください。'],
    ['30008', '挿入されているICカードは有効期間前です。有効なICカードであるか確認してください。'],
    ['TD-STORE-DONE', 'eTokenに電子証明書を格納する処理が完了しました。'],
    ['TD-CARD-BUSY', 'ただいま ICカードにアクセス中です。しばらくお待ち下さい。'],
  ])('%s says %j', (code, ja) => {
    expect(catalogue.get(code)!.text.ja).toBe(ja);
  });

  it('keeps the seeds’ causes and remedies too', () => {
    expect(catalogue.get('TD-TOKEN-ABSENT')!.remedy.ja).toBe('パソコンにUSBトークンを挿してください。');
    expect(catalogue.get('TD-TOKEN-LOCKED')!.cause.ja).toBe('制限回数以上のパスワード入力ミスにより、セキュリティの関係でUSBトークンがロックされてしまいました。');
    expect(catalogue.get('TD-TOKEN-LOCKED')!.remedy.ja).toContain('※ロックまたは忘失の場合は、電子証明書を失効する必要はありません。');
    expect(catalogue.get('TD-TOKEN-DAMAGED')!.text.ja).toContain('USBトークンのハードウェア部分が破損している、あるいは電子証明書を格納するためのメモリ領域を認識出来ない状況です。');
    expect(catalogue.get('TD-USER-AUTH')!.text.ja).toContain('・「Caps Lock」や「Num Lock」がオンになっている');
    expect(catalogue.get('03002')!.cause.ja).toBe('PIN 入力ミス 別の IC カードを使用 閉塞した IC カードを使用');
    expect(catalogue.get('30006')!.remedy.ja).toBe('ICカードを確認し、間違えている場合は正しいICカードで再ログイン。正しい場合はヘルプデスクへお問い合わせください。');
    expect(catalogue.get('TD-CARD-EXPIRED-NEW-REGISTRATION')!.remedy.ja).toBe('※現在使用しているICカードが有効期限を過ぎている場合は、新規登録処理を行ってください。');
    expect(catalogue.get('TD-USER-PIN-TOO-LONG')!.text.ja).toContain('9桁以上入力しないでください。');
  });

  it('numbers 000 §12.1 items 1–16, each once', () => {
    const items = [...catalogue.values()].map((e) => /^000 §12\.1 item (\d+)$/.exec(e.seedRef ?? '')?.[1]).filter(Boolean).map(Number);
    expect(items.sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });
});

describe('messageFor', () => {
  it('fills parameters, in each language, including localized ones', () => {
    const message = messageFor('TD-PIN-FULLWIDTH', { pin: { ja: 'ユーザーPIN', en: 'user PIN' }, positions: '2, 3' });
    expect(message.text).toEqual({ ja: 'ユーザーPINに全角文字が含まれています（2, 3文字目）。', en: 'The user PIN contains full-width characters (position 2, 3).' });
  });

  it('shows an optional segment only when its values are known', () => {
    expect(messageFor('TD-CA-STORAGE-PIN-INCORRECT', { attemptsLeft: 2 }).text.ja).toBe('電子証明書格納用PINが正しくありません。あと2回間違えると、このPINはロックされます。');
    expect(messageFor('TD-CA-STORAGE-PIN-INCORRECT').text.ja).toBe('電子証明書格納用PINが正しくありません。');
    expect(messageFor('TD-CERT-RENEW-SOON', { notAfter: '2028/02/29', daysLeft: 30 }).text.ja).toBe(
      '更新申請のご案内: 電子証明書の有効期限（2028/02/29）まであと30日です。更新申請をしてください。',
    );
  });

  it('gives the generic entry, carrying the raw code, for a code it does not know', () => {
    const message = messageFor('NO-SUCH-CODE');
    expect(message.code).toBe(GENERIC_CODE);
    expect(message.rawCode).toBe('NO-SUCH-CODE');
    expect(message.text.ja).toBe('実行エラーが発生しました。（詳細コード: NO-SUCH-CODE）');
  });
});
