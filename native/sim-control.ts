/**
 * What `npm run sim -- <command>` does, as a function the test fixture can call in
 * process. It only reads and replaces files in the state dir (ETOKENSIM_STATE); a
 * running libetokensim.so notices the change on its next call. Grammar of the
 * control file: native/README.md and native/src/control_file.c.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CKR, ckrName } from '../src/core/pkcs11/token-error.js';

export const DEFAULT_MAX_RETRIES = 15;

/** Every function of the PKCS#11 v2.40 function list: the names a fault may target. */
export const PKCS11_FUNCTIONS = [
  'C_Initialize', 'C_Finalize', 'C_GetInfo', 'C_GetSlotList', 'C_GetSlotInfo', 'C_GetTokenInfo',
  'C_GetMechanismList', 'C_GetMechanismInfo', 'C_InitToken', 'C_InitPIN', 'C_SetPIN', 'C_OpenSession',
  'C_CloseSession', 'C_CloseAllSessions', 'C_GetSessionInfo', 'C_GetOperationState', 'C_SetOperationState',
  'C_Login', 'C_Logout', 'C_CreateObject', 'C_CopyObject', 'C_DestroyObject', 'C_GetObjectSize',
  'C_GetAttributeValue', 'C_SetAttributeValue', 'C_FindObjectsInit', 'C_FindObjects', 'C_FindObjectsFinal',
  'C_EncryptInit', 'C_Encrypt', 'C_EncryptUpdate', 'C_EncryptFinal', 'C_DecryptInit', 'C_Decrypt',
  'C_DecryptUpdate', 'C_DecryptFinal', 'C_DigestInit', 'C_Digest', 'C_DigestUpdate', 'C_DigestKey',
  'C_DigestFinal', 'C_SignInit', 'C_Sign', 'C_SignUpdate', 'C_SignFinal', 'C_SignRecoverInit', 'C_SignRecover',
  'C_VerifyInit', 'C_Verify', 'C_VerifyUpdate', 'C_VerifyFinal', 'C_VerifyRecoverInit', 'C_VerifyRecover',
  'C_DigestEncryptUpdate', 'C_DecryptDigestUpdate', 'C_SignEncryptUpdate', 'C_DecryptVerifyUpdate',
  'C_GenerateKey', 'C_GenerateKeyPair', 'C_WrapKey', 'C_UnwrapKey', 'C_DeriveKey', 'C_SeedRandom',
  'C_GenerateRandom', 'C_GetFunctionStatus', 'C_CancelFunction', 'C_WaitForSlotEvent',
] as const;

/** A mistake in the command line: shown to the person in Japanese and English, with what to do. */
export class SimUsageError extends Error {
  override readonly name = 'SimUsageError';
  constructor(ja: string, en: string) {
    super(`${ja}\n${en}`);
  }
}

export interface SimFault {
  id: number;
  function: string;
  ckr: number;
  after: number;
  once: boolean;
  /** undefined: every token */
  serial?: string;
}

export interface SimTokenState {
  present: boolean;
  removals: number;
}

/** The token's password policy (ETCKH_PIN_POLICY), as the sim reports and enforces it. */
export interface SimPinPolicy {
  minLength: number;
  mixChars: boolean;
  /** Days; 0 = never expires. */
  maxAge: number;
  historySize: number;
}

export const DEFAULT_PIN_POLICY: SimPinPolicy = { minLength: 4, mixChars: false, maxAge: 0, historySize: 0 };

export interface ControlFile {
  maxRetries?: number;
  pinPolicy?: SimPinPolicy;
  faultSeq: number;
  tokens: Map<string, SimTokenState>;
  /** Serials of the tokens that act as an old 1024-bit-only eToken. */
  legacy: Set<string>;
  faults: SimFault[];
}

export interface SimTokenStatus {
  serial: string;
  label: string;
  targetSerial: string;
  present: boolean;
  removals: number;
  /** An old 1024-bit-only eToken (set-legacy). */
  legacy: boolean;
  userPinRetriesLeft: number;
  soPinRetriesLeft: number;
}

