import { entry, type MessageEntry } from '../message-entry.js';

/**
 * Token and middleware failures beyond CA manual §12.1 (which already covers absent,
 * several, damaged, locked, empty and no middleware): what PKCS#11 reports during
 * storage, device checks and card reads.
 */
export const TOKEN_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-PIN-FINAL-TRY',
    'warning',
    ['次にPINを間違えるとUSBトークンがロックされます（残り1回）。', 'One more wrong PIN locks the token (1 try left).'],
    ['これまでにPINを続けて間違えたため、残りの入力回数が1回になっています。', 'Earlier wrong PINs have left a single try.'],
    [
      'Caps Lockや全角入力になっていないか確認し、正しいPINであることを確かめてから「続ける」を選んでください（コマンドで --pins-from-stdin を使う場合は --confirm-final-try を付けます）。不明な場合は入力せず認証局へお問い合わせください。',
      'Check Caps Lock and half-width input, and continue only if you are sure of the PIN (at the command line with --pins-from-stdin, add --confirm-final-try); if not, do not try — contact the CA.',
    ],
  ),
  entry(
    'TD-PIN-INCORRECT',
    'error',
    ['ユーザーPINが正しくありません。[[あと{attemptsLeft}回間違えるとUSBトークンがロックされます。]]', 'The user PIN is not correct.[[ {attemptsLeft} more wrong {attemptsLeft|attempt|attempts} will lock the token.]]'],
    [
      '入力したユーザーPINがトークンに設定されたものと一致しません。全角文字の入力、「Caps Lock」や「Num Lock」のオン、大文字・小文字の区別が考えられます。',
      'The PIN typed differs from the one set on the token. Full-width characters, Caps Lock or Num Lock, or upper/lower case may be the reason.',
    ],
    [
      '「Caps Lock」がオフで入力モードが半角英数であることを確認し、大文字・小文字を区別して正しく入力してください。忘れた場合は認証局運用管理者にロック解除とPIN変更を依頼してください。',
      'Make sure Caps Lock is off and the input mode is half-width, then type the PIN with the right case. If you forgot it, ask the CA operator to reset it.',
    ],
  ),
  entry(
    'TD-PIN-EXPIRED',
    'error',
    ['ユーザーPINの有効期限が切れています。', 'The user PIN has expired.'],
    ['トークンの設定により、ユーザーPINの変更が必要になっています。', 'The token requires the user PIN to be changed.'],
    ['SafeNet Authentication Client でユーザーPINを変更してから、もう一度お試しください。', 'Change the user PIN with SafeNet Authentication Client, then try again.'],
  ),
  entry(
    'TD-PIN-REJECTED-BY-TOKEN',
    'error',
    ['トークンがこのPINを受け付けませんでした（桁数または文字の種類）。', 'The token refused this PIN (its length or its characters).'],
    ['PINの桁数または文字がトークンの許す範囲外です。', 'The PIN is shorter or longer than the token allows, or uses characters it does not accept.'],
    ['ユーザーPINは半角英数4～8桁で入力してください。', 'Use 4 to 8 half-width letters and digits.'],
  ),
  entry(
    'TD-TOKEN-REMOVED',
    'error',
    ['処理中にUSBトークンが抜かれました。', 'The USB token was removed during the operation.'],
    ['処理が終わる前にUSBトークンがPCから外れたか、接触が不安定です。', 'The token was unplugged, or lost contact, before the operation finished.'],
    [
      'USBトークンを挿し直し、処理が終わるまで抜かずにもう一度実行してください。格納の途中だった場合も、再実行すれば続きから完了します。',
      'Plug the token back in and run the operation again without removing it. An interrupted storage resumes where it stopped.',
    ],
  ),
  entry(
    'TD-TOKEN-NOT-FOUND',
    'error',
    ['対象のUSBトークン（シリアルナンバー {tokenSerial}）が見つかりません。', 'The USB token with serial number {tokenSerial} is not connected.'],
    ['処理の途中で別のUSBトークンに差し替えられたか、トークンが外されました。', 'The token was swapped for another or removed during the operation.'],
    ['最初に使用したUSBトークンを挿してから、もう一度お試しください。', 'Plug in the token you started with and try again.'],
  ),
  entry(
    'TD-TOKEN-NOT-RECOGNIZED',
    'error',
    ['USBトークンを認識できません。', 'The USB token is not recognised.'],
    ['このトークンはミドルウェアが扱える種類ではないか、初期化されていません。', 'The middleware does not support this token, or the token is not initialised.'],
    ['認証局から届いたUSBトークンか確認し、SafeNet Authentication Client を最新版にしてください。解決しない場合は認証局にお問い合わせください。', 'Check that this is the token the CA sent you and update SafeNet Authentication Client. If it persists, contact the CA.'],
  ),
  entry(
    'TD-TOKEN-NOT-INITIALIZED',
    'error',
    ['USBトークンが初期化されていません。', 'The USB token is not initialised.'],
    ['トークンにユーザーPINが設定されていないか、初期化前の状態です。', 'The token has no user PIN set, or has never been initialised.'],
    ['認証局から届いたUSBトークンか確認し、認証局にお問い合わせください。', 'Check that this is the token the CA sent you, and contact the CA.'],
  ),
  entry(
    'TD-TOKEN-WRITE-PROTECTED',
    'error',
    ['USBトークンが書き込み禁止になっています。', 'The USB token is write-protected.'],
    ['トークンへの書き込みが許可されていません。', 'The token does not allow writing.'],
    ['認証局にお問い合わせください。', 'Contact the CA.'],
  ),
  entry(
    'TD-DEVICE-ERROR',
    'error',
    ['USBトークンとの通信でエラーが発生しました。', 'Communication with the USB token failed.'],
    ['トークンが一時的に応答しないか、接触不良、またはトークンの破損が考えられます。', 'The token did not answer: a loose contact, a temporary fault, or damage.'],
    [
      'USBトークンを別のUSBポートに挿し直してもう一度お試しください。繰り返し発生する場合は「tokendesk diagnose」で診断し、結果を認証局にお送りください。',
      'Plug the token into another USB port and try again. If it keeps happening, run "tokendesk diagnose" and send the report to the CA.',
    ],
  ),
  entry(
    'TD-TOKEN-MEMORY-FULL',
    'error',
    ['USBトークンの空き容量が足りません。', 'The USB token has no free memory left.'],
    ['トークンのメモリに電子証明書と鍵を書き込む空きがありません。', 'There is not enough memory on the token to write the key and certificate.'],
    [
      '古い電子証明書が残っている場合は認証局にご相談ください。TokenDesk は他の認証局の証明書を削除しません。',
      'If old certificates remain on the token, contact the CA. TokenDesk never deletes other issuers\' certificates.',
    ],
  ),
  entry(
    'TD-TOKEN-LEGACY',
    'error',
    ['このUSBトークンは旧USBトークン（1024bit）のため、新しい電子証明書を格納できません。', 'This is a legacy USB token (1024-bit) and cannot hold new certificates.'],
    ['旧USBトークン（1024bit・シリアル番号5桁）は2048bitの鍵を作れません。', 'Legacy tokens (1024-bit, 5-digit serial) cannot generate 2048-bit keys.'],
    ['eToken 5100/5110（2048bit・シリアル番号8桁）をご使用ください。お持ちでない場合は認証局にお問い合わせください。', 'Use an eToken 5100/5110 (2048-bit, 8-digit serial). If you do not have one, contact the CA.'],
  ),
  entry(
    'TD-TOKEN-FUNCTION-UNSUPPORTED',
    'error',
    ['USBトークンがこの操作に対応していません。', 'The USB token does not support this operation.'],
    ['ミドルウェアまたはトークンが必要な機能を持っていません。', 'The middleware or the token lacks a function TokenDesk needs.'],
    ['SafeNet Authentication Client を最新版にしてください。解決しない場合は認証局にお問い合わせください。', 'Update SafeNet Authentication Client. If it persists, contact the CA.'],
  ),
  entry(
    'TD-MECHANISM-UNSUPPORTED',
    'error',
    ['USBトークンが必要な暗号方式（RSA 2048bit / SHA-256）に対応していません。', 'The USB token does not support the required algorithm (RSA 2048-bit / SHA-256).'],
    ['旧USBトークンか、古いミドルウェアが使われています。', 'A legacy token or old middleware is in use.'],
    ['eToken 5100/5110 と最新の SafeNet Authentication Client をご使用ください。', 'Use an eToken 5100/5110 with the latest SafeNet Authentication Client.'],
  ),
  entry(
    'TD-SESSION-CLOSED',
    'error',
    ['USBトークンとの接続が切れました。', 'The connection to the USB token was lost.'],
    ['トークンが抜き差しされたか、他のソフトがトークンを使用しています。', 'The token was re-plugged, or another program is using it.'],
    ['他のソフトを閉じ、USBトークンを挿し直してからもう一度お試しください。', 'Close other programs, plug the token in again and retry.'],
  ),
  entry(
    'TD-NOT-LOGGED-IN',
    'error',
    ['ユーザーPINでのログインが必要です。', 'You need to log in with the user PIN.'],
    ['ログイン状態が解除されました（トークンの抜き差しや時間経過）。', 'The login ended (the token was re-plugged, or time passed).'],
    ['もう一度ユーザーPINを入力してください。', 'Enter the user PIN again.'],
  ),
  entry(
    'TD-ALREADY-LOGGED-IN',
    'error',
    ['USBトークンは別の処理で使用中です。', 'The USB token is in use by another operation.'],
    ['他のソフト（電子入札システムなど）がトークンにログインしています。', 'Another program (e.g. an e-bidding system) is logged in to the token.'],
    ['トークンを使っている他のソフトを閉じてから、もう一度お試しください。', 'Close other programs using the token, then try again.'],
  ),
  entry(
    'TD-KEY-NOT-EXPORTABLE',
    'error',
    ['秘密鍵はUSBトークンの外に取り出せません。', 'The private key cannot be taken out of the USB token.'],
    ['秘密鍵は取り出し不可に設定されています（正しい状態です）。', 'The private key is marked non-extractable (as it should be).'],
    ['操作を中止しました。この状態のままご利用ください。', 'The operation was stopped; nothing needs to change.'],
  ),
  entry(
    'TD-OBJECT-NOT-FOUND',
    'error',
    ['USBトークン内の鍵または電子証明書が見つかりません。', 'A key or certificate on the USB token was not found.'],
    ['処理の途中でトークンの内容が変わったか、トークンが差し替えられました。', 'The token\'s content changed, or the token was swapped, during the operation.'],
    ['USBトークンを挿し直してもう一度お試しください。', 'Plug the token in again and retry.'],
  ),
  entry(
    'TD-MIDDLEWARE-LOAD-FAILED',
    'error',
    ['USBトークンのミドルウェアを読み込めませんでした[[（{path}）]]。', 'The USB token middleware could not be loaded[[ ({path})]].'],
    ['ミドルウェア（PKCS#11モジュール）が壊れているか、PCの種類（32/64bit）と合っていません。', 'The middleware (PKCS#11 module) is damaged or does not match this PC (32/64-bit).'],
    ['SafeNet Authentication Client を入れ直してください。--module でモジュールの場所を指定することもできます。', 'Reinstall SafeNet Authentication Client, or give the module location with --module.'],
  ),
  entry(
    'TD-TOKEN-GENERAL',
    'error',
    ['USBトークンの処理でエラーが発生しました。[[（{rawCode}）]]', 'The USB token reported an error.[[ ({rawCode})]]'],
    ['トークンまたはミドルウェアが想定外のエラーを返しました。', 'The token or its middleware returned an unexpected error.'],
    [
      'USBトークンを挿し直してもう一度お試しください。繰り返す場合は「tokendesk diagnose」の結果を認証局にお送りください。',
      'Plug the token in again and retry. If it repeats, send the output of "tokendesk diagnose" to the CA.',
    ],
  ),
  entry(
    'TD-CANCELLED',
    'info',
    ['操作を取り消しました。', 'The operation was cancelled.'],
    ['取り消しが選ばれました。', 'Cancel was chosen.'],
    ['必要であれば最初からやり直してください。', 'Start again when you are ready.'],
  ),
];
