/**
 * The contractor portal under /portal/ (issue 15): server-rendered pages in Japanese
 * (English with ?lang=en), their static scripts and style, and the JSON the scripts
 * call. Every answer carries a strict CSP (no inline script or style; scripts may
 * talk to TokenDesk's device module on ws://127.0.0.1), every form is CSRF-guarded
 * (form-guard.ts), every refusal is a page with the catalogue's words and a 4xx —
 * never a stack trace. The portal keeps no state in the process.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { CaContext } from '../../ca-context.js';
import type { ServerError} from '../../server-error.js';
import { serverErrors } from '../../server-error.js';
import { sendError, toServerError } from '../../http/error-replies.js';
import { FormGuard } from './form-guard.js';
import { html, problem } from './html.js';
import { pageRequest, sendPage, type PortalDeps } from './page-kit.js';
import { registerPortalApi } from './portal-api.js';
import { registerApplyPage } from './pages/apply-page.js';
import { registerDevicePage } from './pages/device-page.js';
import { registerRenewPage } from './pages/renew-page.js';
import { registerRevokePage } from './pages/revoke-page.js';
import { registerStatusPage } from './pages/status-page.js';

/**
 * The package root: this file runs from src/ (tsx), dist/ (tsc) or the CLI bundle
 * (dist/cli/bundle), each at another depth, so look upward for the static files.
 */
function packageRoot(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'src/server/portal/static/portal.css'))) return dir;
    if (dirname(dir) === dir) return resolve(import.meta.dirname, '../../../..');
  }
}
const REPO_ROOT = packageRoot();
const STATIC_DIR = join(REPO_ROOT, 'src/server/portal/static');
/** The device module's browser SDK (`npm run build:sdk`, issue 14), served from this origin when built; else sdk-missing.js (row 2's words). */
const SDK_FILE = join(REPO_ROOT, 'dist/sdk/tokendesk-portal.js');

const STATIC_FILES: Record<string, string> = {
  'portal.css': 'text/css; charset=utf-8',
  'token-proof.js': 'text/javascript; charset=utf-8',
  'device.js': 'text/javascript; charset=utf-8',
  'apply.js': 'text/javascript; charset=utf-8',
  'device-module.js': 'text/javascript; charset=utf-8',
};

export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const MAX_FORM_FIELDS = 100;

function parseForm(text: string): Record<string, string> {
  const params = new URLSearchParams(text);
  const out: Record<string, string> = {};
  let n = 0;
  for (const [key, value] of params) {
    if (++n > MAX_FORM_FIELDS) throw serverErrors.badRequest({ ja: '入力項目が多すぎます。', en: 'Too many form fields.' });
    if (!Object.hasOwn(out, key)) out[key] = value;
  }
  return out;
}

export function portalPlugin(ctx: CaContext): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const deps: PortalDeps = { ctx, guard: new FormGuard(ctx.master.subkey('portal-forms'), ctx.config.portal.formTokenMinutes * 60_000) };

    app.decorate('portalDevicePort', ctx.config.portal.deviceModulePort);

    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, parseForm(String(body)));
      } catch (error) {
        done(error as Error, undefined);
      }
    });

    app.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('Content-Security-Policy', PORTAL_CSP);
      void reply.header('X-Content-Type-Options', 'nosniff');
      void reply.header('X-Frame-Options', 'DENY');
      if (!reply.getHeader('Referrer-Policy')) void reply.header('Referrer-Policy', 'same-origin');
      void reply.header('Strict-Transport-Security', 'max-age=31536000');
      return payload;
    });

    const refusalPage = (request: Parameters<typeof pageRequest>[1], reply: Parameters<typeof pageRequest>[2], error: ServerError) => {
      if (request.url.startsWith('/portal/api/')) return sendError(request, reply, error);
      for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
      void reply.header('X-TokenDesk-Error', error.code);
      const r = pageRequest(deps, request, reply);
      return sendPage(reply, { lang: r.lang, title: { ja: 'エラー', en: 'Error' }, path: '/portal/', body: problem(r.lang, error.text, error.remedy, error.code) }, error.status);
    };
    app.setErrorHandler((error, request, reply) => {
      const serverError = toServerError(error, ctx.config.bodyLimitBytes);
      if (serverError.status >= 500) request.log.error({ err: error }, 'portal request failed');
      return refusalPage(request, reply, serverError);
    });
    app.setNotFoundHandler((request, reply) => refusalPage(request, reply, serverErrors.notFound()));

    app.get('/', async (request, reply) => {
      const r = pageRequest(deps, request, reply);
      const { lang } = r;
      const item = (href: string, title: string, text: string) => html`<li><a href="${href}">${title}</a><p>${text}</p></li>`;
      return sendPage(reply, {
        lang,
        title: { ja: '受注者トップメニュー', en: 'Contractor menu' },
        path: '/portal/',
        body: html`<h2>${lang === 'ja' ? '電子証明書に関する申請' : 'Certificate applications'}</h2>
<ul class="menu">
${item('/portal/apply', lang === 'ja' ? '新規発行・再発行申請' : 'New issuance / reissue', lang === 'ja' ? '契約番号をもとに電子証明書の発行を申請します。' : 'Apply for a certificate with the contract number.')}
${item('/portal/renew', lang === 'ja' ? '更新申請' : 'Renewal', lang === 'ja' ? 'USBトークンの電子証明書の有効期限を延長します。' : 'Extend the certificate on your token.')}
${item('/portal/revoke', lang === 'ja' ? '失効申請' : 'Revocation', lang === 'ja' ? '使わなくなった電子証明書を失効します。' : 'Revoke a certificate you no longer use.')}
</ul>
<h2>${lang === 'ja' ? '申請状況・デバイスの確認' : 'Status and device'}</h2>
<ul class="menu">
${item('/portal/status', lang === 'ja' ? '申請手続き状況確認' : 'Application status', lang === 'ja' ? '電子証明書の申請手続きの進捗状況が確認できます。' : 'See how your application is progressing.')}
${item('/portal/device', lang === 'ja' ? 'デバイス情報確認' : 'Device information', lang === 'ja' ? 'USBトークンに格納されている電子証明書情報が確認できます。' : 'See the certificate stored on your token.')}
</ul>`,
      });
    });

    app.get<{ Params: { file: string } }>('/static/:file', async (request, reply) => {
      const { file } = request.params;
      if (file === 'tokendesk-portal.js') {
        const sdk = (await readFile(SDK_FILE).catch(() => undefined)) ?? (await readFile(join(STATIC_DIR, 'sdk-missing.js')));
        return reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(sdk);
      }
      // Own names only: `constructor` or `__proto__` would find Object.prototype's members.
      const type = Object.hasOwn(STATIC_FILES, file) ? STATIC_FILES[file] : undefined;
      if (!type) throw serverErrors.notFound();
      return reply.type(type).header('Cache-Control', 'no-cache').send(await readFile(join(STATIC_DIR, file)));
    });

    registerStatusPage(app, deps);
    registerApplyPage(app, deps);
    registerRevokePage(app, deps);
    registerRenewPage(app, deps);
    registerDevicePage(app, deps);
    registerPortalApi(app, deps);
  };
}