export interface SimStatus {
  stateDir: string;
  maxRetries: number;
  pinPolicy: SimPinPolicy;
  tokens: SimTokenStatus[];
  faults: Array<SimFault & { ckrName: string }>;
}

const controlPath = (dir: string): string => join(dir, 'control');

function readLines(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
}

export function readControl(dir: string): ControlFile {
  const control: ControlFile = { faultSeq: 0, tokens: new Map(), legacy: new Set(), faults: [] };
  for (const line of readLines(controlPath(dir))) {
    const words = line.trim().split(/\s+/u);
    if (words[0] === 'max-retries') control.maxRetries = Number(words[1]);
    else if (words[0] === 'pin-policy' && words.length >= 9) {
      control.pinPolicy = { minLength: Number(words[2]), mixChars: words[4] === '1', maxAge: Number(words[6]), historySize: Number(words[8]) };
    }
    else if (words[0] === 'fault-seq') control.faultSeq = Number(words[1]);
    else if (words[0] === 'token' && words.length >= 6) {
      control.tokens.set(words[1]!, { present: words[3] === '1', removals: Number(words[5]) });
    } else if (words[0] === 'legacy' && words[1]) {
      control.legacy.add(words[1]);
    } else if (words[0] === 'fault' && words.length >= 10) {
      control.faults.push({
        id: Number(words[1]),
        function: words[2]!,
        ckr: Number.parseInt(words[3]!, 16),
        after: Number(words[5]),
        once: words[7] === '1',
        ...(words[9] === '*' ? {} : { serial: words[9]! }),
      });
    }
  }
  return control;
}

function writeControl(dir: string, control: ControlFile): void {
  const lines = ['# written by `npm run sim`; read by libetokensim.so (native/README.md)'];
  if (control.maxRetries !== undefined) lines.push(`max-retries ${control.maxRetries}`);
  if (control.pinPolicy !== undefined) {
    const policy = control.pinPolicy;
    lines.push(`pin-policy min-len ${policy.minLength} mix-chars ${policy.mixChars ? 1 : 0} max-age ${policy.maxAge} history ${policy.historySize}`);
  }
  lines.push(`fault-seq ${control.faultSeq}`);
  for (const [serial, token] of control.tokens) {
    lines.push(`token ${serial} present ${token.present ? 1 : 0} removals ${token.removals}`);
  }
  for (const serial of control.legacy) lines.push(`legacy ${serial}`);
  for (const fault of control.faults) {
    const ckr = `0x${fault.ckr.toString(16)}`;
    lines.push(`fault ${fault.id} ${fault.function} ${ckr} after ${fault.after} once ${fault.once ? 1 : 0} serial ${fault.serial ?? '*'}`);
  }
  // Replace, never rewrite: the module in another process must see old or new, never half.
  const temp = `${controlPath(dir)}.${process.pid}.tmp`;
  writeFileSync(temp, `${lines.join('\n')}\n`, { mode: 0o600 });
  renameSync(temp, controlPath(dir));
}

function effectiveMaxRetries(control: ControlFile): number {
  if (control.maxRetries !== undefined) return control.maxRetries;
  const fromEnv = Number(process.env.ETOKENSIM_MAX_RETRIES);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_RETRIES;
}

/** Tokens the module has seen: it records each one as token-<SERIAL> when it initializes. */
function knownTokens(dir: string): Array<{ serial: string; label: string; targetSerial: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^token-[0-9A-F]{8}$/u.test(name))
    .map((name) => {
      const fields = new Map<string, string>();
      for (const line of readLines(join(dir, name))) {
        const space = line.indexOf(' ');
        if (space > 0) fields.set(line.slice(0, space), line.slice(space + 1));
      }
      return { serial: name.slice('token-'.length), label: fields.get('label') ?? '', targetSerial: fields.get('target-serial') ?? '' };
    })
    .sort((a, b) => a.serial.localeCompare(b.serial));
}

function pinFailures(dir: string, serial: string): { user: number; so: number } {
  const failures = { user: 0, so: 0 };
  for (const line of readLines(join(dir, `pins-${serial}`))) {
    const [key, value] = line.split(' ');
    if (key === 'user-failures') failures.user = Number(value);
    if (key === 'so-failures') failures.so = Number(value);
  }
  return failures;
}

