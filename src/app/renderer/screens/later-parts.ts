/**
 * Everything the first screen (the storage wizard's STEP1) does not draw, each in its
 * own chunk: the other screens, the CA page's consent and PIN dialog, and the wizard's
 * later steps. Fetched once the API is connected, so they are there when opened.
 */
import { lazyPart } from '../components/lazy-part.js';

export const DeviceScreen = lazyPart(async () => (await import('./device/device-screen.js')).DeviceScreen);
export const HelpdeskScreen = lazyPart(async () => (await import('./helpdesk/helpdesk-screen.js')).HelpdeskScreen);
export const CardScreen = lazyPart(async () => (await import('./card/card-screen.js')).CardScreen);
export const SettingsScreen = lazyPart(async () => (await import('./settings/settings-screen.js')).SettingsScreen);
export const PortalPromptDialog = lazyPart(async () => (await import('./portal/portal-prompt-dialog.js')).PortalPromptDialog);
export const Step2ApplicationNumber = lazyPart(async () => (await import('./storage/step2-application-number.js')).Step2ApplicationNumber);
export const Step2User = lazyPart(async () => (await import('./storage/step2-user.js')).Step2User);
export const Step3StoragePin = lazyPart(async () => (await import('./storage/step3-storage-pin.js')).Step3StoragePin);
export const Step4UserPin = lazyPart(async () => (await import('./storage/step4-user-pin.js')).Step4UserPin);
export const Step5Done = lazyPart(async () => (await import('./storage/step5-done.js')).Step5Done);
export const ProgressList = lazyPart(async () => (await import('./storage/progress-list.js')).ProgressList);
export const StepNote = lazyPart(async () => (await import('./storage/step-note.js')).StepNote);

const ALL = [
  Step2User,
  Step2ApplicationNumber,
  ProgressList,
  StepNote,
  Step3StoragePin,
  Step4UserPin,
  Step5Done,
  PortalPromptDialog,
  DeviceScreen,
  HelpdeskScreen,
  CardScreen,
  SettingsScreen,
];

/** After the first screen and the connection: fetch the rest, the wizard's next steps first; settles when every fetch has ended. */
export async function preloadLaterParts(): Promise<void> {
  await Promise.allSettled(ALL.map((part) => part.preload()));
}
