/** The desktop app's life outside its window — tray, keep-in-tray, start at login — as pure rules; Electron main applies them. */
export { TRAY_ICONS, trayTokenState, trayView, type TrayCommand, type TrayMenuItem, type TrayTokenState, type TrayView } from './tray-state.js';
export { HIDDEN_START_ARG, desktopPreferences, loginItemSettings, onWindowClose, portalPortFromEnvironment, startsHidden, type DesktopPreferences } from './desktop-preferences.js';
