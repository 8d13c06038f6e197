import { entry, type MessageEntry } from '../message-entry.js';

/**
 * PINs refused before anything is sent or spent (CA manual §7.4 ⑥⑦, §12.1 item 8;
 * Pension e-bidding manual §2.2). `{pin}` names which PIN (電子証明書格納用PIN, ユーザーPIN, PIN番号);
 * `{positions}` says where the offending characters are — the characters themselves
 * are never repeated, since they are part of a secret.
 */
export const PIN_INPUT_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-PIN-EMPTY',
    'error',
    ['{pin}が未入力です。', 'The {pin} is empty.'],
    ['{pin}が入力されていません。', 'Nothing was entered for the {pin}.'],
    ['{pin}を入力してください。', 'Enter the {pin}.'],
  ),
  entry(
    'TD-PIN-FULLWIDTH',
    'error',
    ['{pin}に全角文字が含まれています（{positions}文字目）。', 'The {pin} contains full-width characters (position {positions}).'],
    ['日本語入力（全角）のまま入力されています。全角の「１」と半角の「1」は別の文字として扱われます。', 'It was typed with the Japanese (full-width) input mode on; a full-width "１" is not the half-width "1".'],
    ['入力モードを「半角英数」に切り替えて、半角で入力し直してください。', 'Switch the input mode to half-width alphanumeric and type it again.'],
    '000 §12.1 item 8 (first cause)',
  ),
  entry(
    'TD-PIN-SPACE',
    'error',
    ['{pin}に空白が含まれています（{positions}文字目）。', 'The {pin} contains a space (position {positions}).'],
    ['PINに空白（スペース）は使えません。メールからコピーした際に空白が入ることがあります。', 'PINs have no spaces; copying from a mail can add one.'],
    ['空白を取り除いて入力し直してください。', 'Remove the spaces and enter it again.'],
  ),
  entry(
    'TD-STORAGE-PIN-NOT-DIGITS',
    'error',
    ['電子証明書格納用PINに数字以外の文字が含まれています（{positions}文字目）。', 'The storage PIN contains characters other than digits (position {positions}).'],
    ['電子証明書格納用PINは10桁の数字です。', 'The storage PIN is 10 digits.'],
    [
      'メール「【認証局】電子証明書格納デバイスへの格納方法のご案内」の【電子証明書格納用PIN】に記載されている10桁の数字を半角で入力してください。',
      'Type the 10 digits shown under 【電子証明書格納用PIN】 in the CA\'s mail "電子証明書格納デバイスへの格納方法のご案内", in half-width.',
    ],
    '000 §7.4 ⑥',
  ),
  entry(
    'TD-STORAGE-PIN-LENGTH',
    'error',
    ['電子証明書格納用PINは10桁です（入力は{length}桁）。', 'The storage PIN has 10 digits ({length} {length|was|were} entered).'],
    ['桁数が足りないか、多すぎます。', 'Digits are missing or extra.'],
    [
      'メール「【認証局】電子証明書格納デバイスへの格納方法のご案内」の【電子証明書格納用PIN】に記載されている10桁の数字を入力してください。',
      'Type the 10 digits shown under 【電子証明書格納用PIN】 in the CA\'s mail "電子証明書格納デバイスへの格納方法のご案内".',
    ],
    '000 §7.4 ⑥',
  ),
  entry(
    'TD-USER-PIN-CHARS',
    'error',
    ['ユーザーPINに使えない文字が含まれています（{positions}文字目）。', 'The user PIN contains characters that cannot be used (position {positions}).'],
    ['ユーザーPINに使えるのは半角の英字と数字だけです。', 'Only half-width letters and digits can be used.'],
    ['記号を使わず、半角英数4～8桁で入力してください。', 'Use 4 to 8 half-width letters and digits, without symbols.'],
    '000 §7.4 ⑦',
  ),
  entry(
    'TD-USER-PIN-TOO-SHORT',
    'error',
    ['ユーザーPINは4～8桁で設定してください（入力は{length}桁）。', 'The user PIN must have 4 to 8 characters ({length} {length|was|were} entered).'],
    ['ユーザーPINが短すぎます。', 'The user PIN is too short.'],
    ['半角英数4～8桁（桁数は指定の範囲で任意）で入力してください。', 'Enter 4 to 8 half-width letters and digits.'],
    '000 §7.4 ⑦',
  ),
  entry(
    'TD-USER-PIN-TOO-LONG',
    'error',
    ['ユーザーPINは8桁までです[[（入力は{length}桁）]]。9桁以上入力しないでください。', 'The user PIN has at most 8 characters[[ ({length} {length|was|were} entered)]]. Do not type a 9th.'],
    ['9文字目以降は受け付けません。入力された内容は変更していません。', 'A 9th character is refused; what was typed has not been changed.'],
    ['半角英数4～8桁で入力してください。', 'Enter 4 to 8 half-width letters and digits.'],
    '000 §7.4 ⑦',
  ),
  entry(
    'TD-USER-PIN-MISMATCH',
    'error',
    ['ユーザーPINと確認入力が一致しません。', 'The user PIN and its confirmation do not match.'],
    ['2回の入力内容が異なります。ユーザーPINは大文字・小文字を区別します。', 'The two entries differ. The user PIN is case-sensitive.'],
    ['[Caps Lock]キーの状態を確認し、同じユーザーPINを2回入力してください。', 'Check Caps Lock and type the same user PIN twice.'],
    '000 §7.4 ⑦',
  ),
  entry(
    'TD-CAPS-LOCK-ON',
    'warning',
    ['Caps Lock がオンになっています。', 'Caps Lock is on.'],
    ['ユーザーPINは大文字・小文字を区別します。', 'The user PIN is case-sensitive.'],
    ['設定前に、[Caps Lock]キーの状態を確認してください。', 'Check the Caps Lock key before setting the PIN.'],
    '000 §7.4 ⑦',
  ),
  entry(
    'TD-CARD-PIN-NOT-DIGITS',
    'error',
    ['PIN番号に数字以外の文字が含まれています（{positions}文字目）。', 'The card PIN contains characters other than digits (position {positions}).'],
    ['ICカードのPIN番号は半角数字です。', 'The IC card PIN is made of half-width digits.'],
    ['ICカードのPIN番号を半角数字で入力してください。', 'Enter the IC card PIN in half-width digits.'],
    '001 §2.2',
  ),
  entry(
    'TD-CARD-PIN-LENGTH',
    'error',
    ['PIN番号の桁数が正しくありません（{min}～{max}桁、入力は{length}桁）。', 'The card PIN has the wrong length ({min} to {max} digits; {length} {length|was|were} entered).'],
    ['ICカードが受け付ける桁数の範囲外です。', 'The card does not accept a PIN of this length.'],
    ['ICカードと一緒に届いたPIN番号を確認して入力してください。', 'Check the PIN that came with the IC card and enter it again.'],
    '001 §2.2',
  ),
];
