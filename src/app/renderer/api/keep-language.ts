/**
 * The window's language switch, kept in the settings: the next page (a reload, the tray's
 * window, the next start) is served in it (src/app/main/page-language.ts), and the tray
 * and the application menu follow it. A choice made before the API answered (on the drawn
 * STEP1, or while connecting) is saved as soon as it does.
 */
import type { TokenDeskApi } from '../../../api/index.js';
import type { Language } from '../../../core/messages/index.js';
import { useUi } from '../store/ui-store.js';

export function keepLanguage(api: TokenDeskApi, served: Language): () => void {
  // A reply that is not ok (the settings file could not be written) leaves this window as it is.
  const save = (language: Language) => void api.saveLanguage({ language });
  const now = useUi.getState().language;
  if (now !== served) save(now);
  return useUi.subscribe((state, previous) => {
    if (state.language !== previous.language) save(state.language);
  });
}
