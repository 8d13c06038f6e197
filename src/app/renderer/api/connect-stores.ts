import type { TokenDeskApi } from '../../../api/index.js';
import { useConnection } from '../store/connection-store.js';
import { useWizard } from '../store/wizard-store.js';

/**
 * Once the API answers: the wizard's events feed its store (including a step
 * timing out back to STEP1, which no click causes), then the wizard as it stands
 * now is read, e.g. after a reload.
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
  useConnection.getState().setReady(api);
  const reply = await api.getWizard({});
  if (reply.ok) wizard.setView(reply.value);
  else useConnection.getState().setFailed();
}
