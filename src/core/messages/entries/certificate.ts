import { entry, type MessageEntry } from '../message-entry.js';

/**
 * The certificate's state (Flows B–D) and certificates TokenDesk cannot read or use.
 * For IC cards the Pension e-bidding manual codes (01006, 01007, 01014, 30006–30008) say the same
 * things in the e-bidding systems' words; these are the USB-token side.
 */
export const CERTIFICATE_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-CERT-EXPIRED',
    'error',
    ['電子証明書の有効期限が切れています（有効期限: {notAfter}）。', 'The certificate has expired (valid until {notAfter}).'],
    ['有効期限を過ぎた電子証明書はシステムで使用できません。', 'An expired certificate cannot be used by the systems.'],
    ['有効期限が切れた後も更新申請を行うことができます。申請書発行システムから更新申請を行ってください。', 'Renewal is still possible after expiry: apply for renewal in the CA\'s application system.'],
    '000 §3.2',
  ),
  entry(
    'TD-CERT-NOT-YET-VALID',
    'error',
    ['電子証明書はまだ有効期間前です（有効期間の開始: {notBefore}）。', 'The certificate is not valid yet (valid from {notBefore}).'],
    ['有効期間の開始日時より前です。PCの時計が遅れている可能性もあります。', 'Its start date has not come yet; the PC clock may also be behind.'],
    ['開始日時以降にご利用ください。PCの日付と時刻も確認してください。', 'Use it from the start date on, and check the PC date and time.'],
  ),
  entry(
    'TD-CERT-REVOKED',
    'error',
    ['電子証明書は失効しています。', 'The certificate has been revoked.'],
    ['認証局の証明書失効リスト（CRL）にこの電子証明書が登録されています。', 'The CA\'s certificate revocation list (CRL) lists this certificate.'],
    ['引き続き電子証明書が必要な場合は、再発行申請を行ってください（USBトークンは再利用できます）。', 'If you still need a certificate, apply for reissue (the token can be reused).'],
    '000 §4.1',
  ),
  entry(
    'TD-CERT-RENEW-SOON',
    'warning',
    ['更新申請のご案内: 電子証明書の有効期限（{notAfter}）まであと{daysLeft}日です。更新申請をしてください。', 'Renewal notice: the certificate expires on {notAfter}, in {daysLeft} {daysLeft|day|days}. Please apply for renewal.'],
    ['有効期限到来の60日前から更新申請を行うことができます。', 'Renewal can be applied for from 60 days before expiry.'],
    ['申請書発行システムから更新申請を行い、届いた電子証明書格納用PINで格納してください。更新するとユーザーIDが変わります。', 'Apply for renewal in the CA\'s application system and store the new certificate with the storage PIN you receive. The user ID changes on renewal.'],
    '000 §3.2, §8.3',
  ),
  entry(
    'TD-REVOCATION-UNKNOWN',
    'warning',
    ['失効しているかどうかを確認できませんでした。', 'Whether the certificate is revoked could not be checked.'],
    ['認証局の証明書失効リスト（CRL）を取得できないか、検証できませんでした。', 'The CA\'s revocation list (CRL) could not be fetched or verified.'],
    ['ネットワーク接続を確認し、後でもう一度確認してください。', 'Check the network connection and check again later.'],
  ),
  entry(
    'TD-CERT-UNREADABLE',
    'error',
    ['電子証明書の内容を読み取れません。', 'The certificate cannot be read.'],
    ['格納されている電子証明書のデータが壊れているか、形式が正しくありません。', 'The stored certificate data is damaged or not in the expected format.'],
    ['「tokendesk diagnose」の結果を添えて認証局運用管理者にお問い合わせください。', 'Contact the CA operator with the output of "tokendesk diagnose".'],
  ),
  entry(
    'TD-CERT-KEY-MISMATCH',
    'error',
    ['電子証明書とUSBトークン内の鍵が対応していません。', 'The certificate does not belong to the key on the USB token.'],
    ['電子証明書の公開鍵が、トークン内の秘密鍵と一致しません。', 'The certificate\'s public key does not match the private key on the token.'],
    ['格納をもう一度実行してください。解決しない場合は「tokendesk diagnose」の結果を添えて認証局にお問い合わせください。', 'Run the storage again. If it persists, contact the CA with the output of "tokendesk diagnose".'],
  ),
  entry(
    'TD-CERT-CHAIN-INVALID',
    'error',
    ['電子証明書の発行元を確認できません。', 'The certificate\'s issuer cannot be verified.'],
    ['電子証明書が、この認証局の証明書で検証できません。', 'The certificate does not verify against this CA\'s certificates.'],
    ['接続先の認証局（--ca）が正しいか確認してください。解決しない場合は認証局運用管理者にお問い合わせください。', 'Check the CA address (--ca). If it is right, contact the CA operator.'],
  ),
  entry(
    'TD-CA-ANSWER-UNREADABLE',
    'error',
    ['認証局から受け取った証明書を読み取れません。', 'The certificates received from the CA cannot be read.'],
    ['応答がPKCS#7（certs-only）形式ではないか、途中で壊れています。', 'The answer is not a certs-only PKCS#7, or it was damaged on the way.'],
    ['もう一度お試しください。続く場合は接続先（--ca）を確認し、認証局運用管理者にお問い合わせください。', 'Try again; if it persists, check --ca and contact the CA operator.'],
  ),
  entry(
    'TD-SUBJECT-INVALID',
    'error',
    ['--subject の指定が正しくありません（{detail}）。', 'The --subject value is not valid ({detail}).'],
    ['識別名（DN）は「CN=氏名,O=会社名,C=JP」の形式で、属性名と値を「=」で、属性どうしを「,」で区切ります。', 'A DN is written like "CN=name,O=company,C=JP": NAME=value pairs separated by commas.'],
    ['値に「,」「+」を含む場合は「\\,」のように前に「\\」を付けるか、値を「"」で囲んでください。国名（C）は JP のように大文字2文字です。', 'Escape "," and "+" inside a value with "\\", or quote the value; C is two capital letters such as JP.'],
  ),
  entry(
    'TD-CARD-BUSY',
    'info',
    ['ただいま ICカードにアクセス中です。しばらくお待ち下さい。', 'Accessing the IC card. Please wait.'],
    ['ICカードの読み取り中です。', 'The IC card is being read.'],
    ['ICカードを抜かずにお待ちください。', 'Do not remove the card; please wait.'],
    '002 §1.2',
  ),
  entry(
    'TD-CARD-EXPIRED-NEW-REGISTRATION',
    'error',
    ['現在使用しているICカードは有効期限を過ぎているため、ICカードの更新はできません。', 'The IC card in use has expired, so it cannot be updated to the new card.'],
    ['ICカードの更新は、現在使用しているICカードが有効期限内の場合だけ行えます。', 'A card update is only possible while the card in use is still valid.'],
    ['※現在使用しているICカードが有効期限を過ぎている場合は、新規登録処理を行ってください。', 'Register the new card as a new registration (新規登録) instead.'],
    '003',
  ),
  entry(
    'TD-CARD-COMPANY-DIFFERS',
    'warning',
    ['現在のICカードと新しいICカードで企業名称が異なります（{oldCompany} / {newCompany}）。', 'The company name differs between the current and the new IC card ({oldCompany} / {newCompany}).'],
    ['ICカードの内容に変更がある場合は、ICカード更新の対象になりません。', 'A card whose contents changed is not a plain card update.'],
    ['新規に使用するICカードの企業名称とICカード企業名称が御社の企業名称であることを確認してください。', 'Check that the company names on the new card are your company\'s.'],
    '003, 004 §1.6',
  ),
];
