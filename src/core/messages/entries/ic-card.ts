import { entry, type MessageEntry } from '../message-entry.js';

/**
 * Pension e-bidding manual §6.2 エラーコード表, the codes a card reader on this PC can cause, in the
 * manual's words (メッセージ / 発生原因 / 対応策; a remedy shared by a range, e.g.
 * 【01006～01007】, is repeated on each code). Codes about the e-bidding web system's
 * own sessions and screens (00005, 10048, 20001, 30001–30005, 40001–49999) are not
 * errors TokenDesk can show and are left out.
 */

const REMEDY_01001_01004 = [
  '認証局から配布されているクライアントモジュールが正しくインストールされていることを確認し、問題がない場合はIC カード購入元へお問い合わせ下さい。',
  'Check that the client module distributed by the CA is installed correctly; if it is, contact the vendor of the IC card.',
] as const;
const REMEDY_01006_01007 = [
  'IC カードの有効期限外の場合に表示されます。有効期限の範囲内にもかかわらず表示される場合は IC カードの購入元へお問い合わせ下さい。',
  'Shown when the IC card is outside its validity period. If it is shown although the card is within its validity period, contact the vendor of the IC card (and check the PC clock).',
] as const;
const REMEDY_03001_03002 = [
  'IC カードリーダが使用可能な状態でない可能性があります。設定を確認し、解決しない場合は IC カード購入元へお問い合わせ下さい。',
  'The IC card reader may not be ready for use. Check its setup; if that does not help, contact the vendor of the IC card.',
] as const;
const REMEDY_30007_30008 = [
  'ICカードを確認し、間違えている場合は正しいICカードで再ログイン',
  'Check the IC card; if it is the wrong one, log in again with the correct IC card.',
] as const;

export const IC_CARD_ENTRIES: readonly MessageEntry[] = [
  entry('01001', 'error', ['使用不可能なアルゴリズムが要求されました。', 'An unusable algorithm was requested.'], ['暗号化部品で使用不可能なアルゴリズムが要求された', 'The cryptographic component was asked for an algorithm it cannot use.'], REMEDY_01001_01004, '001 §6.2'),
  entry('01002', 'error', ['使用不可能なプロバイダが要求されました。', 'An unusable provider was requested.'], ['暗号化部品で指定されたプロバイダで使用不可能なアルゴリズムが要求された', 'The provider named to the cryptographic component cannot use the requested algorithm.'], REMEDY_01001_01004, '001 §6.2'),
  entry('01003', 'error', ['無効な符号化、長さの誤り、未初期化など鍵が無効です。', 'The key is invalid (bad encoding, wrong length, not initialised, …).'], ['暗号化部品で無効な鍵が使用された', 'An invalid key was used by the cryptographic component.'], REMEDY_01001_01004, '001 §6.2'),
  entry('01004', 'error', ['鍵仕様が正しくありません。', 'The key specification is not correct.'], ['無効な鍵仕様が指定された', 'An invalid key specification was given.'], REMEDY_01001_01004, '001 §6.2'),
  entry('01006', 'error', ['証明書の有効期限が切れています。', 'The certificate has expired.'], ['証明書期限切れのため、署名検証に失敗', 'Signature verification failed because the certificate has expired.'], REMEDY_01006_01007, '001 §6.2'),
  entry('01007', 'error', ['証明書がまだ有効になっていません。', 'The certificate is not valid yet.'], ['証明書がまだ有効になっていないため、署名検証に失敗', 'Signature verification failed because the certificate is not valid yet.'], REMEDY_01006_01007, '001 §6.2'),
  entry(
    '01014',
    'error',
    ['証明書失効リストに証明書が登録されています。', 'The certificate is listed in the certificate revocation list.'],
    ['証明書失効リストに証明書が登録されていた', 'The certificate was found in the CRL.'],
    ['証明書が失効リストに登録されています。IC カード購入元へお問い合わせ下さい。', 'The certificate is on the revocation list. Contact the vendor of the IC card.'],
    '001 §6.2',
  ),
  entry('03001', 'error', ['デバイスが使用できません。', 'The device cannot be used.'], ['セキュリティ関連の処理でデバイスで例外が発生し、証明書を取得できなかった', 'The device failed during a security operation and the certificate could not be read.'], REMEDY_03001_03002, '001 §6.2'),
  entry('03002', 'error', ['ログインに失敗しました。', 'Login failed.'], ['PIN 入力ミス 別の IC カードを使用 閉塞した IC カードを使用', 'A wrong PIN, another IC card, or a blocked IC card was used.'], REMEDY_03001_03002, '001 §6.2'),
  entry(
    '10002',
    'error',
    ['暗号部品インスタンスの取得に失敗しました。', 'Could not obtain an instance of the cryptographic component.'],
    ['暗号部品のインスタンスの取得に失敗', 'Getting an instance of the cryptographic component (the card\'s PKCS#11 module) failed.'],
    REMEDY_01001_01004,
    '001 §6.2',
  ),
  entry('10025', 'error', ['PIN が未入力です。', 'No PIN was entered.'], ['PIN が未入力', 'The PIN field is empty.'], ['PIN を入力して下さい', 'Enter the PIN.'], '001 §6.2'),
  entry(
    '19999',
    'error',
    ['実行エラーが発生しました。[[（詳細コード: {rawCode}）]]', 'An execution error occurred.[[ (detail code: {rawCode})]]'],
    ['想定外のエラー発生', 'An unexpected error occurred.'],
    ['ヘルプデスクへお問い合わせください。', 'Contact the helpdesk, quoting the detail code. "tokendesk diagnose" produces a report you can attach.'],
    '001 §6.2',
  ),
  entry(
    '30006',
    'error',
    ['ICカードが失効しています。有効なICカードであるか確認してください。', 'The IC card has been revoked. Check that it is a valid IC card.'],
    ['証明書が失効していたために証明書検証に失敗し、ログインに失敗', 'Certificate verification failed because the certificate is revoked, so login failed.'],
    ['ICカードを確認し、間違えている場合は正しいICカードで再ログイン。正しい場合はヘルプデスクへお問い合わせください。', 'Check the IC card; if it is the wrong one, log in again with the correct card. If it is the right one, contact the helpdesk.'],
    '001 §6.2',
  ),
  entry(
    '30007',
    'error',
    ['ICカードの有効期間が過ぎています。有効なICカードであるか確認してください。', 'The IC card\'s validity period has passed. Check that it is a valid IC card.'],
    ['証明書の有効期間が過ぎいたために証明書検証に失敗し、ログインに失敗', 'Certificate verification failed because the validity period has passed, so login failed.'],
    REMEDY_30007_30008,
    '001 §6.2',
  ),
  entry(
    '30008',
    'error',
    ['挿入されているICカードは有効期間前です。有効なICカードであるか確認してください。', 'The inserted IC card is not yet within its validity period. Check that it is a valid IC card.'],
    ['証明書使用開始日を過ぎていないために証明書検証に失敗し、ログインに失敗', 'Certificate verification failed because the certificate\'s start date has not come yet, so login failed.'],
    REMEDY_30007_30008,
    '001 §6.2',
  ),
];
