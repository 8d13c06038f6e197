/**
 * The portal's refusals, in the CA's catalogue form (code, status, words in Japanese
 * and English, remedy). Rows 13 and 14 of CA manual §12.1 come with the manual's words
 * from TokenDesk's message catalogue.
 */
import { messageFor } from '../../core/messages/index.js';
import type { Localized } from '../../core/messages/message-entry.js';
import { ServerError } from '../server-error.js';

function fromManual(code: 'TD-NO-CONTRACT' | 'TD-NO-PREVIOUS-APPLICATION', status: number, contractNo: string): ServerError {
  const m = messageFor(code, { contractNumber: contractNo });
  return refusal(code === 'TD-NO-CONTRACT' ? 'contractUnknown' : 'noApplications', status, m.text, m.remedy);
}

/** A portal refusal in the CA's catalogue form (positional, as the portal's table reads best). */
export function refusal(code: string, status: number, text: Localized, remedy: Localized, details: { attemptsLeft?: number; locked?: boolean } = {}, headers: Record<string, string> = {}): ServerError {
  return new ServerError({ code, status, text, remedy, details, headers });
}

const reload: Localized = { ja: 'ページを開き直して、もう一度操作してください。', en: 'Open the page again and repeat the step.' };

export const portalErrors = {
  /** Row 14: 契約番号xxxに該当する契約データはありません。 */
  contractUnknown: (contractNo: string) => fromManual('TD-NO-CONTRACT', 404, contractNo),
  /** Row 13: 契約番号xxxに該当する以前の申請データはありません。 */
  noApplications: (contractNo: string) => fromManual('TD-NO-PREVIOUS-APPLICATION', 404, contractNo),
  formExpired: () =>
    refusal('formExpired', 403, { ja: '画面の有効期限が切れたか、別の画面から送信されました。', en: 'The form has expired or was sent from another page.' }, reload),
  invalidInput: (errors: Localized[]) =>
    refusal('invalidInput', 400, { ja: errors.map((e) => e.ja).join(' '), en: errors.map((e) => e.en).join(' ') }, {
      ja: '入力内容を確認して、再度入力してください。',
      en: 'Check the fields and enter them again.',
    }),
  /** The request is recorded, but its link could not be mailed: nothing can confirm it, so asking again is safe. */
  revocationMailFailed: () =>
    refusal(
      'mailFailed',
      502,
      { ja: '失効申請の確認メールを送信できませんでした。失効は行われていません。', en: 'The confirmation mail for the revocation could not be sent. Nothing was revoked.' },
      { ja: 'しばらくしてから失効申請をやり直してください。繰り返す場合は認証局運用管理者にお問い合わせください。', en: 'Apply for revocation again in a while; if it happens again, contact the CA operator.' },
    ),
  linkInvalid: () =>
    refusal(
      'confirmationLinkInvalid',
      410,
      { ja: 'この申請内容確認URLは無効です（使用済み、有効期限切れ、または別の申請のものです）。失効は行われていません。', en: 'This confirmation link is not valid (used, expired, or of another application). Nothing was revoked.' },
      { ja: '失効が必要な場合は、失効申請をやり直してください。', en: 'If the certificate must be revoked, apply for revocation again.' },
    ),
  tokenProofRefused: (reason: Localized) =>
    refusal('tokenProofRefused', 403, { ja: `USBトークンによる本人確認ができませんでした: ${reason.ja}`, en: `The token could not prove who you are: ${reason.en}` }, {
      ja: '更新・失効するUSBトークンを挿し、ページを開き直して、もう一度操作してください。',
      en: 'Plug in the token to renew or revoke, open the page again and repeat the step.',
    }),
  nothingToRevoke: () =>
    refusal('nothingToRevoke', 404, { ja: '選択された利用者には失効できる電子証明書がありません。', en: 'The chosen user has no certificate that can be revoked.' }, {
      ja: '申請状況確認で状況を確認してください。',
      en: 'Check the application status.',
    }),
  lookupLimited: (retryAfterSeconds: number) =>
    refusal(
      'rateLimited',
      429,
      { ja: '短時間に検索が集中しました。しばらくしてから再度お試しください。', en: 'Too many lookups in a short time. Try again later.' },
      { ja: `${retryAfterSeconds}秒ほど待ってから再度お試しください。`, en: `Wait about ${retryAfterSeconds} seconds and try again.` },
      {},
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};
