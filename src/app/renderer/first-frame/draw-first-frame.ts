/**
 * All that runs before the page's first frame: no React. The build put the first screen —
 * the window on the storage wizard's STEP1 — into index.html, prerendered by React in each
 * language (scripts/prerender-first-screen.ts). This shows the one in the language the page
 * was served in (the settings'), so an English window never shows Japanese; a window
 * opened on another screen (the tray's #device) shows nothing of STEP1.
 *
 * The launch secret is taken out of the address bar here, before anything is shown. It is
 * kept for this tab's reloads after the first paint (openApi) — and, should the page go
 * before that (a reload while React is still loading), on its way out: once out of the
 * address bar, the secret lives only in this page until it is kept.
 */
import type { Language } from '../../../core/messages/index.js';
import { keepLaunchSecret, stripLaunchSecret } from '../api/launch-secret.js';
import { keepEarlyChoices, type EarlyChoices } from './early-choices.js';
import { firstScreenTemplateId } from './first-screen-template.js';
import { servedLanguage, startScreen } from './start-state.js';
import { markUiPlatform } from './ui-platform.js';

/** What the first frame found and drew, for the script that loads React after it (boot.ts). */
export interface FirstFrame {
  launchSecret: string | undefined;
  language: Language;
  /** STEP1 is drawn in the root, in `language`. */
  prerendered: boolean;
  /** What the user chose on the drawn screen so far (stops listening when called). */
  earlyChoices(): EarlyChoices;
}

export function drawFirstFrame(): FirstFrame {
  const launchSecret = stripLaunchSecret();
  if (launchSecret) addEventListener('pagehide', () => keepLaunchSecret(launchSecret), { once: true });
  const language = servedLanguage();
  markUiPlatform(document.documentElement, navigator.platform);

  const root = document.getElementById('root');
  const template = document.getElementById(firstScreenTemplateId(language));
  const prerendered = root !== null && template instanceof HTMLTemplateElement && startScreen() === 'storage';
  let earlyChoices = (): EarlyChoices => ({});
  if (prerendered) {
    root.replaceChildren(document.importNode(template.content, true));
    earlyChoices = keepEarlyChoices(root);
  }
  return { launchSecret, language, prerendered, earlyChoices };
}

/**
 * Between the page's inline script (first-frame.ts), which draws the first frame while the
 * page is parsed, and the module that loads React (boot.ts): one property of the window,
 * under a symbol, taken (and removed) once.
 */
const HAND_OFF = Symbol.for('tokendesk.firstFrame');

export function handOverFirstFrame(frame: FirstFrame): void {
  Object.defineProperty(globalThis, HAND_OFF, { value: frame, configurable: true, enumerable: false, writable: false });
}

export function takeFirstFrame(): FirstFrame | undefined {
  const frame = (globalThis as Record<symbol, FirstFrame | undefined>)[HAND_OFF];
  Reflect.deleteProperty(globalThis, HAND_OFF);
  return frame;
}
