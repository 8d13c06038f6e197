import { entry, type MessageEntry } from '../message-entry.js';

/** The storage wizard's own messages (CA manual §7.4): its end and its step timeout. */
export const STORAGE_FLOW_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-STORE-DONE',
    'info',
    ['eTokenに電子証明書を格納する処理が完了しました。', 'The certificate has been stored on the eToken.'],
    ['電子証明書がUSBトークンの中に格納され、動作確認が済みました。', 'The certificate is on the token and was verified.'],
    ['ここで設定したユーザーPINは、電子証明書を利用するシステムのログインパスワードになります。忘れないようにしてください。', 'The user PIN you set is now the login password of every system that uses the certificate. Do not forget it.'],
    '000 §7.4 ⑧',
  ),
  entry(
    'TD-STEP-TIMEOUT',
    'warning',
    ['作業時間が{minutes}分を経過したため、STEP1に戻りました。', 'More than {minutes} minutes passed in this step, so the wizard went back to STEP1.'],
    ['各STEPでの作業時間が{minutes}分を経過するとSTEP1に戻ります。入力した内容は安全のため消去されました。', 'Each step returns to STEP1 after {minutes} minutes; what was typed was erased for safety.'],
    ['USBトークンを挿したまま、STEP1からやり直してください。', 'Keep the token plugged in and start again from STEP1.'],
    '000 §7.4 ⑤–⑦',
  ),
  entry(
    'TD-STORE-NO-ADMIN',
    'error',
    ['ユーザーPINを設定できません。', 'The user PIN cannot be set.'],
    ['認証局からこのUSBトークンの管理者PINが提供されず、現在のユーザーPINも入力されていません。', 'The CA released no admin PIN for this token, and no current user PIN was entered.'],
    ['現在のユーザーPINを入力して再度実行してください。不明な場合は認証局へお問い合わせください。', 'Enter the current user PIN and try again; if you do not know it, contact the CA.'],
  ),
  entry(
    'TD-USER-PIN-CURRENT-REQUIRED',
    'error',
    ['現在のユーザーPINを入力してください。', 'Enter the current user PIN.'],
    ['この認証局では、新しいユーザーPINの設定に現在のユーザーPINが必要です。', 'With this CA, setting a new user PIN needs the current one.'],
    ['USBトークンと一緒に届いたユーザーPIN（または現在お使いのPIN）を入力してください。', 'Enter the user PIN that came with the token (or the one you use now).'],
  ),
  entry(
    'TD-STORE-VERIFY-SIGNATURE',
    'error',
    ['格納した電子証明書の動作確認に失敗しました。', 'The stored certificate failed its check.'],
    ['USBトークンの秘密鍵で作った署名が、電子証明書の公開鍵で検証できませんでした。', 'A signature made with the token key does not verify with the certificate’s public key.'],
    ['STEP1からやり直してください。再度発生する場合は認証局へお問い合わせください。', 'Start again from STEP1; if it happens again, contact the CA.'],
  ),
  entry(
    'TD-STORE-VERIFY-CHAIN',
    'error',
    ['発行された電子証明書を認証局の証明書で確認できませんでした。', 'The issued certificate does not chain to the CA’s certificate.'],
    ['接続先が正しい認証局でないか、認証局の証明書が更新された可能性があります。', 'The server may not be the right CA, or the CA certificate may have changed.'],
    ['接続先の設定を確認し、認証局へお問い合わせください。', 'Check the CA settings and contact the CA.'],
  ),
  entry(
    'TD-STORE-VERIFY-READBACK',
    'error',
    ['USBトークンに書き込んだ電子証明書を正しく読み出せませんでした。', 'The certificate written to the token does not read back intact.'],
    ['USBトークンの破損、または書き込み中の抜き差しが考えられます。', 'The token may be damaged, or was unplugged during the write.'],
    ['USBトークンを挿し直してSTEP1からやり直してください。再度発生する場合は認証局へお問い合わせください。', 'Plug the token in again and start from STEP1; if it happens again, contact the CA.'],
  ),
  entry(
    'TD-STORE-SO-FINAL-TRY',
    'warning',
    [
      'このUSBトークンの管理者PIN（SO PIN）は残り1回です。ユーザーPINの設定にはこの最後の1回を使います。',
      'This token\'s administrator (SO) PIN has one try left, and setting the user PIN uses that last try.',
    ],
    [
      '別のツール（メーカーの管理ツールなど）で誤った管理者PINが入力されたため、残りの入力回数が1回になっています。管理者PINは認証局が保管しており、入力する必要はありません。まだ何も使っておらず、電子証明書格納用PINもそのまま使えます。',
      'Wrong administrator PINs were tried earlier with another tool (such as the vendor\'s). The CA keeps the administrator PIN; you do not type it. Nothing has been used yet, and the storage PIN is still valid.',
    ],
    [
      '続けると、認証局が保管する管理者PINで最後の1回を使ってユーザーPINを設定します。万一失敗すると管理者PINもロックされ、認証局でもこのUSBトークンのロックを解除できなくなります。続ける場合は「続ける」を選んでください（コマンドで --pins-from-stdin を使う場合は --confirm-final-try を付けます）。不安な場合は続けずに認証局運用管理者へお問い合わせください。',
      'Continuing uses the last try with the administrator PIN the CA keeps to set the user PIN; should it fail, the administrator PIN locks too and not even the CA can unlock the token. To go on, choose to continue (at the command line with --pins-from-stdin, add --confirm-final-try); if in doubt, do not — contact the CA operator.',
    ],
  ),
  entry(
    'TD-WIZARD-OUT-OF-STEP',
    'warning',
    ['この操作は現在のSTEPでは行えません。', 'This action does not belong to the current step.'],
    ['画面の表示と処理の状態が一致していません。', 'The screen and the wizard’s state are out of step.'],
    ['STEP1からやり直してください。', 'Start again from STEP1.'],
  ),
];
