import { entry, type MessageEntry } from '../message-entry.js';

/**
 * Diagnosis and card-compare outcomes that are not failures of one operation: the
 * healthy verdict, and what the card-update check says when the cards cannot be
 * compared. Failures themselves use the source manuals' entries (CA manual §12.1, Pension e-bidding manual §6.2).
 */
export const DIAGNOSIS_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-DIAG-HEALTHY',
    'info',
    ['USBトークンと電子証明書に問題は見つかりませんでした。', 'No problem was found with the USB token or the certificate.'],
    ['確認したすべての項目が正常でした。', 'Every check passed.'],
    [
      'このままご利用いただけます。システムでエラーが表示される場合は、このレポートと表示されたエラー画面のコピーを認証局運用管理者にお送りください。',
      'You can keep using it. If a system still shows an error, send this report and a copy of the error screen to the CA operator.',
    ],
  ),
  entry(
    'TD-DIAG-FINAL-TRY',
    'warning',
    [
      'ユーザーPINの残り入力回数は{attemptsLeft}回です。次に間違えるとUSBトークンがロックされます。',
      'The user PIN has {attemptsLeft} try left. One more wrong PIN locks the USB token.',
    ],
    ['これまでに正しくないユーザーPINが入力されています。正しく入力すると残り回数は元に戻ります。', 'Wrong user PINs were entered before. A correct PIN resets the count.'],
    [
      'ユーザーPINが確かな場合だけ入力してください。確かでない場合は入力せず、認証局運用管理者にロック解除とユーザーPINの変更を依頼してください。',
      'Enter the user PIN only if you are sure of it. If you are not, do not try: ask the CA operator to unlock the token and reset the user PIN.',
    ],
  ),
  entry(
    'TD-STATUS-VALID',
    'info',
    ['電子証明書は有効です（有効期限: {notAfter}）。', 'The certificate is valid (until {notAfter}).'],
    ['有効期間内で、認証局の失効リストにも登録されていません。', 'It is within its validity period and not on the CA\'s revocation list.'],
    ['このままご利用いただけます。有効期限の60日前から更新申請ができます。', 'You can keep using it. Renewal opens 60 days before expiry.'],
    '000 §3.2',
  ),
  entry(
    'TD-DIAG-PIN-NOT-TRIED',
    'warning',
    ['最後の1回のため、ユーザーPINでのログインは行いませんでした。', 'The user PIN was not tried: only one attempt is left.'],
    ['次にユーザーPINを間違えるとUSBトークンがロックされます。', 'One more wrong user PIN locks the token.'],
    [
      'PINが確かな場合だけ、最後の1回を使うことを確認して実行してください（画面では確認の表示で「このPINで続ける」、コマンドでは --confirm-final-try）。確かでない場合は認証局運用管理者にお問い合わせください。',
      'Only if you are sure of the PIN, confirm using the last try (on screen: "Use this PIN" in the confirmation; on the command line: --confirm-final-try). Otherwise contact the CA operator.',
    ],
  ),
  entry(
    'TD-CARD-SAME-CARD',
    'error',
    ['現在のICカードと新しいICカードが同じカードです。', 'The current and the new IC card are the same card.'],
    ['カードを差し替える前に読み取りが行われたか、同じカードが2回指定されました。', 'The card was read again before it was swapped, or the same card was named twice.'],
    ['現在使用しているICカードを抜き、新しく取得したICカードを挿入してからもう一度お試しください。', 'Remove the card in use, insert the newly obtained card, and try again.'],
    '003',
  ),
  entry(
    'TD-CARD-SWAP-TIMEOUT',
    'error',
    ['新しいICカードが挿入されませんでした。', 'The new IC card was not inserted.'],
    ['待ち時間（{minutes}分）の間にカードの差し替えが確認できませんでした。', 'No card swap was seen within {minutes} minutes.'],
    ['現在使用しているICカードを抜き、新しく取得したICカードを挿入してから、もう一度最初からお試しください。', 'Remove the card in use, insert the new card, and start again.'],
    '003',
  ),
  entry(
    'TD-CARD-NOT-READ',
    'error',
    ['比較するICカードがまだ読み取られていません。', 'The cards to compare have not both been read yet.'],
    ['現在使用しているICカードと新しく取得したICカードの両方を読み取る前に比較しようとしました。', 'The comparison was asked for before both the card in use and the new card were read.'],
    ['現在使用しているICカードを読み取り、新しく取得したICカードに差し替えて読み取ってから、もう一度お試しください。', 'Read the card in use, swap in the new card and read it, then try again.'],
    '003',
  ),
  entry(
    'TD-CARD-NO-CERTIFICATE',
    'error',
    ['ICカードに電子証明書が見つかりません。', 'No certificate was found on the IC card.'],
    ['挿入されたカードが電子入札用のICカードではないか、読み取れませんでした。', 'The inserted card is not an e-bidding IC card, or it could not be read.'],
    ['認証局から取得したICカードが正しく挿入されているか確認し、解決しない場合は IC カード購入元へお問い合わせ下さい。', 'Check that the card obtained from the CA is inserted correctly; if it is, contact the vendor of the IC card.'],
  ),
];
