/**
 * Server-rendered pages: every value goes through `escapeHtml` (the `html` tag does it
 * for each interpolation; `raw` marks markup built here). No inline script or style:
 * the CSP allows only the portal's own static files.
 */
import type { Localized } from '../../../core/messages/message-entry.js';
import type { Lang } from './portal-language.js';

export class Raw {
  constructor(readonly text: string) {}
}

export const raw = (text: string): Raw => new Raw(text);

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

type Part = string | number | Raw | Raw[] | undefined | null | false;

export function html(strings: TemplateStringsArray, ...parts: Part[]): Raw {
  let out = strings[0]!;
  parts.forEach((part, i) => {
    if (part instanceof Raw) out += part.text;
    else if (Array.isArray(part)) out += part.map((p) => p.text).join('');
    else if (part !== undefined && part !== null && part !== false) out += escapeHtml(part);
    out += strings[i + 1]!;
  });
  return raw(out);
}

export interface PageOptions {
  lang: Lang;
  title: Localized;
  /** The path of this page, for the language switch. */
  path: string;
  body: Raw;
  /** Module scripts of this page, under /portal/static/. */
  scripts?: string[];
  /** TokenDesk's device-module port, for the scripts (a meta tag: the CSP allows no inline script). */
  devicePort?: number;
}

const SITE: Localized = { ja: '申請書発行システム（受注者）', en: 'Certificate application system (contractors)' };

export function page(options: PageOptions): string {
  const { lang } = options;
  const other = lang === 'ja' ? 'en' : 'ja';
  const switchLabel = lang === 'ja' ? 'English' : '日本語';
  return `<!doctype html>${
    html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title[lang]} — ${SITE[lang]}</title>
<link rel="stylesheet" href="/portal/static/portal.css">
${options.devicePort ? html`<meta name="tokendesk-device-port" content="${options.devicePort}">` : ''}
${(options.scripts ?? []).map((s) => html`<script type="module" src="/portal/static/${s}"></script>`)}
</head>
<body>
<a class="skip" href="#main">${lang === 'ja' ? '本文へ移動' : 'Skip to content'}</a>
<header>
<p class="site"><a href="/portal/">${SITE[lang]}</a></p>
<nav aria-label="${lang === 'ja' ? 'メニュー' : 'Menu'}">
<ul>
<li><a href="/portal/apply">${lang === 'ja' ? '新規発行・再発行申請' : 'New / reissue'}</a></li>
<li><a href="/portal/renew">${lang === 'ja' ? '更新申請' : 'Renewal'}</a></li>
<li><a href="/portal/revoke">${lang === 'ja' ? '失効申請' : 'Revocation'}</a></li>
<li><a href="/portal/status">${lang === 'ja' ? '申請状況確認' : 'Application status'}</a></li>
<li><a href="/portal/device">${lang === 'ja' ? 'デバイス情報確認' : 'Device information'}</a></li>
</ul>
</nav>
<p class="lang"><a href="${options.path}?lang=${other}" lang="${other}" hreflang="${other}">${switchLabel}</a></p>
</header>
<main id="main">
<h1>${options.title[lang]}</h1>
${options.body}
</main>
<footer><p>TokenDesk reference CA</p></footer>
</body>
</html>`.text
  }`;
}

/** A refusal's words on the page: message, then what to do. */
export function problem(lang: Lang, message: Localized, remedy: Localized, code: string): Raw {
  return html`<div class="problem" role="alert" data-code="${code}"><p>${message[lang]}</p><p>${remedy[lang]}</p></div>`;
}

export function formToken(token: string): Raw {
  return html`<input type="hidden" name="_form" value="${token}">`;
}
