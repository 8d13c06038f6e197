/**
 * Which PKCS#11 library to use: the one the user named (argument, environment, the
 * app's settings), else among the libraries detected here the first that holds a
 * token. A machine with OpenSC and SoftHSM2 both installed would otherwise always
 * get OpenSC (first in the table) and report "no token" while SoftHSM2 holds one.
 */
import { detectModules, locateModule, type LocatedModule } from './module-locator.js';
import { openModule, presentTokens } from './pkcs11-module.js';

export interface ModuleChoice extends Omit<LocatedModule, 'source'> {
  source: LocatedModule['source'] | 'settings';
  /** Several libraries were detected and this one was chosen because it holds a token (false: none did). */
  holdsToken?: boolean;
  /** The other detected libraries, when several were looked at. */
  alsoDetected: string[];
}

export async function chooseModule(
  options: { argument?: string; settingsPath?: string; env?: NodeJS.ProcessEnv; candidates?: LocatedModule[] } = {},
): Promise<ModuleChoice> {
  const env = options.env ?? process.env;
  if (options.argument || env.TOKENDESK_PKCS11_MODULE) return { ...locateModule(options.argument, env), alsoDetected: [] };
  if (options.settingsPath) {
    const located = locateModule(options.settingsPath, {});
    return { ...located, source: 'settings', alsoDetected: [] };
  }
  const candidates = options.candidates ?? detectModules();
  // None: locateModule says so in its words (moduleNotFound). One: nothing to choose.
  if (candidates.length === 0) return { ...locateModule(undefined, {}), alsoDetected: [] };
  if (candidates.length === 1) return { ...candidates[0]!, alsoDetected: [] };
  const others = (chosen: LocatedModule) => candidates.filter((candidate) => candidate !== chosen).map((candidate) => candidate.path);
  for (const candidate of candidates) {
    if (await holdsToken(candidate.path)) return { ...candidate, holdsToken: true, alsoDetected: others(candidate) };
  }
  return { ...candidates[0]!, holdsToken: false, alsoDetected: others(candidates[0]!) };
}

/** A token there, even a damaged one (diagnosis should name it); a library that cannot be loaded holds none. */
async function holdsToken(path: string): Promise<boolean> {
  let module;
  try {
    module = await openModule(path);
    const slots = await module.listSlots();
    return presentTokens(slots).length > 0 || slots.some((slot) => slot.present && slot.error !== undefined);
  } catch {
    return false;
  } finally {
    await module?.release();
  }
}
