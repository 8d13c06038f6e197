/**
 * Settings persisted as JSON in the user's config directory (never a PIN: the
 * schema has no field for one, and unknown fields are dropped on load and save).
 * A missing or unreadable file gives the defaults: settings are a convenience, and
 * the settings screen shows what is in effect.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SettingsSchema, type Settings } from '../../api/index.js';

export { defaultSettingsFile } from './settings-location.js';

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export async function loadSettings(file: string): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  try {
    const parsed = SettingsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Written to a temp file and renamed, so a crash never leaves half a file. */
export async function saveSettings(file: string, settings: Settings): Promise<void> {
  const clean = SettingsSchema.parse(settings);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(clean, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}
