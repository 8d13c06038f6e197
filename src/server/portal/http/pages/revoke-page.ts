/**
 * 失効申請 (CA manual §9): contract number → its users → choose → the CA mails
 * 申請内容確認のお願い with a one-time link; the link's page (GET, which revokes
 * nothing: mail scanners open links) confirms with a POST. Or, with the token plugged
 * in, the holder proves possession and the certificate is revoked at once.
 */
import type { FastifyInstance } from 'fastify';
import { isContractNo } from '../../../identifiers.js';
import { ROLES } from '../../applicant-fields.js';
import { portalErrors } from '../../portal-errors.js';
import {
  confirmRevocation,
  requestRevocation,
  revocableUsers,
  revocationRequestOf,
  revokeWithProof,
} from '../../revocation-requests.js';
import { verifyTokenProof } from '../../token-proof.js';
import { countLookup } from '../lookup-limit.js';
import { formToken, html, type Raw } from '../html.js';
import {
  CONTRACT_NO_PROBLEM,
  formatDate,
  orShowRefusal,
  pageRequest,
  postForm,
  sendPage,
  type PageRequest,
  type PortalDeps,
  typed,
} from '../page-kit.js';
import { contractNoForm, headerRow, intro, LOOK_UP, tokenProofForm } from '../page-parts.js';
import { proofFrom } from '../proof-fields.js';

const TITLE = { ja: '失効申請', en: 'Revocation' };
const CONFIRM_TITLE = { ja: '電子証明書申請内容確認', en: 'Confirm the application' };

function start(r: PageRequest, refusal?: Raw): Raw {
  const { lang } = r;
  return html`${intro(lang, { ja: '工事が竣工した時や、現場を異動する際には、使用していた電子証明書の失効申請を行います。失効した電子証明書は元に戻せません。', en: 'When the work is finished or you leave it, revoke the certificate. A revoked certificate cannot be restored.' }, refusal)}
    <section aria-labelledby="by-mail">
      <h2 id="by-mail">${lang === 'ja' ? '契約番号から申請する' : 'Apply with the contract number'}</h2>
      ${contractNoForm(r, '/portal/revoke/users', LOOK_UP)}
      <p>
        ${lang === 'ja' ? '申請すると、登録されたメールアドレスに「【認証局】電子証明書申請内容確認のお願い」が届きます。メール内のURLで申請内容確認を行った時点で失効されます。' : 'The CA then mails 申請内容確認のお願い to the address on record; the certificate is revoked when you confirm with its link.'}
      </p>
    </section>
    <section aria-labelledby="by-token">
      <h2 id="by-token">
        ${lang === 'ja' ? 'USBトークンで本人確認して失効する' : 'Revoke now with your token'}
      </h2>
      <p>
        ${lang === 'ja' ? '失効するUSBトークンをパソコンに挿し、TokenDesk でユーザーPINを入力すると、ただちに失効されます。' : 'Plug in the token and enter its user PIN in TokenDesk: the certificate is revoked at once.'}
      </p>
      ${tokenProofForm(r, { action: '/portal/revoke/token', purpose: 'revoke', button: { ja: 'USBトークンで失効する', en: 'Revoke with the token' }, dataForm: true })}
    </section>`;
}

function done(lang: 'ja' | 'en', text: { ja: string; en: string }): Raw {
  return html`<p role="status" class="done">${text[lang]}</p>
    <p><a href="/portal/status">${lang === 'ja' ? '申請状況確認へ' : 'Application status'}</a></p>`;
}

