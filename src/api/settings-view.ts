/** What the settings screen reads and writes. Never a PIN: settings are persisted as JSON. */
import { z } from 'zod';
import { LanguageSchema } from './user-message.js';

const PathText = z.string().min(1).max(4096);

export const SettingsSchema = z.object({
  /** The PKCS#11 library chosen by the user; absent: auto-detected. */
  modulePath: PathText.optional(),
  /** The CA's https:// base URL. */
  caUrl: z.string().url().max(2048).optional(),
  /** A PEM file with the CA certificate(s) to trust; absent: the system store. */
  caTrustPath: PathText.optional(),
  /** Base64 SHA-256 of the CA server's SubjectPublicKeyInfo. */
  caPins: z.array(z.string().regex(/^[A-Za-z0-9+/]{43}=$/)).max(8).default([]),
  language: LanguageSchema.default('ja'),
  /** Desktop app: closing the window leaves TokenDesk in the tray; absent: yes (src/core/desktop/desktop-preferences.ts). */
  keepInTray: z.boolean().optional(),
  /** Desktop app: start at login, in the tray; absent: on Windows only. */
  startAtLogin: z.boolean().optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const LocatedModuleSchema = z.object({
  path: z.string(),
  vendor: z.string(),
  source: z.enum(['argument', 'environment', 'detected']),
});

export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  /** The library in use: the setting, else $TOKENDESK_PKCS11_MODULE, else the first detected; absent when none. */
  module: LocatedModuleSchema.optional(),
  /** Every known library present on this machine, for the picker. */
  detectedModules: z.array(LocatedModuleSchema),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;
