/**
 * The CA's mails of CA manual §3, with the subjects the manual names. Japanese first
 * (the manual's words), English after. Only the storage-PIN mail carries a secret.
 */
import type { CaMail } from './mail-sender.js';

export interface MailApplicant {
  applicationNo: string;
  userId: string;
  name: string;
  email: string;
}

const footer = [
  '',
  '※このメールは送信専用です。/ This mail is sent automatically; do not reply.',
  '認証局 / TokenDesk reference CA',
];

/** 【認証局】承諾書ダウンロードのお知らせ: to the first applicant of a new application (§7.2 (2)). */
export function consentFormMail(to: string, contractNo: string, applicants: MailApplicant[], statusUrl: string): CaMail {
  return {
    to,
    subject: '【認証局】承諾書ダウンロードのお知らせ',
    text: [
      `契約番号 ${contractNo} の電子証明書発行申請を受け付けました。`,
      '',
      ...applicants.map((a, i) => `No.${i + 1} 申請書番号:${a.applicationNo}  ${a.name} <${a.email}>`),
      '',
      '承諾書に監督員名、現場代理人名を記入し、押印を受けて認証局へ提出してください。',
      `申請手続きの状況は申請状況確認で確認できます（契約番号と申請書番号を入力）: ${statusUrl}`,
      '',
      `We have received the certificate application(s) for contract number ${contractNo} (application numbers above).`,
      `Submit the signed consent form (承諾書) to the CA. Follow the progress on the status page: ${statusUrl}`,
      ...footer,
    ].join('\n'),
  };
}

/** 【認証局】電子証明書申請内容確認のお願い for a revocation (§9): the certificate is revoked when the link is confirmed. */
export function revocationConfirmationMail(applicant: MailApplicant, certificateSerial: string, link: string, expiresAt: Date): CaMail {
  const until = expiresAt.toISOString().replace('T', ' ').slice(0, 16);
  return {
    to: applicant.email,
    subject: '【認証局】電子証明書申請内容確認のお願い',
    text: [
      `${applicant.userId} ${applicant.name} 様 (申請書番号:${applicant.applicationNo})`,
      '',
      '電子証明書の失効申請を受け付けました。下記URLにアクセスし、申請内容の確認を行ってください。',
      '申請内容確認を行った時点で、電子証明書が失効されます。一度失効すると取消はできません。',
      `【申請内容確認URL】 ${link}`,
      `（有効期限: ${until} UTC、1回限り有効）`,
      `証明書シリアル番号: ${certificateSerial}`,
      '',
      'A revocation of your certificate was requested. Open the link above to confirm it; the certificate is',
      `revoked when you confirm, and this cannot be undone. The link works once, until ${until} UTC.`,
      'If you did not ask for this, ignore this mail: nothing is revoked without the confirmation.',
      ...footer,
    ].join('\n'),
  };
}

/** 【認証局】電子証明書格納デバイスへの格納方法のご案内 (§7.4 ①): the storage PIN, the one place it leaves the CA. */
export function storagePinGuideMail(applicant: MailApplicant, storagePin: string): CaMail {
  return {
    to: applicant.email,
    subject: '【認証局】電子証明書格納デバイスへの格納方法のご案内',
    text: [
      `${applicant.userId} ${applicant.name} 様 (申請書番号:${applicant.applicationNo})`,
      `【電子証明書格納用PIN】 ${storagePin}`,
      '',
      'このメールは電子証明書の利用を申請され、審査の結果、申請が受理された方に送付しております。',
      'このたび認証局より、利用者様の電子証明書が発行されましたので、通知いたします。',
      'TokenDesk の「証明書の格納」で申請書番号と上記の電子証明書格納用PIN（10桁の数字）を入力し、USBトークンに電子証明書を格納してください。',
      '',
      `Your certificate is ready. In TokenDesk, "Store certificate", enter the application number ${applicant.applicationNo}`,
      'and the 10-digit storage PIN above to store it on your token.',
      ...footer,
    ].join('\n'),
  };
}

/**
 * ロック解除コードのお知らせ (CA manual §12.1 row 6: the CA unlocks a locked token): the
 * one-time code, like the storage PIN the one secret this mail carries, to the address
 * the CA has on record for the token's holder.
 */
export function unlockCodeMail(holder: MailApplicant, tokenSerial: string, code: string, expiresAt: Date): CaMail {
  const until = expiresAt.toISOString().slice(0, 16).replace('T', ' ');
  return {
    to: holder.email,
    subject: '【認証局】USBトークンのロック解除コードのお知らせ',
    text: [
      `${holder.userId} ${holder.name} 様`,
      `【USBトークンシリアルナンバー】 ${tokenSerial}`,
      `【ロック解除コード】 ${code}`,
      `【有効期限】 ${until} (UTC)`,
      '',
      'ロックされたUSBトークンのロック解除をご依頼いただいたため、ロック解除コードをお知らせします。',
      'TokenDesk のヘルプデスク診断で「ロック解除」を選び、上記のコード（10桁の数字）と新しいユーザーPINを入力してください。',
      '電子証明書と秘密鍵はそのまま使えます。コードは1回限り有効で、5回間違えると無効になります。',
      '',
      `You asked the CA to unlock your token ${tokenSerial}. In TokenDesk, helpdesk → Unlock, enter the 10-digit code`,
      `above and a new user PIN. Your certificate and key stay as they are. The code works once, until ${until} UTC;`,
      'five wrong entries spend it.',
      ...footer,
    ].join('\n'),
  };
}
