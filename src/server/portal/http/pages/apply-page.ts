/**
 * 新規発行・再発行申請 (CA manual §7.2): 契約番号 → 参照 (row 14 for an unknown contract)
 * → 電子証明書発行申請内容入力 with the contract's information and the applicants
 * (氏名, 氏名（ローマ字）, メールアドレス, USBトークンシリアルナンバー for a reissue only,
 * 役職, 有効年数) → the applications, waiting for the operator, and the 承諾書 mail.
 * The page's script compares a typed token serial with the plugged-in token (row 10).
 */
import type { FastifyInstance } from 'fastify';
import { isContractNo } from '../../../identifiers.js';
import {
  checkApplicant,
  isBlankRow,
  MAX_APPLICANT_ROWS,
  PRICES,
  ROLES,
  SHIPPING_YEN,
  type CheckedApplicant,
} from '../../applicant-fields.js';
import { submitApplications } from '../../portal-applications.js';
import { portalErrors } from '../../portal-errors.js';
import { PortalStore, type ContractRecord } from '../../portal-store.js';
import type { Localized } from '../../../../core/messages/message-entry.js';
import { countLookup } from '../lookup-limit.js';
import { formToken, html, type Raw } from '../html.js';
import {
  CONTRACT_NO_PROBLEM,
  field,
  orShowRefusal,
  pageRequest,
  postForm,
  sendPage,
  type PageRequest,
  type PortalDeps,
  typed,
} from '../page-kit.js';
import { contractNoForm, headerRow, intro, LOOK_UP, mailNotSent } from '../page-parts.js';

const TITLE = { ja: '電子証明書発行申請', en: 'Certificate application' };
const ENTRY_TITLE = {
  ja: '電子証明書発行申請内容入力（受注者）',
  en: 'Certificate application details (contractor)',
};

function start(r: PageRequest, refusal?: Raw): Raw {
  const { lang } = r;
  return html`${intro(lang, { ja: '「契約番号（13桁）」を入力し、「参照」をクリックして発行申請手続きをはじめてください。', en: 'Enter the 13-digit contract number and click Look up to start.' }, refusal)}
  ${contractNoForm(r, '/portal/apply/contract', LOOK_UP)}`;
}

const yen = (n: number): string => `¥${n.toLocaleString('en-US')}`;

