/** The device module (docs/architecture.md, Flow E): the narrow portal API a CA's web page uses, with the user's consent. */
export { createPortalDesk, startDeviceModule, type DeviceModuleOptions, type PortalDeskOptions, type RunningDeviceModule } from './start-device-module.js';
export { ConsentStore, type ConsentStoreOptions } from './consent-store.js';
export { PromptDesk } from './prompt-desk.js';
export { readPolicyFile, parsePolicy, systemPolicyFile } from './policy-file.js';
export { DEFAULT_PORTAL_PORT, PORTAL_PROTOCOL, type PortalDevice, type PortalSignature } from './portal-protocol.js';
export { LOGIN_CHALLENGE_TYPE, checkLoginSignature, type LoginChallenge, type LoginCheck } from './login-challenge.js';
export { grantsFileBeside } from './grants-file.js';
export { describeStartFailure } from './start-failure.js';
