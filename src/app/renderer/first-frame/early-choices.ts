/**
 * What the user chose on the drawn first screen before React was there to act on it: the
 * language switch and the task buttons are live HTML from the first frame on, but React's
 * handlers come with React (and React 19 does not replay a select changed before it
 * hydrated). Kept here and applied by the app once it has taken the screen over (main.tsx).
 */
import type { Language } from '../../../core/messages/index.js';
import { screenFromHash, type Screen } from './start-state.js';

export interface EarlyChoices {
  language?: Language;
  screen?: Screen;
}

/** Listens on the drawn screen until the returned function is called; then says what was chosen. */
export function keepEarlyChoices(root: HTMLElement): () => EarlyChoices {
  const chosen: EarlyChoices = {};
  const onChange = (event: Event) => {
    const target = event.target;
    if (target instanceof HTMLSelectElement && target.id === 'language-switch') chosen.language = target.value === 'en' ? 'en' : 'ja';
  };
  const onClick = (event: Event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-screen]') : null;
    const screen = screenFromHash(button?.getAttribute('data-screen') ?? '');
    if (screen) chosen.screen = screen;
  };
  root.addEventListener('change', onChange);
  root.addEventListener('click', onClick);
  return () => {
    root.removeEventListener('change', onChange);
    root.removeEventListener('click', onClick);
    return chosen;
  };
}
