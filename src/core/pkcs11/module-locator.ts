/**
 * Finds the PKCS#11 library to load: the path the user gave, else
 * TOKENDESK_PKCS11_MODULE, else the first known vendor library present on this OS
 * (module-locations.json — data, so a vendor is added without code).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { TokenError } from './token-error.js';

const LocationTable = z.object({
  modules: z.array(
    z.object({
      vendor: z.string(),
      kind: z.enum(['token', 'card', 'software']),
      platform: z.enum(['win32', 'darwin', 'linux']),
      paths: z.array(z.string()).min(1),
    }),
  ),
});

export type ModuleLocation = z.infer<typeof LocationTable>['modules'][number];

let table: ModuleLocation[] | undefined;

/** The known locations, validated once: a malformed table is a build defect, caught by the unit test. */
export function knownModuleLocations(): ModuleLocation[] {
  table ??= LocationTable.parse(createRequire(import.meta.url)('./module-locations.json')).modules;
  return table;
}

export interface LocatedModule {
  path: string;
  vendor: string;
  source: 'argument' | 'environment' | 'detected';
}

/** Candidates present on this machine, in preference order. */
export function detectModules(
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): LocatedModule[] {
  return knownModuleLocations()
    .filter((location) => location.platform === platform)
    .flatMap((location) =>
      location.paths.filter(exists).map((path) => ({ path, vendor: location.vendor, source: 'detected' as const })),
    );
}

export function locateModule(explicit?: string, env: NodeJS.ProcessEnv = process.env): LocatedModule {
  if (explicit) return { path: explicit, vendor: vendorOf(explicit), source: 'argument' };
  const fromEnv = env.TOKENDESK_PKCS11_MODULE;
  if (fromEnv) return { path: fromEnv, vendor: vendorOf(fromEnv), source: 'environment' };
  const [first] = detectModules();
  if (!first) {
    throw new TokenError(
      'moduleNotFound',
      'No PKCS#11 library found: install the token middleware (SafeNet Authentication Client) or give --module PATH',
    );
  }
  return first;
}

function vendorOf(path: string): string {
  const name = path.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  const match = knownModuleLocations().find((location) =>
    location.paths.some((known) => known.split(/[\\/]/).pop()?.toLowerCase() === name),
  );
  return match?.vendor ?? 'unknown';
}
