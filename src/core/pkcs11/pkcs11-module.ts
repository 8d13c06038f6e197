/**
 * A loaded PKCS#11 library (graphene's Module, in spirit): initialized once,
 * shared by every user in the process through a reference count, finalized when
 * the last user releases it — never while another still holds it. Every call goes
 * through the library's one CallQueue.
 */
import { printable } from '../printable.js';
import { CallQueue } from './call-queue.js';
import { CKR, P, call, createBinding, isCkr, releaseBinding, toTokenError, type Handle, type Pkcs11 } from './native-binding.js';
import { locateModule } from './module-locator.js';
import { normalizeTokenInfo, withMaxRsaBits, type RawTokenInfo } from './normalize.js';
import type { PinRetries, TokenInfo } from './token-info.js';
import { TokenError } from './token-error.js';
import { TokenSession } from './token-session.js';

/** What a slot holds when listed: a token, nothing, or a token that does not answer (damaged). */
export interface SlotState {
  slotId: string;
  description: string;
  present: boolean;
  token?: TokenInfo;
  error?: TokenError;
}

/**
 * A slot listed because a token is in it (C_GetSlotList with tokenPresent): the token,
 * or the failure of one that does not answer (damaged); neither when it was pulled
 * out between the two calls.
 */
export type TokenSlot = Pick<SlotState, 'slotId' | 'token' | 'error'>;

export interface ModuleDescription {
  path: string;
  manufacturer: string;
  description: string;
  cryptokiVersion: string;
  libraryVersion: string;
}

const CKF_SERIAL_SESSION = 0x4;
const CKF_RW_SESSION = 0x2;
const CKF_TOKEN_PRESENT = 0x1;
const CKM_RSA_PKCS_KEY_PAIR_GEN = 0x0;

const loaded = new Map<string, { module: Pkcs11Module; users: number }>();

/**
 * Loads (or shares) the library at `path` — else TOKENDESK_PKCS11_MODULE, else the
 * first known vendor library on this OS. Each call must be matched by release().
 */
export async function openModule(path?: string): Promise<Pkcs11Module> {
  const located = locateModule(path);
  const entry = loaded.get(located.path);
  if (entry) {
    entry.users += 1;
    return entry.module;
  }
  const module = new Pkcs11Module(located.path);
  loaded.set(located.path, { module, users: 1 });
  try {
    module.initialize();
  } catch (error) {
    loaded.delete(located.path);
    throw error;
  }
  return module;
}

export class Pkcs11Module {
  readonly queue = new CallQueue();
  private readonly lib: Pkcs11;
  private readonly sessions = new Set<TokenSession>();
  // pkcs11js slot handles are CK_ULONG-sized buffers (4 bytes on Windows, 8 elsewhere):
  // keep the module's own handle rather than rebuilding one from the ID.
  private readonly slotHandles = new Map<string, Handle>();

  constructor(readonly path: string) {
    this.lib = createBinding();
  }

