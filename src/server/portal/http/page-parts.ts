/**
 * Markup that several portal pages draw alike: a table's header row, the contract-number
 * lookup form, and the hidden form a token's proof (`signChallenge`) is posted through.
 * Kept in one place so the pages cannot drift apart in the fields the CA reads.
 */
import type { Localized } from '../../../core/messages/message-entry.js';
import { formToken, html, type Raw } from './html.js';
import { CONTRACT_NO_LABEL, field, type PageRequest } from './page-kit.js';
import type { Lang } from './portal-language.js';

/** `<tr>` of column headers, each `[ja, en]`, in the page's language. */
export function headerRow(lang: Lang, cells: ReadonlyArray<readonly [ja: string, en: string]>): Raw {
  return html`<tr>
    ${headerCells(lang, cells)}
  </tr>`;
}

/** The `<th scope="col">` cells of one header row. */
function headerCells(lang: Lang, cells: ReadonlyArray<readonly [ja: string, en: string]>): Raw[] {
  return cells.map(([ja, en]) => html`<th scope="col">${lang === 'ja' ? ja : en}</th>`);
}

/** A form that posts the 13-digit contract number (and `extra` fields) to `action`. */
export function contractNoForm(r: PageRequest, action: string, button: Localized, extra: Raw[] = []): Raw {
  const { lang } = r;
  return html`<form method="post" action="${action}" novalidate>
    ${formToken(r.token)}
    ${field(lang, 'contractNo', CONTRACT_NO_LABEL, { value: r.form.contractNo ?? '', required: true, inputmode: 'numeric', maxlength: 13 })}
    ${extra}
    <p><button type="submit">${button[lang]}</button></p>
  </form>`;
}

/**
 * The form token-proof.js fills with the token's signed challenge and posts: it finds
 * it by id, asks the CA's nonce for `purpose` and starts on the button.
 */
export function tokenProofForm(
  r: PageRequest,
  options: { action: string; purpose: 'renew' | 'revoke'; button: Localized; dataForm?: boolean },
): Raw {
  const { lang } = r;
  const dataForm = options.dataForm ? html` data-form="${r.token}"` : '';
  return html`<form
    method="post"
    action="${options.action}"
    id="token-proof-form"
    data-purpose="${options.purpose}"
    ${dataForm}
  >
    ${formToken(r.token)}
    <input type="hidden" name="signedData" /><input type="hidden" name="signature" /><input
      type="hidden"
      name="certificatePem"
    />
    <p>
      <button type="button" id="token-proof-start">${options.button[lang]}</button>
    </p>
    <p id="token-proof-status" role="status" aria-live="polite"></p>
  </form>`;
}

/** The contract-number forms' button (申請, 失効申請). */
export const LOOK_UP: Localized = { ja: '参照', en: 'Look up' };

/** A page's opening paragraph, then the refusal of the last post when there was one. */
export function intro(lang: Lang, text: Localized, refusal?: Raw): Raw {
  return html`<p>${text[lang]}</p>
    ${refusal}`;
}

/**
 * Said instead of "the mail was sent" when the CA received the application but could not
 * mail about it (mail-after-commit.ts): applying again would only make a second one.
 */
export function mailNotSent(lang: Lang, applicationNos: readonly string[]): Raw {
  const numbers = applicationNos.join(lang === 'ja' ? '、' : ', ');
  return html`<p role="alert" class="problem">
    ${lang === 'ja'
      ? `申請は受け付けました（申請書番号 ${numbers}）が、お知らせメールを送信できませんでした。申請をやり直さず、申請書番号を添えて認証局運用管理者にお問い合わせください。`
      : `The application was received (application no. ${numbers}), but the notice mail could not be sent. Do not apply again: contact the CA operator, quoting the application number.`}
  </p>`;
}
