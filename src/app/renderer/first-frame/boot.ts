/**
 * The page's one script, and all that runs before its first frame (Chromium runs a
 * loaded module before painting): no React. The build put the first screen — the window
 * on the storage wizard's STEP1 — into index.html, prerendered by React in each language
 * (scripts/prerender-first-screen.ts). This shows the one in the stored language, so an
 * English window never shows Japanese; a window opened on another screen (the tray's
 * #device) shows nothing of STEP1. The React app (main.tsx, with react-dom ~65 KB gzip,
 * the first render's main cost) is loaded once that frame is on the display, and takes
 * the drawn screen over; for another screen it is loaded at once, as nothing is drawn
 * without it.
 *
 * The launch secret is taken out of the address bar here, before anything is shown. It
 * is kept for this tab's reloads after the first paint (openApi) — and, should the page
 * go before that (a reload while React is still loading), on its way out: once out of
 * the address bar, the secret lives only in this page until it is kept.
 */
import { keepLaunchSecret, stripLaunchSecret } from '../api/launch-secret.js';
import { afterFirstPaint } from './after-first-paint.js';
import { keepEarlyChoices, type EarlyChoices } from './early-choices.js';
import { firstScreenTemplateId } from './first-screen-template.js';
import { startScreen, storedLanguage } from './start-state.js';

const launchSecret = stripLaunchSecret();
if (launchSecret) addEventListener('pagehide', () => keepLaunchSecret(launchSecret), { once: true });
const language = storedLanguage();
document.documentElement.lang = language;

const root = document.getElementById('root');
const template = document.getElementById(firstScreenTemplateId(language));
const prerendered = root !== null && template instanceof HTMLTemplateElement && startScreen() === 'storage';
let earlyChoices = (): EarlyChoices => ({});
if (prerendered) {
  root.replaceChildren(document.importNode(template.content, true));
  earlyChoices = keepEarlyChoices(root);
}

void (prerendered ? afterFirstPaint() : Promise.resolve())
  .then(() => import('../main.js'))
  .then(({ startApp }) =>
    startApp({
      launchSecret,
      // What React starts from must be what was drawn, or it draws afresh: the fragment or
      // the stored language may have changed meanwhile (the tray, another window).
      prerendered: prerendered && startScreen() === 'storage' && storedLanguage() === language,
      early: earlyChoices(),
    }),
  );