export function simStatus(dir: string): SimStatus {
  const control = readControl(dir);
  const maxRetries = effectiveMaxRetries(control);
  const tokens = knownTokens(dir).map((token) => {
    const state = control.tokens.get(token.serial) ?? { present: true, removals: 0 };
    const failures = pinFailures(dir, token.serial);
    return {
      ...token,
      ...state,
      legacy: control.legacy.has(token.serial),
      userPinRetriesLeft: Math.max(0, maxRetries - failures.user),
      soPinRetriesLeft: Math.max(0, maxRetries - failures.so),
    };
  });
  return { stateDir: dir, maxRetries, pinPolicy: control.pinPolicy ?? DEFAULT_PIN_POLICY, tokens, faults: control.faults.map((fault) => ({ ...fault, ckrName: ckrName(fault.ckr) })) };
}

function parseCkr(text: string): number {
  const named = Object.entries(CKR).find(([name]) => `CKR_${name}` === text.toUpperCase());
  if (named) return named[1];
  if (/^(0x[0-9a-f]+|\d+)$/iu.test(text)) return Number(text);
  throw new SimUsageError(
    `不明な戻り値コードです: ${text}。CKR_DEVICE_ERROR のような名前か 0x30 のような数値を指定してください。`,
    `Unknown return code: ${text}. Give a name such as CKR_DEVICE_ERROR or a number such as 0x30.`,
  );
}

function parseFunction(text: string): string {
  if ((PKCS11_FUNCTIONS as readonly string[]).includes(text)) return text;
  throw new SimUsageError(
    `不明な PKCS#11 関数です: ${text}。C_Sign や C_GenerateKeyPair のような名前を指定してください。`,
    `Unknown PKCS#11 function: ${text}. Give a name such as C_Sign or C_GenerateKeyPair.`,
  );
}

function parseCount(text: string, what: string, minimum: number): number {
  const value = Number(text);
  if (Number.isInteger(value) && value >= minimum) return value;
  throw new SimUsageError(
    `${what} には ${minimum} 以上の整数を指定してください（指定値: ${text}）。`,
    `${what} must be a whole number of at least ${minimum} (got: ${text}).`,
  );
}

/** The serials a command acts on: the one asked for, or every token the module has seen. */
function targetSerials(dir: string, serial: string | undefined): string[] {
  const known = knownTokens(dir).map((token) => token.serial);
  if (serial !== undefined) {
    const wanted = serial.toUpperCase();
    if (!known.includes(wanted)) {
      throw new SimUsageError(
        `シリアル番号 ${serial} のトークンはシミュレーターにありません。'npm run sim -- status' で確認してください。`,
        `The simulator has no token with serial ${serial}. See 'npm run sim -- status'.`,
      );
    }
    return [wanted];
  }
  if (known.length === 0) {
    throw new SimUsageError(
      'シミュレーターがまだトークンを見ていません。一度モジュールを読み込む（例: pkcs11-tool --module native/build/libetokensim.so -L）か、--serial を指定してください。',
      'The simulator has not seen any token yet. Load the module once (e.g. pkcs11-tool --module native/build/libetokensim.so -L) or pass --serial.',
    );
  }
  return known;
}

export interface SimCommandOptions {
  serial?: string;
  after?: string;
  once?: boolean;
  json?: boolean;
}

export type SimCommand =
  | { name: 'status'; json?: boolean }
  | { name: 'remove' | 'insert'; serial?: string }
  | { name: 'fail'; function: string; ckr: string; after?: string; once?: boolean; serial?: string }
  | { name: 'clear' }
  | { name: 'set-max-retries'; count: string }
  | { name: 'set-legacy'; serial?: string; off?: boolean }
  | { name: 'set-pin-policy'; minLength?: string; mixChars?: boolean; maxAge?: string; history?: string };

