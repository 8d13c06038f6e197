/** The core service behind TokenDeskApi, and the one dispatcher the adapters (Electron main, bridge) share. */
export { createTokenDeskService, type PortalDeskPort, type TokenDeskService, type TokenDeskServiceOptions } from './tokendesk-service.js';
export { dispatch, checkEvent } from './dispatch.js';
export { defaultSettingsFile, loadSettings, saveSettings, DEFAULT_SETTINGS } from './settings-store.js';
export { toWizardView, toSlotView, toTokenView, toPresenceView } from './views.js';
