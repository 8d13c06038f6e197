/** What every portal page handler shares: the request's language and form token, form fields, dates, refusals shown on the page. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaContext } from '../../ca-context.js';
import type { Localized } from '../../../core/messages/message-entry.js';
import { ServerError } from '../../server-error.js';
import type { FormGuard } from './form-guard.js';
import { html, page, problem, raw, type PageOptions, type Raw } from './html.js';
import { languageOf, type Lang } from './portal-language.js';

export interface PortalDeps {
  ctx: CaContext;
  guard: FormGuard;
}

export interface PageRequest {
  lang: Lang;
  token: string;
  /** The form's text fields (first value of each); {} for GET. */
  form: Record<string, string>;
}

export function pageRequest(deps: PortalDeps, request: FastifyRequest, reply: FastifyReply): PageRequest {
  const lang = languageOf(request, reply);
  const token = deps.guard.tokenFor(request, reply);
  const body = request.body;
  const form: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body as Record<string, unknown>))
      if (typeof v === 'string') form[k] = v;
  return { lang, token, form };
}

export function sendPage(reply: FastifyReply, options: PageOptions, status = 200): FastifyReply {
  if (options.scripts?.length && options.devicePort === undefined) options = { ...options, devicePort: devicePortOf(reply) };
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(page(options));
}

/** The device-module port the CA's settings name (read from the reply's server's context). */
function devicePortOf(reply: FastifyReply): number {
  return (reply.server as unknown as { portalDevicePort?: number }).portalDevicePort ?? 47211;
}

/** Runs a step that may be refused; a refusal (4xx) is shown on the page `render` draws, with its status and code. */
export async function orShowRefusal(
  lang: Lang,
  reply: FastifyReply,
  work: () => Promise<FastifyReply>,
  render: (refusal: Raw, status: number) => FastifyReply,
): Promise<FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ServerError) || error.status >= 500) throw error;
    for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
    void reply.header('X-TokenDesk-Error', error.code);
    return render(problem(lang, error.text, error.remedy, error.code), error.status);
  }
}

export interface FieldOptions {
  value?: string;
  hint?: Localized;
  required?: boolean;
  inputmode?: 'numeric' | 'email' | 'text';
  autocomplete?: string;
  maxlength?: number;
  pattern?: string;
}

/** What the user typed into a form field, without the spaces around it ('' when the field was not sent). */
export function typed(form: Record<string, string>, name: string): string {
  return (form[name] ?? '').trim();
}

export function field(lang: Lang, id: string, label: Localized, options: FieldOptions = {}): Raw {
  const hintId = options.hint ? `${id}-hint` : undefined;
  return html`<p class="field">
    <label for="${id}">${label[lang]}${options.required ? raw(' <span class="req">*</span>') : ''}</label>
    <input
      id="${id}"
      name="${id}"
      type="${options.inputmode === 'email' ? 'email' : 'text'}"
      value="${options.value ?? ''}"
      ${options.inputmode === 'numeric' ? raw(' inputmode="numeric"') : ''}${options.required ? raw(' required aria-required="true"') : ''}${options.maxlength ? raw(` maxlength="${options.maxlength}"`) : ''}
      autocomplete="${options.autocomplete ?? 'off'}"
      ${hintId ? raw(` aria-describedby="${hintId}"`) : ''}
    />
    ${options.hint ? html`<span class="hint" id="${hintId}">${options.hint[lang]}</span>` : ''}
  </p>`;
}

/** YYYY/MM/DD in the CA's time zone, as the manual's screens show dates. */
export function formatDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}/${get('month')}/${get('day')}`;
}

export const CONTRACT_NO_LABEL: Localized = { ja: '契約番号（13桁）', en: 'Contract number (13 digits)' };
export const CONTRACT_NO_PROBLEM: Localized = {
  ja: '契約番号は半角数字13桁で入力してください。',
  en: 'Enter the contract number as 13 half-width digits.',
};

/**
 * A form's POST: the page's language and token, the CSRF check, then `work`; a refusal
 * (4xx) is drawn by `refused` with its status.
 */
export function postForm(
  app: FastifyInstance,
  deps: PortalDeps,
  url: string,
  work: (r: PageRequest, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>,
  refused: (r: PageRequest, reply: FastifyReply, refusal: Raw, status: number) => FastifyReply,
): void {
  app.post(url, async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    return orShowRefusal(
      r.lang,
      reply,
      async () => {
        deps.guard.check(request, r.form._form);
        return work(r, request, reply);
      },
      (refusal, status) => refused(r, reply, refusal, status),
    );
  });
}
