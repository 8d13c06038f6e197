/** 申請手続き状況確認 (CA manual §10): contract number, optionally the application number → the applications and their state. */
import type { FastifyInstance } from 'fastify';
import { isApplicationNo, isContractNo } from '../../../identifiers.js';
import {
  applicationProgress,
  KIND_WORDS,
  PROGRESS_WORDS,
  type ProgressRow,
} from '../../application-progress.js';
import { portalErrors } from '../../portal-errors.js';
import { countLookup } from '../lookup-limit.js';
import { html, type Raw } from '../html.js';
import {
  CONTRACT_NO_PROBLEM,
  field,
  formatDate,
  pageRequest,
  postForm,
  sendPage,
  type PageRequest,
  type PortalDeps,
  typed,
} from '../page-kit.js';
import { contractNoForm, headerRow, intro } from '../page-parts.js';

const TITLE = { ja: '申請手続き状況確認', en: 'Application status' };

function form(r: PageRequest, refusal?: Raw): Raw {
  const { lang } = r;
  return html`${intro(lang, { ja: '「契約番号」のみを入力した場合は最新の手続き状況が、「契約番号」「申請書番号」の両方を入力した場合は該当の申請書番号の手続きが確認できます。', en: 'With the contract number alone you see the latest progress; with the application number too, that application in detail.' }, refusal)}
  ${contractNoForm(r, '/portal/status', { ja: '検索', en: 'Search' }, [
    field(
      lang,
      'applicationNo',
      { ja: '申請書番号（任意）', en: 'Application number (optional)' },
      {
        value: r.form.applicationNo ?? '',
        inputmode: 'numeric',
        maxlength: 14,
        hint: {
          ja: 'メールに記載の申請書番号（例: 20230426035）',
          en: 'From the CA’s mail, e.g. 20230426035',
        },
      },
    ),
  ])}`;
}

function results(r: PageRequest, rows: ProgressRow[], timeZone: string): Raw {
  const { lang } = r;
  const detailed = rows[0]?.applicant !== undefined;
  return html`<table class="progress">
    <caption>
      ${lang === 'ja' ? `契約番号 ${r.form.contractNo} の申請` : `Applications of contract ${r.form.contractNo}`}
    </caption>
    <thead>
      ${headerRow(lang, [
        ['申請書番号', 'Application no.'],
        ['区分', 'Kind'],
        ...(detailed
          ? ([
              ['氏名', 'Name'],
              ['メールアドレス', 'E-mail'],
            ] as const)
          : []),
        ['状況', 'Status'],
        ['申請日', 'Applied'],
        ['承認日', 'Approved'],
        ['格納日', 'Stored'],
        ['失効日', 'Revoked'],
        ['電子証明書有効期間', 'Certificate validity'],
      ])}
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <td>${row.applicationNo}</td>
            <td>${KIND_WORDS[row.kind]?.[lang] ?? row.kind}</td>
            ${
              row.applicant
                ? html`<td>
                      ${row.applicant.nameLocal ? `${row.applicant.nameLocal} / ` : ''}${row.applicant.name}
                    </td>
                    <td>${row.applicant.email}</td>`
                : ''
            }
            <td class="state" data-state="${row.state}">${PROGRESS_WORDS[row.state][lang]}</td>
            <td>${formatDate(row.appliedAt, timeZone)}</td>
            <td>${formatDate(row.approvedAt, timeZone)}</td>
            <td>${formatDate(row.storedAt, timeZone)}</td>
            <td>${formatDate(row.revokedAt, timeZone)}</td>
            <td>
              ${row.notBefore ? `${formatDate(row.notBefore, timeZone)}〜${formatDate(row.notAfter, timeZone)}` : '—'}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function registerStatusPage(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx } = deps;
  app.get('/status', async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    return sendPage(reply, { lang: r.lang, title: TITLE, path: '/portal/status', body: form(r) });
  });
  postForm(
    app,
    deps,
    '/status',
    async (r, request, reply) => {
      const contractNo = typed(r.form, 'contractNo');
      const applicationNo = typed(r.form, 'applicationNo');
      const problems = [];
      if (!isContractNo(contractNo)) problems.push(CONTRACT_NO_PROBLEM);
      if (applicationNo !== '' && !isApplicationNo(applicationNo))
        problems.push({
          ja: '申請書番号は半角数字で入力してください（例: 20230426035）。',
          en: 'Enter the application number in half-width digits (e.g. 20230426035).',
        });
      if (problems.length > 0) throw portalErrors.invalidInput(problems);
      await countLookup(ctx, request.ip);
      const rows = await applicationProgress(
        ctx,
        contractNo,
        applicationNo === '' ? undefined : applicationNo,
      );
      return sendPage(reply, {
        lang: r.lang,
        title: TITLE,
        path: '/portal/status',
        body: html`${form(r)}${results(r, rows, ctx.config.timeZone)}`,
      });
    },
    (r, reply, refusal, status) =>
      sendPage(reply, { lang: r.lang, title: TITLE, path: '/portal/status', body: form(r, refusal) }, status),
  );
}
