import type { TokenDeskApi } from '../../../api/index.js';
import type { Language } from '../../../core/messages/index.js';
import { keepLanguage } from './keep-language.js';
import { useConnection } from '../store/connection-store.js';
import { usePortal } from '../store/portal-store.js';
import { useWizard } from '../store/wizard-store.js';
import { preloadLaterParts } from '../screens/later-parts.js';

/**
 * Once the API answers: the wizard's events feed its store (including a step
 * timing out back to STEP1, which no click causes), the device module's prompts
 * feed theirs, then the wizard as it stands now is read. A fresh window (the URL
 * opened again, a reload) starts at STEP1 — landing mid-wizard from an earlier
 * visit only confuses — unless a storage is actually in flight, which it must show.
 * The window's language switch is kept in the settings from then on (keep-language.ts).
 * Then the parts the first screen did not need are fetched, before the user asks for them.
 * `<html data-later-parts>` says when that is over ("loaded", or "none" without a
 * connection): the end-to-end tests close the bridge only then, not under those fetches.
 */
export async function connectStores(opening: Promise<TokenDeskApi>, servedLanguage: Language): Promise<void> {
  let api: TokenDeskApi;
  try {
    api = await opening;
  } catch {
    useConnection.getState().setFailed();
    return markLaterParts('none');
  }
  const wizard = useWizard.getState();
  api.onWizardState((view) => wizard.setView(view));
  api.onWizardProgress((event) => wizard.addProgress(event));
  // A CA page's prompt can arrive on any screen: the dialog is drawn over all of them.
  api.onPortalPrompts(({ prompts }) => usePortal.getState().setPrompts(prompts));
  useConnection.getState().setReady(api);
  keepLanguage(api, servedLanguage);
  const reply = await api.getWizard({});
  if (!reply.ok) {
    useConnection.getState().setFailed();
    return markLaterParts('none');
  }
  wizard.setView(reply.value);
  if (reply.value.step !== 1 && reply.value.status !== 'working') await wizard.cancel();
  await preloadLaterParts();
  markLaterParts('loaded');
}

function markLaterParts(state: 'loaded' | 'none'): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.laterParts = state;
}