/** Runs one command against the state dir; returns what to print. */
export function runSimCommand(dir: string, command: SimCommand): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const control = readControl(dir);
  switch (command.name) {
    case 'status':
      return command.json ? JSON.stringify(simStatus(dir), null, 2) : formatStatus(simStatus(dir));
    case 'remove':
    case 'insert': {
      const serials = targetSerials(dir, command.serial);
      for (const serial of serials) {
        const token = control.tokens.get(serial) ?? { present: true, removals: 0 };
        if (command.name === 'remove' && token.present) control.tokens.set(serial, { present: false, removals: token.removals + 1 });
        if (command.name === 'insert') control.tokens.set(serial, { ...token, present: true });
      }
      writeControl(dir, control);
      return `${command.name === 'remove' ? 'removed' : 'inserted'}: ${serials.join(' ')}`;
    }
    case 'fail': {
      const fault: SimFault = {
        id: control.faultSeq + 1,
        function: parseFunction(command.function),
        ckr: parseCkr(command.ckr),
        after: command.after === undefined ? 0 : parseCount(command.after, '--after', 0),
        once: command.once === true,
        ...(command.serial === undefined ? {} : { serial: targetSerials(dir, command.serial)[0]! }),
      };
      control.faultSeq = fault.id;
      control.faults.push(fault);
      writeControl(dir, control);
      return `fault #${fault.id}: ${describeFault(fault)}`;
    }
    case 'clear': {
      control.faults = [];
      writeControl(dir, control);
      for (const name of readdirSync(dir)) if (name.startsWith('fired-')) rmSync(join(dir, name), { force: true });
      return 'faults cleared';
    }
    case 'set-max-retries': {
      control.maxRetries = parseCount(command.count, 'set-max-retries', 1);
      writeControl(dir, control);
      return `max retries: ${control.maxRetries}`;
    }
    case 'set-legacy': {
      const serials = targetSerials(dir, command.serial);
      for (const serial of serials) {
        if (command.off) control.legacy.delete(serial);
        else control.legacy.add(serial);
      }
      writeControl(dir, control);
      return `${command.off ? 'current (2048-bit)' : 'legacy (1024-bit only)'}: ${serials.join(' ')}`;
    }
    case 'set-pin-policy': {
      // Options not given keep their default: each call states the whole policy.
      control.pinPolicy = {
        minLength: command.minLength === undefined ? DEFAULT_PIN_POLICY.minLength : parseCount(command.minLength, '--min-length', 1),
        mixChars: command.mixChars === true,
        maxAge: command.maxAge === undefined ? DEFAULT_PIN_POLICY.maxAge : parseCount(command.maxAge, '--max-age', 0),
        historySize: command.history === undefined ? DEFAULT_PIN_POLICY.historySize : parseCount(command.history, '--history', 0),
      };
      writeControl(dir, control);
      return `PIN policy: ${describePolicy(control.pinPolicy)}`;
    }
  }
}

function describeFault(fault: SimFault): string {
  const when = fault.once ? `once, after ${fault.after} call(s)` : `from call ${fault.after + 1} on`;
  return `${fault.function} → ${ckrName(fault.ckr)} ${when}, ${fault.serial ? `token ${fault.serial}` : 'every token'}`;
}

function describePolicy(policy: SimPinPolicy): string {
  return `min length ${policy.minLength}, mixed characters ${policy.mixChars ? 'required' : 'not required'}, max age ${policy.maxAge || 'none'}, history ${policy.historySize}`;
}

function formatStatus(status: SimStatus): string {
  const lines = [`state: ${status.stateDir}`, `max retries: ${status.maxRetries}`, `PIN policy: ${describePolicy(status.pinPolicy)}`];
  if (status.tokens.length === 0) lines.push('tokens: none seen yet (load the module once)');
  for (const token of status.tokens) {
    lines.push(
      `token ${token.serial} "${token.label}" ${token.present ? 'present' : 'REMOVED'}` +
        ` user PIN ${token.userPinRetriesLeft}/${status.maxRetries} left, SO PIN ${token.soPinRetriesLeft}/${status.maxRetries} left` +
        `${token.legacy ? ' legacy (1024-bit only)' : ''} (wraps ${token.targetSerial})`,
    );
  }
  for (const fault of status.faults) lines.push(`fault #${fault.id}: ${describeFault(fault)}`);
  return lines.join('\n');
}
