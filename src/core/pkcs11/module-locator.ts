/**
 * Finds the PKCS#11 library to load: the path the user gave, else
 * TOKENDESK_PKCS11_MODULE, else the first known vendor library present on this OS
 * (module-locations.json — data, so a vendor is added without code).
 */
import { existsSync, realpathSync } from 'node:fs';
// A static JSON import (not createRequire) so the compiler copies the table into dist/.
import locationTable from './module-locations.json' with { type: 'json' };
import { TokenError } from './token-error.js';

export interface ModuleLocation {
  vendor: string;
  kind: 'token' | 'card' | 'software';
  platform: 'win32' | 'darwin' | 'linux';
  paths: string[];
}

let table: ModuleLocation[] | undefined;

// Checked by hand rather than with zod: loading zod costs every CLI start ~50 ms
// (test/bench, device-info), and this table is the only thing the CLI's token path checks with it.
const KINDS: readonly string[] = ['token', 'card', 'software'];
const PLATFORMS: readonly string[] = ['win32', 'darwin', 'linux'];
const isString = (value: unknown): value is string => typeof value === 'string';

function parseLocationTable(raw: unknown): ModuleLocation[] {
  const modules = (raw as { modules?: unknown } | null)?.modules;
  if (!Array.isArray(modules)) throw new TypeError('module-locations.json: "modules" must be an array');
  return modules.map((entry: unknown, index) => {
    const { vendor, kind, platform, paths } = (entry ?? {}) as Record<string, unknown>;
    const ok = isString(vendor) && isString(kind) && KINDS.includes(kind) && isString(platform) && PLATFORMS.includes(platform) && Array.isArray(paths) && paths.length > 0 && paths.every(isString);
    if (!ok) throw new TypeError(`module-locations.json: modules[${index}] needs vendor, kind (token|card|software), platform (win32|darwin|linux) and at least one path`);
    return { vendor, kind, platform, paths } as ModuleLocation;
  });
}

/** The known locations, validated once: a malformed table is a build defect, caught by the unit test. */
export function knownModuleLocations(): ModuleLocation[] {
  table ??= parseLocationTable(locationTable);
  return table;
}

export interface LocatedModule {
  path: string;
  vendor: string;
  source: 'argument' | 'environment' | 'detected';
}

/**
 * Candidates present on this machine, in preference order. One library reached by
 * two known paths (Debian links /usr/lib/softhsm/libsofthsm2.so to the multiarch
 * copy) is one candidate: paths are compared by where they really lead.
 */
export function detectModules(
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
  realPath: (path: string) => string = realPathOrSelf,
): LocatedModule[] {
  const seen = new Set<string>();
  return knownModuleLocations()
    .filter((location) => location.platform === platform)
    .flatMap((location) =>
      location.paths.filter(exists).map((path) => ({ path, vendor: location.vendor, source: 'detected' as const })),
    )
    .filter((candidate) => {
      const real = realPath(candidate.path);
      if (seen.has(real)) return false;
      seen.add(real);
      return true;
    });
}

function realPathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function locateModule(explicit?: string, env: NodeJS.ProcessEnv = process.env): LocatedModule {
  if (explicit) return { path: explicit, vendor: vendorOf(explicit), source: 'argument' };
  const fromEnv = env.TOKENDESK_PKCS11_MODULE;
  if (fromEnv) return { path: fromEnv, vendor: vendorOf(fromEnv), source: 'environment' };
  const [first] = detectModules();
  if (!first) {
    throw new TokenError({
      code: 'moduleNotFound',
      message: 'No PKCS#11 library found: install the token middleware (SafeNet Authentication Client) or give --module PATH',
    });
  }
  return first;
}

const fileName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();

// Every library opened by path asks whose it is (each device read, test/bench device-info):
// the table's file names are gathered once rather than split again on every open.
let vendorsByFileName: Map<string, string> | undefined;

function vendorOf(path: string): string {
  if (!vendorsByFileName) {
    vendorsByFileName = new Map();
    for (const location of knownModuleLocations()) {
      for (const known of location.paths) if (!vendorsByFileName.has(fileName(known))) vendorsByFileName.set(fileName(known), location.vendor);
    }
  }
  return vendorsByFileName.get(fileName(path)) ?? 'unknown';
}
