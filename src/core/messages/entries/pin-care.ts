import { entry, type MessageEntry } from '../message-entry.js';

/**
 * PIN care (docs/architecture.md, Flow F): a new user PIN against the token's own password policy,
 * changing the user PIN, and unlocking a locked token with the CA's one-time unlock
 * code — the manual's remedy for a lock (CA manual §12.1 row 6: 「ロック解除及びパス
 * ワード変更を依頼」), carried out at the contractor's desk. Never a PIN or a code in
 * the words: only lengths, counts and the rule that failed.
 */
export const PIN_CARE_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-USER-PIN-POLICY-LENGTH',
    'error',
    ['このUSBトークンのパスワードポリシーでは、ユーザーPINは{min}桁以上です（入力は{length}桁）。', 'This token\'s password policy needs a user PIN of at least {min} characters ({length} {length|was|were} entered).'],
    ['USBトークン自身の設定（最小桁数）を満たしていません。', 'The token\'s own setting (minimum length) is not met.'],
    ['{min}～8桁の半角英数で入力してください。', 'Enter {min} to 8 half-width letters and digits.'],
  ),
  entry(
    'TD-USER-PIN-POLICY-MIX',
    'error',
    ['このUSBトークンのパスワードポリシーでは、ユーザーPINに英字と数字の両方が必要です。', 'This token\'s password policy needs a user PIN with both letters and digits.'],
    ['数字だけ、または英字だけのユーザーPINは、このUSBトークンでは設定できません。', 'A user PIN of digits only, or letters only, cannot be set on this token.'],
    ['英字と数字を組み合わせた4～8桁の半角英数で入力してください。', 'Enter 4 to 8 half-width characters mixing letters and digits.'],
  ),
  entry(
    'TD-USER-PIN-UNCHANGED',
    'error',
    ['新しいユーザーPINが現在のユーザーPINと同じです。', 'The new user PIN is the same as the current one.'],
    ['同じPINに変更しても変更になりません。', 'Changing to the same PIN changes nothing.'],
    ['現在とは異なるユーザーPINを入力してください。', 'Enter a user PIN different from the current one.'],
  ),
  entry(
    'TD-UNLOCK-CODE-FORMAT',
    'error',
    ['ロック解除コードは半角数字10桁です。', 'The unlock code is 10 half-width digits.'],
    ['入力されたロック解除コードの桁数か文字が正しくありません。', 'The unlock code entered has the wrong length or characters.'],
    ['認証局運用管理者から受け取った10桁の数字を半角で入力してください。', 'Type the 10 digits the CA operator gave you, in half-width.'],
  ),
  entry(
    'TD-UNLOCK-CODE-INCORRECT',
    'error',
    ['ロック解除コードが正しくありません。[[あと{attemptsLeft}回間違えるとこのコードは使えなくなります。]]', 'The unlock code is not correct.[[ {attemptsLeft} more wrong {attemptsLeft|code|codes} will make it unusable.]]'],
    ['入力したロック解除コードが、このUSBトークンに発行されたものと一致しません。', 'The code entered is not the one issued for this token.'],
    ['認証局運用管理者から受け取った10桁の数字と、USBトークンのシリアルナンバーを確認してください。', 'Check the 10 digits from the CA operator and the token\'s serial number.'],
  ),
  entry(
    'TD-UNLOCK-CODE-SPENT',
    'error',
    ['このロック解除コードは使えません（使用済み、または入力誤りが上限に達しました）。', 'This unlock code can no longer be used (already used, or too many wrong codes).'],
    ['ロック解除コードは1回限りで、5回間違えると無効になります。', 'An unlock code works once and becomes invalid after 5 wrong entries.'],
    ['認証局運用管理者に新しいロック解除コードの発行を依頼してください。USBトークンはロックされたままです。', 'Ask the CA operator for a new unlock code. The token stays locked.'],
    '000 §12.1 row 6',
  ),
  entry(
    'TD-UNLOCK-CODE-EXPIRED',
    'error',
    ['ロック解除コードの有効期限（発行から72時間）が切れています。', 'The unlock code has expired (it is valid for 72 hours).'],
    ['発行から72時間を過ぎたロック解除コードは使えません。', 'An unlock code older than 72 hours cannot be used.'],
    ['認証局運用管理者に新しいロック解除コードの発行を依頼してください。', 'Ask the CA operator for a new unlock code.'],
  ),
  entry(
    'TD-UNLOCK-CODE-NOT-ISSUED',
    'error',
    ['このUSBトークンにはロック解除コードが発行されていません。', 'No unlock code was issued for this token.'],
    [
      'ロック解除コードは、認証局が出荷したUSBトークンにシリアルナンバーごとに発行されます。別のUSBトークンのコードは使えず、認証局が管理していないUSBトークンにはコードを発行できません。',
      'Unlock codes are issued per serial, for tokens the CA shipped: a code for another token does not work, and a token the CA does not manage gets none.',
    ],
    [
      '接続しているUSBトークンのシリアルナンバーを伝えて、認証局運用管理者にロック解除コードの発行を依頼してください。認証局が管理していないUSBトークンの場合は、対応方法を認証局にご相談ください。',
      'Tell the CA operator the serial number of the connected token and ask for an unlock code; for a token the CA does not manage, ask the CA what to do.',
    ],
    '000 §12.1 row 6',
  ),
  entry(
    'TD-UNLOCK-NOT-MANAGED',
    'error',
    ['このUSBトークンは認証局が管理していないため、ロック解除できません。', 'The CA does not manage this token, so it cannot unlock it.'],
    ['認証局が出荷したUSBトークンだけが、認証局の管理者情報でロック解除できます。', 'Only tokens the CA shipped can be unlocked with the CA\'s administrator credentials.'],
    ['認証局運用管理者にお問い合わせください。', 'Contact the CA operator.'],
  ),
  entry(
    'TD-UNLOCK-NEEDS-CA',
    'error',
    ['ロック解除には認証局への接続が必要です。', 'Unlocking needs a connection to the CA.'],
    ['認証局のURLが設定されていないか、認証局がロック解除に対応していません。', 'No CA URL is set, or the CA does not offer unlocking.'],
    ['設定画面で認証局のURLを確認してください（コマンドでは --ca、または環境変数 TOKENDESK_CA_URL）。', 'Check the CA URL in the settings (on the command line, --ca or the environment variable TOKENDESK_CA_URL).'],
  ),
  entry(
    'TD-UNLOCK-SO-FINAL-TRY',
    'warning',
    [
      'このUSBトークンの管理者PIN（SO PIN）は残り1回です。ロック解除にはこの最後の1回を使います。',
      'This token\'s administrator (SO) PIN has one try left, and unlocking uses that last try.',
    ],
    [
      '別のツール（メーカーの管理ツールなど）で誤った管理者PINが入力されたため、残りの入力回数が1回になっています。管理者PINは認証局が保管しており、入力する必要はありません。まだ何も使っておらず、ロック解除コードもそのまま使えます。',
      'Wrong administrator PINs were tried earlier with another tool (such as the vendor\'s). The CA keeps the administrator PIN; you do not type it. Nothing has been used yet, and the unlock code is still valid.',
    ],
    [
      '続けると、認証局が保管する管理者PINで最後の1回を使ってロックを解除します。万一失敗すると管理者PINもロックされ、認証局でもロック解除できなくなります。続ける場合は「続ける」を選んでください（コマンドで --pins-from-stdin を使う場合は --confirm-final-try を付けます）。不安な場合は続けずに認証局運用管理者へお問い合わせください。',
      'Continuing uses the last try with the administrator PIN the CA keeps; should it fail, the administrator PIN locks too and not even the CA can unlock the token. To go on, choose to continue (at the command line with --pins-from-stdin, add --confirm-final-try); if in doubt, do not — contact the CA operator.',
    ],
  ),
];
