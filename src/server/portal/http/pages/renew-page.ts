/**
 * 更新申請 (CA manual §8.1): with the token plugged in, the holder proves possession of
 * the current certificate (the page's script: the CA's nonce → TokenDesk's
 * signChallenge → posted here), sees 電子証明書更新申請確認 filled from the certificate
 * and the CA's records (§8.1 ⑥: user ID, token serial, name, company, e-mail,
 * validity, status) and edits e-mail, role and validity years (§8.1 ⑦) → a renewal
 * application waiting for approval. Between the two steps the form carries a signed,
 * expiring, single-use ticket naming the certificate (no server memory).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CaContext } from '../../../ca-context.js';
import type { Localized } from '../../../../core/messages/message-entry.js';
import { checkEmail, checkRole, checkYears, PRICES, ROLES } from '../../applicant-fields.js';
import { certificateStanding, standingWords } from '../../certificate-standing.js';
import { submitRenewal } from '../../portal-applications.js';
import { portalErrors } from '../../portal-errors.js';
import { PortalStore } from '../../portal-store.js';
import { verifyTokenProof, type VerifiedProof } from '../../token-proof.js';
import type { FormGuard } from '../form-guard.js';
import { formToken, html, problem, type Raw } from '../html.js';
import {
  field,
  formatDate,
  pageRequest,
  postForm,
  sendPage,
  type PageRequest,
  type PortalDeps,
  typed,
} from '../page-kit.js';
import { intro, mailNotSent, tokenProofForm } from '../page-parts.js';
import { proofFrom } from '../proof-fields.js';

const TITLE = { ja: '電子証明書更新申請', en: 'Certificate renewal' };
const CONFIRM_TITLE = {
  ja: '電子証明書更新申請確認（受注者）',
  en: 'Certificate renewal details (contractor)',
};
const TICKET = 'renewal-ticket';

function start(r: PageRequest, refusal?: Raw): Raw {
  const { lang } = r;
  return html`${intro(lang, { ja: '現在お持ちの電子証明書の有効期限を延長して引き続き利用する場合に更新申請を行います。有効期限到来の60日前から、有効期限が切れた後も更新申請を行うことが可能です。', en: 'Renew to keep using your certificate: from 60 days before expiry, and also after it expired.' }, refusal)}
    <p>
      ${lang === 'ja' ? '更新申請するUSBトークンをパソコンのUSBポートに挿し、「USBトークンを読み込む」をクリックしてください。ユーザーPINは TokenDesk の画面で入力します（このページには入力しません）。' : 'Plug in the token to renew and click Read the token. You type the user PIN in TokenDesk, never on this page.'}
    </p>
    ${tokenProofForm(r, { action: '/portal/renew/proof', purpose: 'renew', button: { ja: 'USBトークンを読み込む', en: 'Read the token' } })}`;
}

async function newTicket(ctx: CaContext, guard: FormGuard, certificateSerial: string): Promise<string> {
  const nonce = randomBytes(18).toString('base64url');
  const lifetime = ctx.config.portal.formTokenMinutes * 60_000;
  await new PortalStore(ctx.store).addNonce(nonce, TICKET, new Date(), lifetime);
  return guard.sign(`${nonce}|${certificateSerial}`);
}

async function confirmForm(
  ctx: CaContext,
  r: PageRequest,
  proof: VerifiedProof,
  ticket: string,
  refusal?: Raw,
): Promise<Raw> {
  const { lang } = r;
  const tz = ctx.config.timeZone;
  const { application, certificate } = proof;
  const standing = await certificateStanding(ctx, certificatePemOf(certificate.der));
  const details = await new PortalStore(ctx.store).applicantDetail(application.application_no);
  const email = r.form.email ?? application.email;
  const role = r.form.role ?? details?.role ?? '';
  const years = r.form.years ?? String(application.years);
  return html`<dl class="summary">
      <dt>${lang === 'ja' ? 'ユーザーID' : 'User ID'}</dt>
      <dd>${application.user_id}</dd>
      <dt>${lang === 'ja' ? 'USBトークンシリアルナンバー' : 'Token serial'}</dt>
      <dd>${application.token_serial ?? proof.tokenSerial}</dd>
      <dt>${lang === 'ja' ? '氏名（ローマ字）' : 'Name (romanised)'}</dt>
      <dd>${details?.name_local ? `${details.name_local} / ` : ''}${application.name}</dd>
      <dt>${lang === 'ja' ? '会社名' : 'Company'}</dt>
      <dd>${application.company}</dd>
      <dt>${lang === 'ja' ? '契約番号' : 'Contract number'}</dt>
      <dd>${application.contract_no}</dd>
      <dt>${lang === 'ja' ? '有効期間' : 'Validity'}</dt>
      <dd>${formatDate(certificate.not_before, tz)}〜${formatDate(certificate.not_after, tz)}</dd>
      <dt>${lang === 'ja' ? '状態' : 'Status'}</dt>
      <dd>${standing ? standingWords(standing.standing, ctx.config.portal.renewalWindowDays).state[lang] : '—'}</dd>
    </dl>
    ${refusal}
    <form method="post" action="/portal/renew" novalidate>
      ${formToken(r.token)}<input type="hidden" name="ticket" value="${ticket}" />
      ${field(lang, 'email', { ja: 'メールアドレス', en: 'E-mail address' }, { value: email, required: true, inputmode: 'email', maxlength: 254, autocomplete: 'email' })}
      <p class="field">
        <label for="role">${lang === 'ja' ? '役職' : 'Role'}</label
        ><select id="role" name="role">
          <option value="">${lang === 'ja' ? '選択してください' : 'Choose'}</option>
          ${Object.entries(ROLES).map(([value, words]) => html`<option value="${value}" ${value === role ? html` selected` : ''}>${words[lang]}</option>`)}
        </select>
      </p>
      <p class="field">
        <label for="years">${lang === 'ja' ? '有効年数' : 'Validity'}</label
        ><select id="years" name="years">
          ${(['1', '2', '3'] as const).map((y) => html`<option value="${y}" ${y === years ? html` selected` : ''}>${y}${lang === 'ja' ? '年' : ' y'} — ¥${PRICES.renewal[Number(y) as 1 | 2 | 3].toLocaleString('en-US')}</option>`)}
        </select>
      </p>
      <p><button type="submit">${lang === 'ja' ? '更新申請' : 'Apply for renewal'}</button></p>
    </form>`;
}

function certificatePemOf(der: Buffer | Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The ticket's certificate, spent once: the proof it stands for, re-read from the database. */
const ticketExpired = () =>
  portalErrors.tokenProofRefused({
    ja: '本人確認の有効期限が切れました。',
    en: 'the proof has expired.',
  });

