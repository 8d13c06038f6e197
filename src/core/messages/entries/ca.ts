import { entry, type MessageEntry } from '../message-entry.js';

/** What the CA answered during storage (Flow A STEP2–STEP4, docs/ca-protocol.md). */
export const CA_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-CA-STORAGE-PIN-INCORRECT',
    'error',
    ['電子証明書格納用PINが正しくありません。[[あと{attemptsLeft}回間違えると、このPINはロックされます。]]', 'The storage PIN is not correct.[[ {attemptsLeft} more wrong {attemptsLeft|attempt|attempts} will lock it.]]'],
    ['入力した10桁の数字が、認証局が発行した電子証明書格納用PINと一致しません。', 'The 10 digits entered differ from the storage PIN the CA issued.'],
    [
      'メール「【認証局】電子証明書格納デバイスへの格納方法のご案内」の【電子証明書格納用PIN】を確認し、半角数字で入力し直してください。申請書番号が複数ある場合は、このUSBトークンの申請のメールか確認してください。',
      'Check 【電子証明書格納用PIN】 in the CA\'s mail and type it again in half-width digits. If you have several applications, make sure the mail is the one for this token.',
    ],
  ),
  entry(
    'TD-CA-STORAGE-PIN-LOCKED',
    'error',
    ['電子証明書格納用PINの入力ミスが制限回数を超えたため、このPINは[[{retryAfterMinutes}分間]]使えなくなりました。', 'The storage PIN was entered wrongly too many times and cannot be used[[ for the next {retryAfterMinutes} {retryAfterMinutes|minute|minutes}]].'],
    ['認証局が誤入力の回数を制限しています。', 'The CA limits wrong attempts.'],
    [
      '[[{retryAfterMinutes}分後に、メールの電子証明書格納用PINを確かめてもう一度お試しいただくか、]]申請書番号を添えて認証局運用管理者に新しい電子証明書格納用PINの発行をお問い合わせください。',
      'Contact the CA operator, quoting your application number, for a new storage PIN[[, or check the PIN in the CA\'s mail and try again in {retryAfterMinutes} {retryAfterMinutes|minute|minutes}]].',
    ],
  ),
  entry(
    'TD-CA-STORAGE-PIN-FINAL-TRY',
    'warning',
    [
      '電子証明書格納用PINの残り入力回数は1回です。次に間違えると、このPINはロックされ使えなくなります。',
      'One try of the storage PIN is left: one more wrong PIN locks it.',
    ],
    [
      'これまでに電子証明書格納用PINを続けて間違えたため、認証局が認める残りの入力回数が1回になっています。今回入力したPINは、まだ認証局で確認していません（回数は減っていません）。',
      'Earlier wrong storage PINs have left a single try at the CA. The PIN just entered has not been checked yet (no try was used).',
    ],
    [
      'メール「【認証局】電子証明書格納デバイスへの格納方法のご案内」の【電子証明書格納用PIN】と一字ずつ照らし合わせ、正しいと確かめた場合だけ、最後の1回を使ってください（画面では確認の表示で「このPINで続ける」、コマンドでは y、--pins-from-stdin を使う場合は --confirm-final-try）。不明な場合は入力せず、申請書番号を添えて認証局運用管理者にお問い合わせください。',
      'Compare it digit by digit with 【電子証明書格納用PIN】 in the CA\'s mail and use the last try only if you are sure (on screen: "Use this PIN" in the confirmation; on the command line: y, or --confirm-final-try with --pins-from-stdin); if not, do not try — contact the CA operator, quoting your application number.',
    ],
  ),
  entry(
    'TD-CA-APPLICATION-NOT-FOUND',
    'error',
    ['このUSBトークン（シリアルナンバー {tokenSerial}）に格納を待つ電子証明書がありません。', 'No certificate is waiting to be stored on this USB token (serial {tokenSerial}).'],
    ['認証局に、このトークン宛ての発行済み申請が見つかりません。別のトークンを挿しているか、申請手続きが完了していません。', 'The CA has no issued application for this token: another token is plugged in, or the application is not complete.'],
    ['メールに記載の申請に使ったUSBトークンを挿しているか確認してください。申請手続き状況は申請書発行システムで確認できます。', 'Check that the token plugged in is the one the application names; the application status is shown in the CA\'s application system.'],
  ),
  entry(
    'TD-CERT-ALREADY-STORED',
    'info',
    ['このUSBトークン（シリアルナンバー {tokenSerial}）には電子証明書がすでに格納されています。', 'This USB token (serial {tokenSerial}) already holds its certificate.'],
    ['認証局に、このUSBトークンへ格納を待つ電子証明書はありません。格納はすでに完了しています。', 'The CA has no certificate waiting for this token: the storage is already done.'],
    [
      '格納された電子証明書の内容は「デバイス情報確認」で確認できます。更新・再発行の申請をした場合は、認証局からのメールが届いてから格納してください。メールが届いている場合は「申請書番号を入力して格納する（更新・再発行）」を選び（コマンドでは --application-no に申請書番号を指定）、メールの申請書番号と電子証明書格納用PINで格納できます。',
      'See the stored certificate under Device information. If you applied for a renewal or reissue, store it once the CA\'s mail has arrived; with the mail at hand, choose "Enter an application number (renewal or reissue)" (on the command line: give the number with --application-no) and use the application number and storage PIN from the mail.',
    ],
  ),
  entry(
    'TD-CA-NOT-PENDING',
    'error',
    ['申請書番号 {applicationNumber} は格納できる状態ではありません。', 'Application {applicationNumber} is not ready to be stored.'],
    ['この申請はすでに格納済み、取り消し済み、または別のUSBトークン向けです。', 'The application has already been stored, was withdrawn, or is for another token.'],
    ['申請手続き状況を確認し、不明な場合は認証局運用管理者にお問い合わせください。', 'Check the application status; if unclear, contact the CA operator.'],
  ),
  entry(
    'TD-CA-ALREADY-ISSUED',
    'error',
    ['この申請の電子証明書は、別の鍵に対してすでに発行されています。', 'The certificate for this application has already been issued for another key.'],
    ['以前の格納が別のUSBトークンまたは別の鍵で行われました。', 'An earlier storage used another token or another key.'],
    ['最初に格納を始めたUSBトークンを挿してもう一度お試しください。解決しない場合は認証局運用管理者にお問い合わせください。', 'Plug in the token you first stored with and retry. Otherwise contact the CA operator.'],
  ),
  entry(
    'TD-CA-PENDING-APPROVAL',
    'info',
    ['電子証明書は発行手続き中です。[[約{retryAfterMinutes}分後に]]もう一度お試しください。', 'The certificate is still being issued. Try again[[ in about {retryAfterMinutes} minutes]].'],
    ['認証局が発行を承認または処理中です。', 'The CA is still approving or processing the issuance.'],
    ['しばらく待ってから格納をやり直してください。作成済みの鍵はそのまま使われます。', 'Wait and run the storage again; the key already made on the token will be used.'],
  ),
  entry(
    'TD-CA-UNAUTHORIZED',
    'error',
    ['認証局が認証を受け付けませんでした。', 'The CA did not accept the authentication.'],
    ['申請書番号または電子証明書格納用PINが認証局の記録と一致しません。', 'The application number or the storage PIN differs from the CA\'s records.'],
    ['メールの記載内容を確認して入力し直してください。', 'Check the values in the CA\'s mail and enter them again.'],
  ),
  entry(
    'TD-EST-UNAUTHORIZED',
    'error',
    [
      '認証局がEST利用者名またはパスワードを受け付けませんでした。USBトークンは何も変更していません。',
      'The CA did not accept the EST user name or its password. Nothing was changed on the USB token.',
    ],
    ['入力したEST利用者名かパスワードが、認証局に登録されているものと一致しません。', 'The EST user name or password entered differs from the one registered at the CA.'],
    [
      '認証局から通知されたEST利用者名とパスワードを確認して、もう一度お試しください。ユーザーPINは元のまま使えます。',
      'Check the EST user name and password the CA gave you and try again. Your user PIN is unchanged.',
    ],
  ),
  entry(
    'TD-CA-BAD-REQUEST',
    'error',
    ['認証局が要求を受け付けませんでした。[[（HTTP {status}）]]', 'The CA rejected the request.[[ (HTTP {status})]]'],
    ['送った内容（証明書要求など）が認証局の条件に合いません。', 'What was sent (e.g. the certificate request) does not meet the CA\'s requirements.'],
    ['「tokendesk diagnose」の結果を添えて認証局運用管理者にお問い合わせください。', 'Contact the CA operator with the output of "tokendesk diagnose".'],
  ),
  entry(
    'TD-CA-RATE-LIMITED',
    'error',
    ['短時間に要求が集中したため、認証局が受付を一時停止しています。', 'Too many requests in a short time: the CA paused accepting them.'],
    ['現在アクセスが集中しているか、短時間に繰り返し試行されました。', 'The CA is busy, or requests were repeated quickly.'],
    ['時間をおいてから、もう一度お試しください。', 'Wait a while, then try again.'],
    '000 §13',
  ),
  entry(
    'TD-CA-CHECK-BUSY',
    'error',
    ['同じ申請（またはUSBトークン）の入力を、認証局がいま確認しています。', 'The CA is checking another entry for the same application (or token) right now.'],
    [
      '同じ操作が別の画面やコンピュータから同時に行われています。今回入力されたPIN・コードは確認されておらず、入力回数は減っていません。',
      'The same step is running elsewhere at the same moment. What you entered was not checked, and no attempt was used.',
    ],
    ['数秒待ってから、もう一度実行してください。', 'Wait a few seconds and try again.'],
  ),
  entry(
    'TD-CA-SERVER-ERROR',
    'error',
    ['認証局のサーバーでエラーが発生しました。[[（HTTP {status}）]]', 'The CA server reported an error.[[ (HTTP {status})]]'],
    ['認証局のサーバーが混み合っているか、メンテナンス中です。', 'The CA server is busy or under maintenance.'],
    ['時間をおいてから、もう一度お試しください。格納の途中だった場合も、再実行すれば続きから完了します。', 'Try again later. An interrupted storage resumes where it stopped.'],
    '000 §13',
  ),
  entry(
    'TD-CA-UNEXPECTED-ANSWER',
    'error',
    ['認証局から想定外の応答がありました。', 'The CA sent an unexpected answer.'],
    ['接続先が認証局ではないか、認証局の応答形式が変わりました。', 'The address is not the CA, or the CA\'s answer format changed.'],
    ['接続先のURL（--ca）を確認してください。正しい場合は認証局運用管理者にお問い合わせください。', 'Check the CA address (--ca). If it is right, contact the CA operator.'],
  ),
];