export function registerRevokePage(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx, guard } = deps;
  const tz = ctx.config.timeZone;
  const draw = (
    r: PageRequest,
    reply: Parameters<typeof sendPage>[0],
    body: Raw,
    status = 200,
    title = TITLE,
    path = '/portal/revoke',
  ) =>
    sendPage(
      reply,
      { lang: r.lang, title, path, body, scripts: path === '/portal/revoke' ? ['token-proof.js'] : [] },
      status,
    );

  app.get('/revoke', async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    return draw(r, reply, start(r));
  });

  app.post('/revoke/users', async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    const { lang } = r;
    return orShowRefusal(
      lang,
      reply,
      async () => {
        guard.check(request, r.form._form);
        const contractNo = typed(r.form, 'contractNo');
        if (!isContractNo(contractNo)) throw portalErrors.invalidInput([CONTRACT_NO_PROBLEM]);
        await countLookup(ctx, request.ip);
        const users = await revocableUsers(ctx, contractNo);
        if (users.length === 0) throw portalErrors.nothingToRevoke();
        return draw(
          r,
          reply,
          html`<form method="post" action="/portal/revoke/request">
            ${formToken(r.token)}<input type="hidden" name="contractNo" value="${contractNo}" />
            <fieldset>
              <legend>
                ${lang === 'ja' ? `契約番号 ${contractNo}: 失効する利用者を選択してください` : `Contract ${contractNo}: choose the user to revoke`}
              </legend>
              <table class="users">
                <thead>
                  ${headerRow(lang, [
                    ['選択', 'Choose'],
                    ['氏名（ローマ字）', 'Name (romanised)'],
                    ['USBトークンシリアルナンバー', 'Token serial'],
                    ['役職', 'Role'],
                    ['電子証明書有効期間', 'Validity'],
                    ['有効年数', 'Years'],
                  ])}
                </thead>
                <tbody>
                  ${users.map(
                    (u, i) =>
                      html`<tr>
                        <td>
                          <input
                            type="radio"
                            name="applicationNo"
                            value="${u.applicationNo}"
                            id="user-${i}"
                            ${i === 0 ? html` required` : ''}
                          />
                        </td>
                        <td><label for="user-${i}">${u.name}</label></td>
                        <td>${u.tokenSerial ?? '—'}</td>
                        <td>${u.role ? (ROLES[u.role]?.[lang] ?? u.role) : '—'}</td>
                        <td>${formatDate(u.notBefore, tz)}〜${formatDate(u.notAfter, tz)}</td>
                        <td>${u.years}${lang === 'ja' ? '年' : ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </fieldset>
            <p><button type="submit">${lang === 'ja' ? '申請' : 'Apply'}</button></p>
          </form>`,
        );
      },
      (refusal, status) => draw(r, reply, start(r, refusal), status),
    );
  });

  postForm(
    app,
    deps,
    '/revoke/request',
    async (r, request, reply) => {
      const contractNo = typed(r.form, 'contractNo');
      const applicationNo = typed(r.form, 'applicationNo');
      if (!isContractNo(contractNo)) throw portalErrors.invalidInput([CONTRACT_NO_PROBLEM]);
      if (!/^\d{11,14}$/.test(applicationNo))
        throw portalErrors.invalidInput([
          { ja: '失効する利用者を選択してください。', en: 'Choose the user to revoke.' },
        ]);
      await countLookup(ctx, request.ip);
      const sent = await requestRevocation(ctx, contractNo, applicationNo);
      return draw(
        r,
        reply,
        done(r.lang, {
          ja: `申請書番号${sent.applicationNo}を失効申請しました。申請内容確認メールを ${sent.mailedTo} に送信しました。メールの内容に従い、確認の作業を行ってください。`,
          en: `Revocation requested for application ${sent.applicationNo}. A confirmation mail was sent to ${sent.mailedTo}; follow its link to confirm.`,
        }),
      );
    },
    (r, reply, refusal, status) => draw(r, reply, start(r, refusal), status),
  );

  app.get<{ Params: { secret: string } }>('/revoke/confirm/:secret', async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    const { lang } = r;
    // The link's secret must not leak to other sites through the Referer.
    void reply.header('Referrer-Policy', 'no-referrer');
    return orShowRefusal(
      lang,
      reply,
      async () => {
        const req = await revocationRequestOf(ctx, request.params.secret);
        const application = (await ctx.store.getApplication(req.application_no))!;
        const certificate = await ctx.store.getCertificate(req.certificate_serial);
        return draw(
          r,
          reply,
          html`<dl class="summary">
              <dt>${lang === 'ja' ? '申請内容' : 'Request'}</dt>
              <dd>${lang === 'ja' ? '電子証明書の失効' : 'Revoke the certificate'}</dd>
              <dt>${lang === 'ja' ? '契約番号' : 'Contract number'}</dt>
              <dd>${application.contract_no}</dd>
              <dt>${lang === 'ja' ? '申請書番号' : 'Application number'}</dt>
              <dd>${application.application_no}</dd>
              <dt>${lang === 'ja' ? '氏名（ローマ字）' : 'Name (romanised)'}</dt>
              <dd>${application.name}</dd>
              <dt>${lang === 'ja' ? 'USBトークンシリアルナンバー' : 'Token serial'}</dt>
              <dd>${application.token_serial ?? '—'}</dd>
              <dt>${lang === 'ja' ? '電子証明書有効期間' : 'Validity'}</dt>
              <dd>${formatDate(certificate?.not_before, tz)}〜${formatDate(certificate?.not_after, tz)}</dd>
            </dl>
            <p>
              ${lang === 'ja' ? '「確認」をクリックした時点で電子証明書が失効されます。一度失効されると取消はできません。' : 'The certificate is revoked when you click Confirm. This cannot be undone.'}
            </p>
            <form method="post" action="/portal/revoke/confirm">
              ${formToken(r.token)}<input type="hidden" name="link" value="${request.params.secret}" /><input
                type="hidden"
                name="applicationNo"
                value="${application.application_no}"
              />
              <p><button type="submit">${lang === 'ja' ? '確認' : 'Confirm'}</button></p>
            </form>`,
          200,
          CONFIRM_TITLE,
          '/portal/revoke/confirm/' + request.params.secret,
        );
      },
      (refusal, status) => draw(r, reply, refusal, status, CONFIRM_TITLE, '/portal/revoke'),
    );
  });

  postForm(
    app,
    deps,
    '/revoke/confirm',
    async (r, request, reply) => {
      const result = await confirmRevocation(ctx, r.form.link ?? '', typed(r.form, 'applicationNo'));
      return draw(
        r,
        reply,
        done(r.lang, {
          ja: `申請書番号${result.applicationNo}の電子証明書を失効しました。`,
          en: `The certificate of application ${result.applicationNo} is revoked.`,
        }),
        200,
        CONFIRM_TITLE,
        '/portal/revoke',
      );
    },
    (r, reply, refusal, status) => draw(r, reply, refusal, status, CONFIRM_TITLE, '/portal/revoke'),
  );

  postForm(
    app,
    deps,
    '/revoke/token',
    async (r, request, reply) => {
      const proof = await verifyTokenProof(ctx, proofFrom(r.form), 'revoke');
      const result = await revokeWithProof(ctx, proof);
      return draw(
        r,
        reply,
        done(r.lang, {
          ja: `申請書番号${result.applicationNo}の電子証明書を失効しました。`,
          en: `The certificate of application ${result.applicationNo} is revoked.`,
        }),
      );
    },
    (r, reply, refusal, status) => draw(r, reply, start(r, refusal), status),
  );
}