function entry(r: PageRequest, contract: ContractRecord, refusal?: Raw): Raw {
  const { lang } = r;
  const v = (name: string): string => r.form[name] ?? '';
  const roleOptions = (selected: string): Raw[] =>
    Object.entries(ROLES).map(
      ([value, words]) =>
        html`<option value="${value}" ${value === selected ? html` selected` : ''}>${words[lang]}</option>`,
    );
  const yearOptions = (selected: string): Raw[] =>
    ['1', '2', '3'].map(
      (y) =>
        html`<option value="${y}" ${y === (selected || '1') ? html` selected` : ''}>
          ${y}${lang === 'ja' ? '年' : y === '1' ? ' year' : ' years'}
        </option>`,
    );
  return html`<dl class="summary">
      <dt>${lang === 'ja' ? '契約番号' : 'Contract number'}</dt>
      <dd>${contract.contract_no}</dd>
      <dt>${lang === 'ja' ? '契約件名' : 'Title'}</dt>
      <dd>${contract.title}</dd>
      <dt>${lang === 'ja' ? '工期' : 'Work period'}</dt>
      <dd>${contract.period_from.replace(/-/g, '/')}〜${contract.period_to.replace(/-/g, '/')}</dd>
      <dt>${lang === 'ja' ? '支社・局' : 'Branch'}</dt>
      <dd>${contract.branch}</dd>
      <dt>${lang === 'ja' ? '事務所' : 'Office'}</dt>
      <dd>${contract.office}</dd>
      <dt>${lang === 'ja' ? '受注者' : 'Contractor'}</dt>
      <dd>${contract.contractor}</dd>
      <dt>${lang === 'ja' ? '受注者（英語表記）' : 'Contractor (English)'}</dt>
      <dd>${contract.contractor_en}</dd>
    </dl>
    ${refusal}
    <form method="post" action="/portal/apply" novalidate id="apply-form">
      ${formToken(r.token)}<input type="hidden" name="contractNo" value="${contract.contract_no}" />
      <p>
        ${lang === 'ja' ? '再発行時のみUSBトークンシリアルナンバー（8桁）を入力してください。空欄の場合は新規発行申請となります。' : 'Enter the 8-character token serial only for a reissue; leave it empty for a new token.'}
      </p>
      ${Array.from({ length: MAX_APPLICANT_ROWS }, (_, i) => {
        const n = i + 1;
        return html`<fieldset class="applicant">
          <legend>
            No.${n}${i === 0 ? (lang === 'ja' ? '（必須・メールの宛先）' : ' (required; receives the mails)') : ''}
          </legend>
          ${field(lang, `nameLocal${n}`, { ja: '氏名', en: 'Name' }, { value: v(`nameLocal${n}`), required: i === 0, maxlength: 40, autocomplete: i === 0 ? 'name' : 'off' })}
          ${field(lang, `name${n}`, { ja: '氏名（ローマ字）', en: 'Name (romanised)' }, { value: v(`name${n}`), required: i === 0, maxlength: 64, hint: { ja: '例: Souken Tarou', en: 'e.g. Souken Tarou' } })}
          ${field(lang, `email${n}`, { ja: 'メールアドレス', en: 'E-mail address' }, { value: v(`email${n}`), required: i === 0, inputmode: 'email', maxlength: 254, autocomplete: i === 0 ? 'email' : 'off' })}
          ${field(lang, `tokenSerial${n}`, { ja: 'USBトークンシリアルナンバー（再発行時のみ）', en: 'Token serial (reissue only)' }, { value: v(`tokenSerial${n}`), maxlength: 8 })}
          <p class="field">
            <label for="role${n}">${lang === 'ja' ? '役職' : 'Role'}</label
            ><select id="role${n}" name="role${n}">
              ${html`<option value="">${lang === 'ja' ? '選択してください' : 'Choose'}</option>`}${roleOptions(v(`role${n}`))}
            </select>
          </p>
          <p class="field">
            <label for="years${n}">${lang === 'ja' ? '有効年数' : 'Validity'}</label
            ><select id="years${n}" name="years${n}">
              ${yearOptions(v(`years${n}`))}
            </select>
          </p>
        </fieldset>`;
      })}
      <p id="serial-check" role="status" aria-live="polite"></p>
      <p><button type="submit">${lang === 'ja' ? '申請' : 'Apply'}</button></p>
    </form>`;
}

function completed(
  lang: 'ja' | 'en',
  contractNo: string,
  applicants: CheckedApplicant[],
  numbers: string[],
  mailed: boolean,
): Raw {
  let total = 0;
  let shipping = 0;
  const lines = applicants.map((a, i) => {
    const kind = a.tokenSerial ? 'reissue' : 'new';
    const price = PRICES[kind][a.years];
    total += price;
    if (kind === 'new') shipping = SHIPPING_YEN;
    const kindWords: Localized =
      kind === 'new' ? { ja: '新規発行', en: 'New' } : { ja: '再発行', en: 'Reissue' };
    return html`<tr>
      <td>${numbers[i]}</td>
      <td>${a.name}</td>
      <td>${kindWords[lang]} ${lang === 'ja' ? `証明書有効期間${a.years}年` : `${a.years} year(s)`}</td>
      <td>${yen(price)}</td>
    </tr>`;
  });
  return html`${mailed
      ? html`<p role="status" class="done">
      ${lang === 'ja' ? `契約番号${contractNo}の申請を受け付けました。No.1の方に「【認証局】承諾書ダウンロードのお知らせ」メールを送信しました。` : `The application for contract ${contractNo} was received; No.1 has been sent the consent-form mail.`}
    </p>`
      : mailNotSent(lang, numbers)}
    <table class="price">
      <thead>
        ${headerRow(lang, [
          ['申請書番号', 'Application no.'],
          ['氏名（ローマ字）', 'Name'],
          ['区分', 'Kind'],
          ['金額', 'Price'],
        ])}
      </thead>
      <tbody>
        ${lines}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan="3">${lang === 'ja' ? '荷造・送料' : 'Packing and shipping'}</th>
          <td>${yen(shipping)}</td>
        </tr>
        <tr>
          <th scope="row" colspan="3">${lang === 'ja' ? '請求額（振込金額）' : 'Total'}</th>
          <td>${yen(total + shipping)}</td>
        </tr>
      </tfoot>
    </table>
    <p>
      ${lang === 'ja' ? '認証局が承認すると「【認証局】電子証明書格納デバイスへの格納方法のご案内」メールで電子証明書格納用PINが届きます。' : 'When the CA approves, the storage PIN arrives in the mail 電子証明書格納デバイスへの格納方法のご案内.'}
    </p>`;
}

