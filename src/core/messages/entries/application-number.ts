import { entry, type MessageEntry } from '../message-entry.js';

/**
 * STEP2 for a token the CA cannot name an application for (no possession tag from
 * `ca token provision`, or nothing the lookup could show): the user types the
 * application number from the CA's mail, and the CA's storage-PIN check names the
 * applicant (docs/ca-protocol.md, "pending").
 */
export const APPLICATION_NUMBER_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-APPLICATION-NO-FORMAT',
    'error',
    ['申請書番号は半角数字11〜14桁です。', 'An application number is 11 to 14 half-width digits.'],
    ['入力された申請書番号の形式が正しくありません。', 'The application number entered is not of the right form.'],
    [
      'メール「【認証局】電子証明書格納デバイスへの格納方法のご案内」の【申請書番号】を半角数字で入力してください。',
      'Enter 【申請書番号】 (application number) from the CA\'s mail in half-width digits.',
    ],
  ),
  entry(
    'TD-APPLICATION-OTHER-TOKEN',
    'error',
    [
      'この申請書番号の申請は、別のUSBトークン（シリアルナンバー {tokenSerial}）向けです。',
      'This application is for another USB token (serial {tokenSerial}).',
    ],
    ['申請で指定されたUSBトークンと、挿しているUSBトークンが異なります。何も変更していません。', 'The token plugged in is not the one the application names. Nothing was changed.'],
    ['申請で指定したUSBトークンを挿して、STEP1からやり直してください。', 'Plug in the token the application names and start again from STEP1.'],
  ),
  entry(
    'TD-APPLICATION-NO-NOT-PENDING',
    'error',
    [
      'このUSBトークンに格納待ちの申請は、申請書番号 {pending} です（指定された申請書番号 {given} ではありません）。',
      'The application waiting for this token is {pending}, not the number given ({given}).',
    ],
    ['認証局は、このUSBトークンの申請として別の申請書番号を示しています。USBトークンには何も変更していません。', 'The CA names another application for this token. Nothing was changed on the token.'],
    [
      'メールに記載の申請書番号を確かめてください。申請書番号 {pending} の電子証明書を格納する場合は、その番号を指定するか、申請書番号を指定せずにやり直してください。',
      'Check the application number in the CA’s mail. To store the certificate of application {pending}, give that number, or start again without one.',
    ],
  ),
];