/**
 * The proof a ticket carries, checked; spent only by `spendTicket`, which the renewal
 * runs in the transaction that records it (a renewal that fails leaves the ticket usable).
 */
async function proofFromTicket(
  ctx: CaContext,
  guard: FormGuard,
  ticket: string | undefined,
): Promise<VerifiedProof & { spendTicket: (portal: PortalStore) => Promise<void> }> {
  const refused = ticketExpired();
  const text = ticket && ticket.length < 300 ? guard.verifySigned(ticket) : undefined;
  const [nonce, serial] = text?.split('|') ?? [];
  if (!nonce || !serial) throw refused;
  const certificate = await ctx.store.getCertificate(serial);
  if (!certificate) throw refused;
  if (certificate.revoked_at)
    throw portalErrors.tokenProofRefused({
      ja: 'この電子証明書は失効済みです。',
      en: 'the certificate is revoked.',
    });
  const application = (await ctx.store.getApplication(certificate.application_no))!;
  const spendTicket = async (portal: PortalStore): Promise<void> => {
    if (!(await portal.spendNonce(nonce, TICKET, new Date().toISOString()))) throw ticketExpired();
  };
  return { certificate, application, tokenSerial: application.token_serial ?? '', spendTicket };
}

export function registerRenewPage(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx, guard } = deps;
  const draw = (
    r: PageRequest,
    reply: Parameters<typeof sendPage>[0],
    title: Localized,
    body: Raw,
    status = 200,
  ) =>
    sendPage(
      reply,
      { lang: r.lang, title, path: '/portal/renew', body, scripts: ['token-proof.js'] },
      status,
    );

  app.get('/renew', async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    return draw(r, reply, TITLE, start(r));
  });

  postForm(
    app,
    deps,
    '/renew/proof',
    async (r, request, reply) => {
      const proof = await verifyTokenProof(ctx, proofFrom(r.form), 'renew');
      const standing = await certificateStanding(ctx, certificatePemOf(proof.certificate.der));
      if (standing?.standing === 'valid') {
        const from = formatDate(standing.renewalFrom, ctx.config.timeZone);
        throw portalErrors.invalidInput([
          {
            ja: `更新申請は有効期限到来の${ctx.config.portal.renewalWindowDays}日前（${from}）から行えます。`,
            en: `Renewal opens ${ctx.config.portal.renewalWindowDays} days before expiry (${from}).`,
          },
        ]);
      }
      const ticket = await newTicket(ctx, guard, proof.certificate.serial);
      return draw(
        { ...r, form: {} },
        reply,
        CONFIRM_TITLE,
        await confirmForm(ctx, { ...r, form: {} }, proof, ticket),
      );
    },
    (r, reply, refusal, status) => draw(r, reply, TITLE, start(r, refusal), status),
  );

  postForm(
    app,
    deps,
    '/renew',
    async (r, request, reply) => {
      const email = typed(r.form, 'email');
      const role = r.form.role ?? '';
      const years = r.form.years ?? '';
      const problems = [checkEmail(email, 'No.1'), checkRole(role, 'No.1'), checkYears(years, 'No.1')].filter(
        (p): p is Localized => p !== undefined,
      );
      if (problems.length > 0) {
        const proof = await proofFromTicket(ctx, guard, r.form.ticket);
        const refusal = portalErrors.invalidInput(problems);
        void reply.header('X-TokenDesk-Error', refusal.code);
        return draw(
          r,
          reply,
          CONFIRM_TITLE,
          await confirmForm(
            ctx,
            r,
            proof,
            r.form.ticket!,
            problem(r.lang, refusal.text, refusal.remedy, refusal.code),
          ),
          refusal.status,
        );
      }
      const proof = await proofFromTicket(ctx, guard, r.form.ticket);
      const submitted = await submitRenewal(ctx, proof, { email, role, years: Number(years) as 1 | 2 | 3 }, proof.spendTicket);
      return draw(
        r,
        reply,
        TITLE,
        html`${submitted.mailed
            ? html`<p role="status" class="done">
            ${r.lang === 'ja' ? `申請書番号${submitted.application.applicationNo}で更新申請しました。認証局が承認すると電子証明書格納用PINがメールで届きます。` : `Renewal applied for as application ${submitted.application.applicationNo}. When the CA approves, the storage PIN arrives by mail.`}
          </p>`
            : mailNotSent(r.lang, [submitted.application.applicationNo])}
          <p><a href="/portal/status">${r.lang === 'ja' ? '申請状況確認へ' : 'Application status'}</a></p>`,
      );
    },
    (r, reply, refusal, status) => draw(r, reply, TITLE, start(r, refusal), status),
  );
}