export function registerApplyPage(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx, guard } = deps;
  const portal = new PortalStore(ctx.store);
  const draw = (
    r: PageRequest,
    reply: Parameters<typeof sendPage>[0],
    title: Localized,
    body: Raw,
    status = 200,
  ) => sendPage(reply, { lang: r.lang, title, path: '/portal/apply', body, scripts: ['apply.js'] }, status);

  const contractOf = async (contractNo: string): Promise<ContractRecord> => {
    if (!isContractNo(contractNo)) throw portalErrors.invalidInput([CONTRACT_NO_PROBLEM]);
    const contract = await portal.getContract(contractNo);
    if (!contract) throw portalErrors.contractUnknown(contractNo);
    return contract;
  };

  app.get('/apply', async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    return draw(r, reply, TITLE, start(r));
  });

  postForm(
    app,
    deps,
    '/apply/contract',
    async (r, request, reply) => {
      await countLookup(ctx, request.ip);
      const contract = await contractOf(typed(r.form, 'contractNo'));
      return draw(r, reply, ENTRY_TITLE, entry({ ...r, form: {} }, contract));
    },
    (r, reply, refusal, status) => draw(r, reply, TITLE, start(r, refusal), status),
  );

  app.post('/apply', async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    let contract: ContractRecord | undefined;
    return orShowRefusal(
      r.lang,
      reply,
      async () => {
        guard.check(request, r.form._form);
        // The contract is looked up here too, and a refusal tells a known number from an
        // unknown one: counted like /apply/contract, or it would be the way around the limit.
        await countLookup(ctx, request.ip);
        contract = await contractOf(typed(r.form, 'contractNo'));
        const applicants: CheckedApplicant[] = [];
        const problems: Localized[] = [];
        for (let i = 0; i < MAX_APPLICANT_ROWS; i++) {
          const n = i + 1;
          const row = {
            nameLocal: r.form[`nameLocal${n}`] ?? '',
            name: r.form[`name${n}`] ?? '',
            email: r.form[`email${n}`] ?? '',
            tokenSerial: r.form[`tokenSerial${n}`] ?? '',
            role: r.form[`role${n}`] ?? '',
            years: r.form[`years${n}`] ?? '1',
          };
          if (i > 0 && isBlankRow(row)) continue;
          const checked = checkApplicant(row, i);
          problems.push(...checked.problems);
          if (checked.applicant) applicants.push(checked.applicant);
        }
        if (problems.length > 0) throw portalErrors.invalidInput(problems);
        const submitted = await submitApplications(ctx, contract.contract_no, applicants);
        return draw(
          r,
          reply,
          TITLE,
          completed(
            r.lang,
            contract.contract_no,
            applicants,
            submitted.applications.map((s) => s.applicationNo),
            submitted.mailed,
          ),
        );
      },
      (refusal, status) =>
        contract
          ? draw(r, reply, ENTRY_TITLE, entry(r, contract, refusal), status)
          : draw(r, reply, TITLE, start(r, refusal), status),
    );
  });
}
