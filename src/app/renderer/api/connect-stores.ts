import type { TokenDeskApi } from '../../../api/index.js';
import { useConnection } from '../store/connection-store.js';
import { usePortal } from '../store/portal-store.js';
import { useWizard } from '../store/wizard-store.js';

/**
 * Once the API answers: the wizard's events feed its store (including a step
 * timing out back to STEP1, which no click causes), the device module's prompts
 * feed theirs, then the wizard as it stands now is read, e.g. after a reload.
 */
export async function connectStores(api: TokenDeskApi, ready: Promise<void>): Promise<void> {
  try {
    await ready;
  } catch {
    useConnection.getState().setFailed();
    return;
  }
  const wizard = useWizard.getState();
  api.onWizardState((view) => wizard.setView(view));
  api.onWizardProgress((event) => wizard.addProgress(event));
  // A CA page's prompt can arrive on any screen: the dialog is drawn over all of them.
  api.onPortalPrompts(({ prompts }) => usePortal.getState().setPrompts(prompts));
  useConnection.getState().setReady(api);
  const reply = await api.getWizard({});
  if (reply.ok) wizard.setView(reply.value);
  else useConnection.getState().setFailed();
}
