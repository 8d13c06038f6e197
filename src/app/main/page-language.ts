/**
 * The renderer's index.html as served: its root element names the window's language
 * (the settings' `language`, the one place it is kept), so the page's first-frame script
 * shows STEP1 in it without asking any storage first, and the window, the tray and the
 * menu cannot disagree. Electron's protocol handler and the bridge both serve it so. The
 * CSP's hashes cover the inline script and stylesheet, not this attribute.
 */
import type { Language } from '../../core/messages/index.js';

const ROOT_ELEMENT = /<html lang="[a-z]{2}">/;

export function pageInLanguage(html: string, language: Language): string {
  if (!ROOT_ELEMENT.test(html)) throw new Error('index.html has no <html lang="…"> to name the language in');
  return html.replace(ROOT_ELEMENT, `<html lang="${language}">`);
}
