/**
 * The renderer's index.html as served: its root element names the window's language
 * (the settings' `language`), so the page's first-frame script shows STEP1 in it without
 * reading any storage first — a `localStorage` read there is a synchronous request to the
 * browser process before STEP1 is drawn (~5 ms, a tenth of a blank page's first paint;
 * docs/benchmarks.md, session 7). Electron's protocol handler and the bridge both serve it
 * so. The CSP's hashes cover the inline script and stylesheet, not this attribute.
 */
import type { Language } from '../../core/messages/index.js';

const ROOT_ELEMENT = /<html lang="[a-z]{2}">/;

export function pageInLanguage(html: string, language: Language): string {
  if (!ROOT_ELEMENT.test(html)) throw new Error('index.html has no <html lang="…"> to name the language in');
  return html.replace(ROOT_ELEMENT, `<html lang="${language}">`);
}
