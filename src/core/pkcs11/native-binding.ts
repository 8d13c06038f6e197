/**
 * The one place pkcs11js is loaded, and where its exceptions become TokenErrors.
 * pkcs11js is CommonJS with a native addon. It is required rather than imported:
 * Node gives an `import` of CommonJS a facade built by scanning the file for its
 * exports, ~5 ms of every CLI start (test/bench, device-info); require works the
 * same under tsx, plain node and Electron, and shares the module with any import.
 */
import { createRequire } from 'node:module';
import type * as Pkcs11js from 'pkcs11js';
import { CKR, TokenError, ckrName, codeForCkr } from './token-error.js';

const pkcs11js = createRequire(import.meta.url)('pkcs11js') as typeof Pkcs11js;

export type Pkcs11 = InstanceType<typeof pkcs11js.PKCS11>;
export type Handle = Buffer;
export type Template = Array<{ type: number; value?: number | boolean | string | Buffer }>;
export const P = pkcs11js;

// pkcs11js's constructor wraps each of the instance's ~70 C_* functions and promisifies
// the async ones: ~0.3 ms of CPU, a tenth of a whole device read on SoftHSM (test/bench,
// device-info). A binding whose library was finalized and closed holds no state of it
// and loads the next library as well as a new one: a few are kept for the next open.
const idle: Pkcs11[] = [];
const IDLE_KEPT = 4;

/** A binding with no library loaded: one released earlier, else a new one. */
export function createBinding(): Pkcs11 {
  const Current = pkcs11js.PKCS11;
  // Only one made by the class in force now: a test that watches calls (test/support/pkcs11-calls.ts) swaps the class to see every call.
  const index = idle.findIndex((binding) => Object.getPrototypeOf(binding) === Current.prototype);
  return index === -1 ? new Current() : idle.splice(index, 1)[0]!;
}

/** Gives back a binding whose library was finalized and closed without error, for createBinding to hand out again. */
export function releaseBinding(binding: Pkcs11): void {
  if (idle.length < IDLE_KEPT && !idle.includes(binding)) idle.push(binding);
}

interface Pkcs11ErrorLike {
  code: number;
  method?: string;
  message: string;
}

function isPkcs11Error(error: unknown): error is Pkcs11ErrorLike {
  return error instanceof Error && typeof (error as Partial<Pkcs11ErrorLike>).code === 'number';
}

/**
 * Some pkcs11js paths (C_CreateObject among them) still throw a plain Error whose
 * message is `CKR_NAME:<decimal CK_RV>`. The number is the contract there; it is
 * read from that fixed format, never from free text.
 */
function legacyCkr(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const match = /^CKR_[A-Z_]+:(\d+)$/u.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/** A failure from the module, as a TokenError carrying the CK_RV and function name (never message matching). */
export function toTokenError(error: unknown, fn: string): TokenError {
  if (error instanceof TokenError) return error;
  if (isPkcs11Error(error)) {
    const name = error.method || fn;
    return new TokenError({ code: codeForCkr(error.code), message: `${name} failed: ${error.message}`, ckr: error.code, fn: name });
  }
  const legacy = legacyCkr(error);
  if (legacy !== undefined) return new TokenError({ code: codeForCkr(legacy), message: `${fn} failed: ${ckrName(legacy)}`, ckr: legacy, fn });
  const message = error instanceof Error ? error.message : String(error);
  return new TokenError({ code: 'generalError', message: `${fn} failed: ${message}`, fn });
}

/** Runs one synchronous binding call and translates its failure. */
export function call<T>(fn: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toTokenError(error, fn);
  }
}

/** Same for the async (worker-thread) variants. */
export async function callAsync<T>(fn: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toTokenError(error, fn);
  }
}

export function isCkr(error: unknown, ckr: number): boolean {
  return error instanceof TokenError && error.ckr === ckr;
}

export { CKR };
