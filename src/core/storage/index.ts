/** Flow A: storing the certificate on the token (UI-free). */
export { StorageWizard, type WizardState, type StorageWizardOptions } from './storage-wizard.js';
export { storeCertificate, caIssuedNothing, type StoreRequest, type StoreResult } from './store-certificate.js';
export { STEP_TITLES, DONE_MESSAGE, type StorageStep, type StorageProgress, type ProgressPhase, type ProgressEvent } from './storage-steps.js';
export { STEP_TIMEOUT_MS, systemClock, type StepClock } from './step-clock.js';
export type { IssuanceProfile, IssuanceTarget } from './issuance-profile.js';
export { StorageError } from './storage-error.js';
export { checkGivenApplicationNo } from './application-by-number.js';
