/**
 * The window's language switch, kept in the settings: the next page (a reload, the tray's
 * window, the next start) is served in it (src/app/main/page-language.ts), and the tray
 * and the application menu follow it. A choice made before the API answered (on the drawn
 * STEP1, or while connecting) is saved as soon as it does.
 */
import type { TokenDeskApi } from '../../../api/index.js';
import type { Language } from '../../../core/messages/index.js';
import { useUi } from '../store/ui-store.js';

/** Where earlier versions kept the window's choice, in the page's own storage. */
const EARLIER_KEY = 'tokendesk.language';

/**
 * A choice an earlier version kept in localStorage, taken over once (and removed), so an
 * update does not turn an English window back to Japanese. Read after the first paint,
 * never before it.
 */
function earlierChoice(): Language | undefined {
  try {
    const kept = globalThis.localStorage?.getItem(EARLIER_KEY);
    globalThis.localStorage?.removeItem(EARLIER_KEY);
    return kept === 'en' || kept === 'ja' ? kept : undefined;
  } catch {
    return undefined;
  }
}

export function keepLanguage(api: TokenDeskApi, served: Language): () => void {
  // A reply that is not ok (the settings file could not be written) leaves this window as it is.
  const save = (language: Language) => void api.saveLanguage({ language });
  const ui = useUi.getState();
  const earlier = earlierChoice();
  // A switch on this page wins; else an earlier version's choice; else the settings' as served.
  const chosen = ui.language !== served ? ui.language : (earlier ?? served);
  if (chosen !== ui.language) ui.setLanguage(chosen);
  if (chosen !== served) save(chosen);
  return useUi.subscribe((state, previous) => {
    if (state.language !== previous.language) save(state.language);
  });
}
