import { entry, type MessageEntry } from '../message-entry.js';

/**
 * CA manual §12.1 メッセージ一覧, items 1–16, in the manual's own words: the エラーメッセージ
 * column is `text.ja`; the 内容と対策 column is split into cause and remedy.
 * OCR damage in the manual's text is repaired, and nothing else changed: item 7 「铬納」→「格納」,
 * item 11 「「静砂一致しません」→「契約番号が一致しません」 (its remedy is about the
 * contract number), item 12 「ユーザー情跡ありません」→「ユーザー情報がありません」.
 */
export const CA_MANUAL_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-INPUT-MISSING',
    'error',
    ['<契約番号、USBトークンシリアルナンバー、ユーザーPIN>を入力してください。', 'Enter the contract number, the USB token serial number and the user PIN.'],
    ['入力項目のいずれかに未入力の項目があります。', 'One of the required fields is empty.'],
    ['契約番号、USBトークンシリアルナンバー、ユーザーPINのすべてを入力してください。', 'Fill in the contract number, the USB token serial number and the user PIN.'],
    '000 §12.1 item 1',
  ),
  entry(
    'TD-NO-MIDDLEWARE',
    'error',
    [
      'eToken版電子証明書格納デバイス情報取得モジュールが正しくインストール出来ているか確認してください。',
      'Check that the eToken device information module (token middleware) is installed correctly.',
    ],
    ['申請に必要なソフトのインストールがされていないようです。', 'The software the token needs (SafeNet Authentication Client / PKCS#11 module) does not seem to be installed.'],
    [
      'ソフトをインストールしてください（詳細は「6.申請の前に> 6.1. 事前準備>必要なソフトのインストール(クライアントソフトのインストール)」をご覧ください）。',
      'Install the software (see the manual, "6. Before applying > 6.1 Preparation > installing the client software"), or give its location with --module.',
    ],
    '000 §12.1 item 2',
  ),
  entry(
    'TD-TOKEN-ABSENT',
    'error',
    [
      'USBトークンが装着されていません。PCにUSBトークンが装着されていません。USBトークンを装着してください。',
      'No USB token is connected. Connect your USB token to the PC.',
    ],
    ['PCにUSBトークンが挿さっていないか、認識されていません。', 'No USB token is plugged in, or the PC does not recognise it.'],
    ['パソコンにUSBトークンを挿してください。', 'Plug the USB token into the PC and try again.'],
    '000 §12.1 item 3',
  ),
  entry(
    'TD-TOKEN-SEVERAL',
    'error',
    [
      '複数のUSBトークンが装着されています。PCに複数のUSBトークンが装着されています。対象となるUSBトークンのみ装着してください。',
      'Several USB tokens are connected. Connect only the token you want to use.',
    ],
    ['PCに2本以上のUSBトークンが挿さっています。', 'More than one USB token is plugged into the PC.'],
    [
      '電子証明書を利用頂く際は、電子証明書の入ったUSBトークンのみをパソコンに挿してご利用ください。',
      'Leave only the USB token that holds (or will hold) your certificate plugged in, then try again.',
    ],
    '000 §12.1 item 4',
  ),
  entry(
    'TD-TOKEN-DAMAGED',
    'error',
    [
      'USBトークンが破損しています。USBトークンのハードウェア部分が破損している、あるいは電子証明書を格納するためのメモリ領域を認識出来ない状況です。今後も電子証明書が必要な方は、失効申請を行って現在の電子証明書を無効にした後新規発行申請を行ってください（USBトークンも新しくなります）。',
      'The USB token is damaged: its hardware is broken or the memory that holds the certificate cannot be read. If you still need a certificate, apply for revocation of the current one and then for a new issue (you will receive a new token).',
    ],
    ['USBトークンの外部または内部破損の恐れがあります。', 'The token may be damaged outside or inside.'],
    [
      '破損したUSBトークンは失効を行い、新しいUSBトークンで新たに電子証明書を発行申請してご利用ください。',
      'Have the certificate on the damaged token revoked and apply for a new certificate on a new token.',
    ],
    '000 §12.1 item 5',
  ),
  entry(
    'TD-TOKEN-LOCKED',
    'error',
    ['USBトークンがロックされています。', 'The USB token is locked.'],
    [
      '制限回数以上のパスワード入力ミスにより、セキュリティの関係でUSBトークンがロックされてしまいました。',
      'The password (user PIN) was entered wrongly more times than allowed, so the token locked itself for security.',
    ],
    [
      'パスワードを忘失し、トークンがロックした場合は、NEXCO総研認証局運用管理者宛にUSBトークンのロック解除及びパスワード変更を依頼してください（FAQ:3-48参照）。※ロックまたは忘失の場合は、電子証明書を失効する必要はありません。',
      'Ask the CA operator (認証局運用管理者) to unlock the token and reset the password (FAQ 3-48). A locked token or a forgotten password does not require revoking the certificate.',
    ],
    '000 §12.1 item 6',
  ),
  entry(
    'TD-CERT-NOT-STORED',
    'error',
    [
      '電子証明書が格納されていません。USBトークン内に電子証明書が格納されていません。USBトークンクライアントソフトを利用して、USBトークンに電子証明書を格納してください。',
      'No certificate is stored on the USB token. Store your certificate on the token with the USB token client software.',
    ],
    ['USBトークンはまだ電子証明書が格納されていない為ご利用できません。', 'The token cannot be used yet because no certificate has been stored on it.'],
    ['電子証明書の手続きを完了させてからご利用ください。', 'Complete the certificate procedure (store the certificate with "tokendesk store") before using the token.'],
    '000 §12.1 item 7',
  ),
  entry(
    'TD-USER-AUTH',
    'error',
    [
      'ユーザー認証エラー 契約番号、USBトークンシリアルナンバー、パスワードのいずれかが正しくありません。以下のような状況が考えられます。\n・全角文字を入力している\n・「Caps Lock」や「Num Lock」がオンになっている\n・パスワードの大文字・小文字を区別していない',
      'User authentication error: the contract number, the USB token serial number or the password is wrong. Possible reasons:\n- full-width characters were typed\n- Caps Lock or Num Lock is on\n- upper and lower case were not distinguished in the password',
    ],
    ['「契約番号」「USBトークンシリアルナンバー」「パスワード」の入力内容に誤りがあります。', 'The contract number, token serial number or password entered is wrong.'],
    [
      '大文字で入力していないか、「Caps Lock」がオンになっていないか、などを確認の上、正しく入力してください。',
      'Check that you are not typing in upper case and that Caps Lock is off, then enter them correctly.',
    ],
    '000 §12.1 item 8',
  ),
  entry(
    'TD-REVOCATION-PENDING',
    'error',
    ['失効申請中です。', 'Revocation is in progress.'],
    ['利用しようとしている電子証明書は、失効申請手続きが完了していません。', 'The revocation of the certificate you are trying to use has not been completed yet.'],
    ['失効申請が完了してから、再発行申請を行ってください。', 'Wait until the revocation is complete, then apply for reissue.'],
    '000 §12.1 item 9',
  ),
  entry(
    'TD-SERIAL-MISMATCH',
    'error',
    [
      '入力されたUSBトークンシリアルナンバーとPCに装着されているUSBトークンのシリアルナンバーは一致していません。',
      'The USB token serial number entered does not match the serial number of the token connected to the PC.',
    ],
    [
      '入力したUSBトークンのシリアルナンバーと、パソコンに挿しているUSBトークンのシリアルナンバーに相違があります。',
      'The serial number you entered differs from that of the token plugged into the PC.',
    ],
    ['USBトークンシリアルナンバー再度確認してください。[[（装着中のUSBトークン: {tokenSerial}）]]', 'Check the USB token serial number again[[ (connected token: {tokenSerial})]].'],
    '000 §12.1 item 10',
  ),
  entry(
    'TD-CONTRACT-MISMATCH',
    'error',
    ['装着されているUSBトークンの契約番号が一致しません。', 'The contract number does not match the connected USB token.'],
    ['申請データの契約番号と入力された契約番号に相違があります。', 'The contract number entered differs from the one in the application data.'],
    ['契約番号を確認し、再度入力し直してください。', 'Check the contract number and enter it again.'],
    '000 §12.1 item 11',
  ),
  entry(
    'TD-USER-UNKNOWN',
    'error',
    [
      'ユーザー情報がありません。利用者情報管理システムデータベース内に、該当するユーザー情報がありません。認証局にお問合せください。',
      'No user information found. The user information database has no entry for this user. Contact the CA.',
    ],
    ['利用者情報管理システムの工事請負人テーブルにユーザー情報が登録されていません。', 'The user is not registered in the CA\'s user information system.'],
    ['認証局にお問合せください。', 'Contact the CA.'],
    '000 §12.1 item 12',
  ),
  entry(
    'TD-NO-PREVIOUS-APPLICATION',
    'error',
    ['契約番号{contractNumber}に該当する以前の申請データはありません。', 'There is no earlier application for contract number {contractNumber}.'],
    ['入力された契約番号の申請データはありません。', 'No application exists for the contract number entered.'],
    ['契約番号を確認して、再度入力してください。', 'Check the contract number and enter it again.'],
    '000 §12.1 item 13',
  ),
  entry(
    'TD-NO-CONTRACT',
    'error',
    ['契約番号{contractNumber}に該当する契約データはありません。', 'There is no contract data for contract number {contractNumber}.'],
    ['入力された契約番号の工事情報が積算システムにまだ登録されていません。', 'The construction work for this contract number is not registered in the cost estimation system yet.'],
    ['契約番号を確認、再度入力するか、監督員事務所のNEXCO社員にご確認ください。', 'Check the contract number and enter it again, or ask the NEXCO staff at the supervisor\'s office.'],
    '000 §12.1 item 14',
  ),
  entry(
    'TD-NO-ORGANIZATION',
    'error',
    ['組織情報が存在しません。認証局運用管理者にお問い合わせください。', 'The organisation information does not exist. Contact the CA operator.'],
    ['積算システムに登録した工事情報の所属組織が廃止されています。', 'The organisation the construction work belongs to has been abolished in the cost estimation system.'],
    ['認証局へお問い合わせください。', 'Contact the CA.'],
    '000 §12.1 item 15',
  ),
  entry(
    'TD-NO-OFFICE',
    'error',
    ['支社・局、事務所が見つかりません。', 'The branch, bureau or office was not found.'],
    ['積算システムに登録した工事情報の所属組織が、利用者管理システムに登録されていません。', 'The organisation of the construction work is not registered in the user management system.'],
    ['所属組織が正しいか監督員事務所のNEXCO社員にご確認ください。', 'Ask the NEXCO staff at the supervisor\'s office whether the organisation is correct.'],
    '000 §12.1 item 16',
  ),
];