  /** @internal by openModule */
  initialize(): void {
    try {
      this.lib.load(this.path);
    } catch (error) {
      throw new TokenError({
        code: 'moduleLoadFailed',
        message: `Cannot load the PKCS#11 library ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
        fn: 'load',
        modulePath: this.path,
      });
    }
    try {
      this.lib.C_Initialize();
    } catch (error) {
      // Another component of this process (a browser plug-in, another binding) got
      // there first: the library is usable, and finalizing it is not ours to do.
      if (!isCkr(toTokenError(error, 'C_Initialize'), CKR.CRYPTOKI_ALREADY_INITIALIZED)) {
        throw toTokenError(error, 'C_Initialize');
      }
    }
  }

  describe(): Promise<ModuleDescription> {
    return this.queue.run(() => {
      const info = call('C_GetInfo', () => this.lib.C_GetInfo());
      const version = (v: { major: number; minor: number }) => `${v.major}.${v.minor}`;
      return {
        path: this.path,
        manufacturer: info.manufacturerID.trim(),
        description: info.libraryDescription.trim(),
        cryptokiVersion: version(info.cryptokiVersion),
        libraryVersion: version(info.libraryVersion),
      };
    });
  }

  /** Every slot with what it holds, empty ones included (presence, the slot view); a token that fails to answer is reported, not dropped. */
  listSlots(): Promise<SlotState[]> {
    return this.queue.run(() =>
      call('C_GetSlotList', () => this.lib.C_GetSlotList(false)).map((slot) => this.readSlot(slot)),
    );
  }

  /**
   * Only the slots a token is in, each with its token or the failure of one that does
   * not answer (diagnosis needs it): what finding a token needs, without asking every
   * slot for its description and flags (C_GetSlotInfo) first. `keySizes: false` leaves
   * out the largest RSA key each token makes (C_GetMechanismInfo): `maxRsaBits` absent
   * and `legacy` false, as for a module that does not say — for a caller that judges
   * nothing by them (diagnosis and Flow B show neither; only storing a certificate does).
   */
  listTokenSlots(options: { keySizes?: boolean } = {}): Promise<TokenSlot[]> {
    const keySizes = options.keySizes ?? true;
    return this.queue.run(() =>
      call('C_GetSlotList', () => this.lib.C_GetSlotList(true)).map((slot) => this.readToken(slot, slotId(slot), keySizes)),
    );
  }

  /** Tokens present and answering. A token that fails to answer makes the listing fail with its error. */
  async listTokens(): Promise<TokenInfo[]> {
    return answeringTokens(await this.listTokenSlots());
  }

  async findToken(serial: string): Promise<TokenInfo> {
    // Serials are hex text: case carries no meaning (the CA stores them upper-case).
    const wanted = serial.trim().toLowerCase();
    const token = (await this.listTokens()).find((candidate) => candidate.serial.toLowerCase() === wanted);
    // The serial in the words (TD-TOKEN-NOT-FOUND): which token to plug back in, after a swap.
    if (!token) throw new TokenError({ code: 'tokenNotFound', message: `No token with serial ${printable(serial)} is present`, tokenSerial: printable(serial.trim(), 64) });
    return token;
  }

  /**
   * A session with the token of that serial (found in a fresh listing), or with a
   * token from a listing this module just made: a diagnosis run lists the slots once
   * and opens its session on what it saw. Pulled out since, C_OpenSession answers
   * CKR_TOKEN_NOT_PRESENT; replaced by another in its slot, login() refuses the
   * other before spending one of its tries.
   */
  async openSession(token: string | TokenInfo, options: { readWrite?: boolean } = {}): Promise<TokenSession> {
    const listed = typeof token === 'string' ? await this.findToken(token) : token;
    const slot = this.slotHandle(listed.slotId);
    const flags = CKF_SERIAL_SESSION | (options.readWrite ? CKF_RW_SESSION : 0);
    const handle = await this.queue.run(() => call('C_OpenSession', () => this.lib.C_OpenSession(slot, flags)));
    const session = new TokenSession(this.lib, this.queue, handle, slot, listed, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }

  /** C_InitToken: wipes the token. `soPin` must be the token's current SO PIN (or the new one, for a blank token). */
  async initToken(serial: string, soPin: string, label: string): Promise<void> {
    const token = await this.findToken(serial);
    await this.queue.run(() =>
      call('C_InitToken', () => this.lib.C_InitToken(this.slotHandle(token.slotId), soPin, label.slice(0, 32))),
    );
  }

  /**
   * Exact tries left where the module offers a vendor extension; each field undefined
   * ("unknown") otherwise — also when no session can be opened to ask.
   */
  async pinRetries(serial: string): Promise<PinRetries> {
    const token = await this.findToken(serial);
    const session = await this.openSession(token).catch(() => undefined);
    if (!session) return {};
    try {
      return await session.pinRetries();
    } finally {
      await session.close();
    }
  }

  /**
   * The slots whose presence changed since the last call, where the module supports
   * C_WaitForSlotEvent without blocking; `undefined` where it does not (then poll listSlots).
   */
  slotEvents(): Promise<string[] | undefined> {
    return this.queue.run(() => {
      const changed: string[] = [];
      try {
        for (let i = 0; i < 64; i += 1) {
          const slot = this.lib.C_WaitForSlotEvent(P.CKF_DONT_BLOCK);
          if (!slot) break;
          changed.push(slotId(slot));
        }
      } catch (error) {
        const failure = toTokenError(error, 'C_WaitForSlotEvent');
        if (failure.ckr === 0x8 /* CKR_NO_EVENT */) return changed;
        return undefined;
      }
      return changed;
    });
  }

  /** Ends this user's share; the last one closes open sessions and finalizes the library. */
  async release(): Promise<void> {
    const entry = loaded.get(this.path);
    if (!entry || entry.module !== this) return;
    entry.users -= 1;
    if (entry.users > 0) return;
    loaded.delete(this.path);
    await Promise.allSettled([...this.sessions].map((session) => session.close()));
    await this.queue.run(() => {
      try {
        this.lib.C_Finalize();
      } finally {
        this.lib.close();
      }
      releaseBinding(this.lib);
    });
  }

  private readSlot(slot: Handle): SlotState {
    const id = slotId(slot);
    const info = call('C_GetSlotInfo', () => this.lib.C_GetSlotInfo(slot));
    const state: SlotState = {
      slotId: id,
      description: info.slotDescription.trim(),
      present: Boolean(info.flags & CKF_TOKEN_PRESENT),
    };
    if (!state.present) return state;
    const { token, error } = this.readToken(slot, id, true);
    if (token) state.token = token;
    else if (error) state.error = error;
    // Pulled out between the two calls: the slot is simply empty now.
    else state.present = false;
    return state;
  }

  private readToken(slot: Handle, id: string, keySize: boolean): TokenSlot {
    this.slotHandles.set(id, slot);
    try {
      const raw = call('C_GetTokenInfo', () => this.lib.C_GetTokenInfo(slot)) as unknown as RawTokenInfo;
      const token = normalizeTokenInfo(id, raw);
      // SoftHSM's spare blank token is left out of every listing: no key size to ask it for.
      return { slotId: id, token: !keySize || isSpareSlot(token) ? token : withMaxRsaBits(token, this.maxRsaBits(slot)) };
    } catch (error) {
      const failure = toTokenError(error, 'C_GetTokenInfo');
      if (failure.code === 'tokenAbsent' || failure.code === 'tokenRemoved') return { slotId: id };
      return { slotId: id, error: failure };
    }
  }

  private slotHandle(id: string): Handle {
    const handle = this.slotHandles.get(id);
    if (!handle) throw new TokenError({ code: 'tokenNotFound', message: `Slot ${id} is not known to this module` });
    return handle;
  }

  private maxRsaBits(slot: Handle): number | undefined {
    try {
      return this.lib.C_GetMechanismInfo(slot, CKM_RSA_PKCS_KEY_PAIR_GEN).maxKeySize || undefined;
    } catch {
      return undefined; // the module does not say: "legacy" stays false rather than guessed
    }
  }
}

/**
 * SoftHSM always offers one more blank, serial-less token to initialize; a real
 * blank eToken still has its serial. Only the former is left out of listings.
 */
function isSpareSlot(token: TokenInfo): boolean {
  return !token.initialized && token.serial === '';
}

/** The tokens a person would say are plugged in, from a slot listing. */
export function presentTokens(slots: readonly TokenSlot[]): TokenInfo[] {
  return slots.flatMap((slot) => (slot.token && !isSpareSlot(slot.token) ? [slot.token] : []));
}

/** The tokens of a slot listing, or the failure of the first token there that does not answer. */
export function answeringTokens(slots: readonly TokenSlot[]): TokenInfo[] {
  const broken = slots.find((slot) => slot.error);
  if (broken?.error) throw broken.error;
  return presentTokens(slots);
}

/** Slot IDs travel as decimal strings (JSON- and IPC-safe). */
export function slotId(handle: Handle): string {
  return handle.length >= 8 ? handle.readBigUInt64LE(0).toString() : handle.readUInt32LE(0).toString();
}
