/**
 * The desktop app's life outside its window: whether closing the window leaves
 * TokenDesk running in the tray, and whether it starts at login. Both are settings;
 * absent, TokenDesk stays in the tray (the CA's web device module must answer while
 * the PC is on, CA manual 000 §6.1) and starts at login on Windows, as the CA's
 * module does. Pure: main applies the result through Electron's APIs.
 */
import type { Settings } from '../../api/index.js';

/** Given to the login item, so a start at login goes to the tray without a window. */
export const HIDDEN_START_ARG = '--hidden';

export interface DesktopPreferences {
  keepInTray: boolean;
  startAtLogin: boolean;
}

export function desktopPreferences(settings: Pick<Settings, 'keepInTray' | 'startAtLogin'>, platform: NodeJS.Platform = process.platform): DesktopPreferences {
  return {
    keepInTray: settings.keepInTray ?? true,
    startAtLogin: settings.startAtLogin ?? platform === 'win32',
  };
}

/**
 * Electron's login item exists on Windows and macOS only; on Linux a desktop
 * environment's autostart entry is the user's to make (README, "Desktop package").
 */
export function loginItemSettings(preferences: DesktopPreferences, platform: NodeJS.Platform = process.platform): { openAtLogin: boolean; args: string[] } | undefined {
  if (platform !== 'win32' && platform !== 'darwin') return undefined;
  return { openAtLogin: preferences.startAtLogin, args: preferences.startAtLogin ? [HIDDEN_START_ARG] : [] };
}

/** What closing the window does: hide it (TokenDesk stays in the tray) or let it close, and quit. */
export function onWindowClose(preferences: DesktopPreferences, quitting: boolean): 'hide' | 'close' {
  return preferences.keepInTray && !quitting ? 'hide' : 'close';
}

/** Started by the login item: stay in the tray until the user opens the window. */
export function startsHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_START_ARG);
}

/**
 * The device module's port in the desktop app: $TOKENDESK_PORTAL_PORT when an
 * administrator (or a test) sets one, else absent (the documented default, 47211).
 * A value that is not a port is reported, not guessed at.
 */
export function portalPortFromEnvironment(env: NodeJS.ProcessEnv): number | 'invalid' | undefined {
  const text = env.TOKENDESK_PORTAL_PORT?.trim();
  if (!text) return undefined;
  const port = Number(text);
  return /^\d+$/.test(text) && port <= 65535 ? port : 'invalid';
}
