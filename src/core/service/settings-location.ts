/**
 * Where the settings file lives, and the one setting the command line takes from
 * it — the PKCS#11 library chosen in the app — read without the settings schema:
 * loading zod would cost every CLI start ~50 ms (test/bench, device-info).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `%APPDATA%\TokenDesk`, `~/Library/Application Support/TokenDesk`, `$XDG_CONFIG_HOME/tokendesk`; $TOKENDESK_SETTINGS first. */
export function defaultSettingsFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.TOKENDESK_SETTINGS) return env.TOKENDESK_SETTINGS;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'TokenDesk', 'settings.json');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'TokenDesk', 'settings.json');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'tokendesk', 'settings.json');
}

/** The library the app's settings name; undefined when the file is missing, unreadable or names none (auto-detect). */
export async function settingsModulePath(file: string = defaultSettingsFile()): Promise<string | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const path = (parsed as { modulePath?: unknown } | null)?.modulePath;
    return typeof path === 'string' && path.length > 0 ? path : undefined;
  } catch {
    return undefined;
  }
}
