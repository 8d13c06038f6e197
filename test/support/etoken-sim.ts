/**
 * The native eToken sim (native/, libetokensim.so) in front of a fresh SoftHSM2 for
 * one test file: tokens in a temp dir, a temp state dir, the env a PKCS#11 consumer
 * needs, and control(args) — the real `npm run sim` CLI — to pull tokens out and
 * inject faults while that consumer runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createSoftHsm, type SoftHsm, type TestToken } from './softhsm.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ETOKEN_SIM_MODULE = join(root, 'native', 'build', 'libetokensim.so');
export const ETOKEN_SIM_DRIVER = join(root, 'native', 'build', 'sim-driver');
const CONTROL_CLI = join(root, 'native', 'control.ts');

export interface SimToken extends TestToken {
  /** The sim's 8-hex-digit serial for this token (native/README.md, "Serial numbers"). */
  simSerial: string;
}

export interface EtokenSim {
  modulePath: string;
  stateDir: string;
  softhsm: SoftHsm;
  /** SOFTHSM2_CONF, ETOKENSIM_TARGET, ETOKENSIM_STATE (and ETOKENSIM_MAX_RETRIES when given). */
  env: NodeJS.ProcessEnv;
  tokens: SimToken[];
  /** Runs `npm run sim -- ...args` against this sim's state dir; returns its stdout, throws with its stderr. */
  control(args: string[]): string;
  /** The command line that runs the control CLI, for tools that take one (the valgrind driver). */
  controlCommand: string;
  cleanup(): void;
}

/** FNV-1a (32 bits) of the wrapped token's serial as SoftHSM gives it (lower case), upper-case hex: the documented derivation. */
export function simSerialFor(targetSerial: string): string {
  let hash = 2166136261;
  for (const byte of Buffer.from(targetSerial, 'latin1')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash.toString(16).toUpperCase().padStart(8, '0');
}

/** Builds the module when it is missing, so a fresh clone's first test run works. */
export function ensureSimBuilt(): void {
  if (existsSync(ETOKEN_SIM_MODULE) && existsSync(ETOKEN_SIM_DRIVER)) return;
  try {
    execFileSync(process.execPath, [join(root, 'native', 'build.mjs')], { stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`The eToken sim is not built and building it failed; run \`npm run build:native\`.\n${output}`);
  }
}

export function createEtokenSim(
  options: { tokens?: number; maxRetries?: number; setProcessEnv?: boolean; userPin?: string; soPin?: string } = {},
): EtokenSim {
  ensureSimBuilt();
  const softhsm = createSoftHsm({
    tokens: options.tokens ?? 2,
    label: 'eToken sim',
    setProcessEnv: options.setProcessEnv,
    ...(options.userPin ? { userPin: options.userPin } : {}),
    ...(options.soPin ? { soPin: options.soPin } : {}),
  });
  const stateDir = join(softhsm.root, 'etokensim-state');
  mkdirSync(stateDir, { mode: 0o700 });
  const simEnv: Record<string, string> = {
    SOFTHSM2_CONF: softhsm.conf,
    ETOKENSIM_TARGET: softhsm.modulePath,
    ETOKENSIM_STATE: stateDir,
  };
  if (options.maxRetries !== undefined) simEnv.ETOKENSIM_MAX_RETRIES = String(options.maxRetries);
  // The module reads its env at C_Initialize: a consumer loaded in this process needs it here.
  if (options.setProcessEnv !== false) Object.assign(process.env, simEnv);
  const env = { ...softhsm.env, ...simEnv };
  const controlArgs = ['--import', 'tsx', CONTROL_CLI];

  return {
    modulePath: ETOKEN_SIM_MODULE,
    stateDir,
    softhsm,
    env,
    tokens: softhsm.tokens.map((token) => ({ ...token, simSerial: simSerialFor(token.serial.toLowerCase()) })),
    control(args) {
      try {
        return execFileSync(process.execPath, [...controlArgs, ...args], { env, cwd: root, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        const failure = error as { stderr?: string; status?: number };
        throw new Error(`sim ${args.join(' ')} exited ${failure.status}: ${failure.stderr ?? ''}`);
      }
    },
    controlCommand: [process.execPath, ...controlArgs].map((word) => `'${word.replace(/'/gu, `'\\''`)}'`).join(' '),
    cleanup: () => softhsm.cleanup(),
  };
}
