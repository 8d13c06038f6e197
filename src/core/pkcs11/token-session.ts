/**
 * A session with one token. Objects are addressed by CKA_ID (hex), never by
 * handle: handles die with the session, IDs survive re-insertion and restarts.
 */
import { randomBytes } from 'node:crypto';
import type { CallQueue } from './call-queue.js';
import { certificateFields } from './certificate-fields.js';
import { findAll, findFirst } from './find-objects.js';
import { keyIdForModulus } from './key-id.js';
import { P, call, callAsync, toTokenError, type Handle, type Pkcs11, type Template } from './native-binding.js';
import type { PinRetries, TokenInfo } from './token-info.js';
import { CKR, TokenError } from './token-error.js';
import { normalizeSerial, soPinState, userPinState } from './normalize.js';
import { readSafeNetPinPolicy, readSafeNetPinRetries, readSafeNetTokenFacts, type SafeNetTokenFacts, type TokenPinPolicy } from './safenet-extension.js';

export type UserType = 'user' | 'so';

export interface KeyPairRef {
  id: string;
  label: string;
  modulus: Buffer;
  publicExponent: Buffer;
}

export interface CertificateObject {
  id: string;
  label: string;
  der: Buffer;
}

export interface KeyObject {
  id: string;
  label: string;
  kind: 'private' | 'public';
}

const RSA_PUBLIC_EXPONENT = Buffer.from([0x01, 0x00, 0x01]);

export class TokenSession {
  private open = true;

  constructor(
    private readonly lib: Pkcs11,
    private readonly queue: CallQueue,
    private readonly handle: Handle,
    /** The slot the session was opened in: where the token's flags are read at login. */
    private readonly slot: Handle,
    readonly token: TokenInfo,
    private readonly onClose: () => void,
  ) {}

  /**
   * Logs in, never spending a try the user did not choose to risk: a locked PIN is
   * refused without asking the token, and on the final try (CKF_*_PIN_FINAL_TRY)
   * only with `confirmFinalTry` — the caller asks the user first.
   */
  login(userType: UserType, pin: string, options: { confirmFinalTry?: boolean } = {}): Promise<void> {
    const type = userType === 'so' ? P.CKU_SO : P.CKU_USER;
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    return this.run('C_Login', () => {
      this.guardTry(userType, 'C_Login', options);
      this.lib.C_Login(this.handle, type, pin);
    });
  }

  /**
   * C_SetPIN on a session nobody is logged in to: changes the user PIN, checking the
   * current one (a wrong one spends exactly one try). Guarded like login: never on a
   * locked PIN, and on the final try only with `confirmFinalTry`. Needs a R/W session.
   */
  changeUserPin(currentPin: string, newPin: string, options: { confirmFinalTry?: boolean } = {}): Promise<void> {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    return this.run('C_SetPIN', () => {
      this.guardTry('user', 'C_SetPIN', options);
      this.lib.C_SetPIN(this.handle, currentPin, newPin);
    });
  }

  /** Refuses, without asking the token to check anything, a try the user did not choose to risk. */
  private guardTry(userType: UserType, fn: string, options: { confirmFinalTry?: boolean }): void {
    const flags = this.tokenFlags();
    const state = userType === 'user' ? userPinState(flags) : soPinState(flags);
    if (state === 'locked') throw new TokenError({ code: 'pinLocked', message: `The ${userType} PIN is locked`, ckr: CKR.PIN_LOCKED, fn });
    if (state === 'finalTry' && !options.confirmFinalTry) {
      throw new TokenError({ code: 'pinFinalTry', message: `The ${userType} PIN has one try left: confirm before trying`, fn });
    }
  }

  /** Exact tries left where the vendor offers them (else each field "unknown"): needs no login, spends no try. */
  pinRetries(): Promise<PinRetries> {
    return this.queue.run(() => {
      this.assertOpen();
      return readSafeNetPinRetries(this.lib, this.handle, this.token.manufacturer);
    });
  }

  /** The vendor's facts about the device (SafeNet's ETCKH_TOKEN_OBJECT); {} where the token has none. */
  vendorFacts(): Promise<SafeNetTokenFacts> {
    return this.queue.run(() => {
      this.assertOpen();
      return readSafeNetTokenFacts(this.lib, this.handle, this.token.manufacturer);
    });
  }

  /** The password policy the token enforces (SafeNet's ETCKH_PIN_POLICY); {} where it has none. */
  pinPolicy(): Promise<TokenPinPolicy> {
    return this.queue.run(() => {
      this.assertOpen();
      return readSafeNetPinPolicy(this.lib, this.handle, this.token.manufacturer);
    });
  }

  logout(): Promise<void> {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    return this.run('C_Logout', () => this.lib.C_Logout(this.handle));
  }

  /** C_InitPIN: sets (and unlocks) the user PIN; the session must be logged in as SO. */
  initPin(newUserPin: string): Promise<void> {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    return this.run('C_InitPIN', () => this.lib.C_InitPIN(this.handle, newUserPin));
  }

  /** C_SetPIN: changes the PIN of whoever is logged in. */
  setPin(oldPin: string, newPin: string): Promise<void> {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    return this.run('C_SetPIN', () => this.lib.C_SetPIN(this.handle, oldPin, newPin));
  }

  /**
   * RSA key pair generated on the token. The private key is token, private,
   * sensitive, non-extractable, sign-only — set at generation, as eToken 5110
   * insists. Key and public key share CKA_ID (from the modulus) and CKA_LABEL.
   */
  async generateRsaKeyPair(options: { label: string; bits?: number }): Promise<KeyPairRef> {
    const bits = options.bits ?? 2048;
    const provisionalId = randomBytes(20);
    const common: Template = [
      { type: P.CKA_TOKEN, value: true },
      { type: P.CKA_ID, value: provisionalId },
      { type: P.CKA_LABEL, value: options.label },
      { type: P.CKA_KEY_TYPE, value: P.CKK_RSA },
    ];
    const publicTemplate: Template = [
      ...common,
      { type: P.CKA_CLASS, value: P.CKO_PUBLIC_KEY },
      { type: P.CKA_PRIVATE, value: false },
      { type: P.CKA_VERIFY, value: true },
      { type: P.CKA_ENCRYPT, value: false },
      { type: P.CKA_WRAP, value: false },
      { type: P.CKA_MODULUS_BITS, value: bits },
      { type: P.CKA_PUBLIC_EXPONENT, value: RSA_PUBLIC_EXPONENT },
    ];
    const privateTemplate: Template = [
      ...common,
      { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
      { type: P.CKA_PRIVATE, value: true },
      { type: P.CKA_SENSITIVE, value: true },
      { type: P.CKA_EXTRACTABLE, value: false },
      { type: P.CKA_SIGN, value: true },
      { type: P.CKA_DECRYPT, value: false },
      { type: P.CKA_UNWRAP, value: false },
    ];
    return this.queue.run(async () => {
      this.assertOpen();
      const keys = await callAsync('C_GenerateKeyPair', () =>
        this.lib.C_GenerateKeyPairAsync(
          this.handle,
          { mechanism: P.CKM_RSA_PKCS_KEY_PAIR_GEN },
          publicTemplate,
          privateTemplate,
        ),
      );
      const [modulus, publicExponent] = this.attributes(keys.publicKey, [P.CKA_MODULUS, P.CKA_PUBLIC_EXPONENT]);
      // Stryker disable next-line ConditionalExpression,LogicalOperator,ObjectLiteral,StringLiteral: unreachable, pkcs11js answers each attribute it read as a Buffer (a missing one fails the call); this narrows the type
      if (!modulus || !publicExponent) throw new TokenError({ code: 'generalError', message: 'The new public key has no modulus' });
      const id = keyIdForModulus(modulus);
      // Re-label both halves with the modulus-derived ID. A module that refuses keeps
      // the provisional random ID: still shared by both halves, so still a pair.
      let finalId = provisionalId.toString('hex');
      try {
        for (const key of [keys.publicKey, keys.privateKey]) {
          this.lib.C_SetAttributeValue(this.handle, key, [{ type: P.CKA_ID, value: Buffer.from(id, 'hex') }]);
        }
        finalId = id;
      } catch {
        this.lib.C_SetAttributeValue(this.handle, keys.publicKey, [{ type: P.CKA_ID, value: provisionalId }]);
      }
      return { id: finalId, label: options.label, modulus, publicExponent };
    });
  }

  /** The public half of a key pair: what a CSR for that key needs. */
  publicKeyOf(keyId: string): Promise<{ modulus: Buffer; publicExponent: Buffer }> {
    return this.queue.run(() => {
      this.assertOpen();
      const key = this.findOne([
        { type: P.CKA_CLASS, value: P.CKO_PUBLIC_KEY },
        { type: P.CKA_ID, value: Buffer.from(keyId, 'hex') },
      ]);
      const [modulus, publicExponent] = this.attributes(key, [P.CKA_MODULUS, P.CKA_PUBLIC_EXPONENT]);
      // Stryker disable next-line ConditionalExpression,LogicalOperator,ObjectLiteral,StringLiteral: unreachable, pkcs11js answers each attribute it read as a Buffer (a missing one fails the call); this narrows the type
      if (!modulus || !publicExponent) throw new TokenError({ code: 'objectNotFound', message: 'The public key has no modulus' });
      return { modulus, publicExponent };
    });
  }

  /** RSASSA-PKCS1-v1_5 with SHA-256 (CKM_SHA256_RSA_PKCS), on the token, off the event loop. */
  sign(keyId: string, data: Buffer): Promise<Buffer> {
    return this.queue.run(async () => {
      this.assertOpen();
      const key = this.findOne([
        { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
        { type: P.CKA_ID, value: Buffer.from(keyId, 'hex') },
      ]);
      // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
      call('C_SignInit', () => this.lib.C_SignInit(this.handle, { mechanism: P.CKM_SHA256_RSA_PKCS }, key));
      return callAsync('C_Sign', () => this.lib.C_SignAsync(this.handle, data, Buffer.alloc(1024)));
    });
  }

  listCertificates(): Promise<CertificateObject[]> {
    return this.queue.run(() => {
      this.assertOpen();
      return this.find([{ type: P.CKA_CLASS, value: P.CKO_CERTIFICATE }]).map((object) => {
        const [id, label, der] = this.attributes(object, [P.CKA_ID, P.CKA_LABEL, P.CKA_VALUE]);
        return { id: hex(id), label: text(label), der: der ?? Buffer.alloc(0) };
      });
    });
  }

  /** An X.509 certificate object linked to its key by CKA_ID, with the same CKA_LABEL. */
  writeCertificate(cert: CertificateObject): Promise<void> {
    const fields = certificateFields(cert.der);
    const template: Template = [
      { type: P.CKA_CLASS, value: P.CKO_CERTIFICATE },
      { type: P.CKA_CERTIFICATE_TYPE, value: P.CKC_X_509 },
      { type: P.CKA_TOKEN, value: true },
      { type: P.CKA_PRIVATE, value: false },
      { type: P.CKA_MODIFIABLE, value: true },
      { type: P.CKA_ID, value: Buffer.from(cert.id, 'hex') },
      { type: P.CKA_LABEL, value: cert.label },
      { type: P.CKA_VALUE, value: cert.der },
      { type: P.CKA_SUBJECT, value: fields.subject },
      { type: P.CKA_ISSUER, value: fields.issuer },
      { type: P.CKA_SERIAL_NUMBER, value: fields.serialNumber },
    ];
    return this.run('C_CreateObject', () => {
      this.lib.C_CreateObject(this.handle, template);
    });
  }

  deleteCertificate(id: string): Promise<void> {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    return this.destroyAll('certificate', [
      { type: P.CKA_CLASS, value: P.CKO_CERTIFICATE },
      { type: P.CKA_ID, value: Buffer.from(id, 'hex') },
    ]);
  }

  listKeys(): Promise<KeyObject[]> {
    return this.queue.run(() => {
      this.assertOpen();
      const keys = (kind: KeyObject['kind'], cls: number) =>
        this.find([{ type: P.CKA_CLASS, value: cls }]).map((object) => {
          const [id, label] = this.attributes(object, [P.CKA_ID, P.CKA_LABEL]);
          return { id: hex(id), label: text(label), kind };
        });
      return [...keys('private', P.CKO_PRIVATE_KEY), ...keys('public', P.CKO_PUBLIC_KEY)];
    });
  }

  /** Removes both halves of a key pair (whichever exist). */
  async deleteKeyPair(id: string): Promise<void> {
    const value = Buffer.from(id, 'hex');
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    await this.destroyAll('private key', [
      { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
      { type: P.CKA_ID, value },
    ]);
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    await this.destroyAll('public key', [
      { type: P.CKA_CLASS, value: P.CKO_PUBLIC_KEY },
      { type: P.CKA_ID, value },
    ]);
  }

  /** The values of the public data objects (CKO_DATA) of one CKA_APPLICATION: readable without login. */
  readDataObjects(application: string): Promise<Buffer[]> {
    return this.queue.run(() => {
      this.assertOpen();
      const template: Template = [
        { type: P.CKA_CLASS, value: P.CKO_DATA },
        { type: P.CKA_PRIVATE, value: false },
        { type: P.CKA_APPLICATION, value: application },
      ];
      // Stryker disable next-line MethodExpression,ConditionalExpression: every value is a Buffer (pkcs11js), the filter only narrows the type
      return this.find(template).flatMap((object) => this.attributes(object, [P.CKA_VALUE]).filter((value) => value !== undefined));
    });
  }

  /**
   * A public token data object. `modifiable: false` asks for CKA_MODIFIABLE false; a
   * module that refuses that attribute in a template gets the object without it.
   */
  createDataObject(object: { application: string; label: string; value: Buffer; modifiable: boolean }): Promise<void> {
    const template: Template = [
      { type: P.CKA_CLASS, value: P.CKO_DATA },
      { type: P.CKA_TOKEN, value: true },
      { type: P.CKA_PRIVATE, value: false },
      { type: P.CKA_APPLICATION, value: object.application },
      { type: P.CKA_LABEL, value: object.label },
      { type: P.CKA_VALUE, value: object.value },
    ];
    return this.run('C_CreateObject', () => {
      if (object.modifiable) {
        this.lib.C_CreateObject(this.handle, template);
        return;
      }
      try {
        this.lib.C_CreateObject(this.handle, [...template, { type: P.CKA_MODIFIABLE, value: false }]);
      } catch (error) {
        const refused: number[] = [CKR.ATTRIBUTE_TYPE_INVALID, CKR.ATTRIBUTE_VALUE_INVALID, CKR.ATTRIBUTE_READ_ONLY, CKR.TEMPLATE_INCONSISTENT];
        // Stryker disable next-line StringLiteral,UnaryOperator: only the CK_RV is read here (not the name), and no refusal is -1 or +1
        if (!refused.includes(toTokenError(error, 'C_CreateObject').ckr ?? -1)) throw error;
        this.lib.C_CreateObject(this.handle, template);
      }
    });
  }

  /** Removes every data object (CKO_DATA) of one CKA_APPLICATION. */
  deleteDataObjects(application: string): Promise<void> {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    return this.destroyAll('data object', [
      { type: P.CKA_CLASS, value: P.CKO_DATA },
      { type: P.CKA_APPLICATION, value: application },
    ]);
  }

  random(length: number): Promise<Buffer> {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    return this.run('C_GenerateRandom', () => this.lib.C_GenerateRandom(this.handle, Buffer.alloc(length)));
  }

  /** Closing twice is harmless; closing a session of a pulled token cannot fail the caller. */
  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.onClose();
    await this.queue.run(() => {
      try {
        this.lib.C_CloseSession(this.handle);
      } catch {
        // CKR_DEVICE_REMOVED / CKR_SESSION_HANDLE_INVALID: the session is gone either way.
      }
    });
  }

  private run<T>(fn: string, work: () => T): Promise<T> {
    return this.queue.run(() => {
      this.assertOpen();
      return call(fn, work);
    });
  }

  /**
   * The token's flags now (not at listing time): PIN state changes with every login.
   * Read from the session's slot, whose token must still be the one listed: a PIN
   * meant for one token is never tried on another that took its slot.
   */
  private tokenFlags(): number {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    const now = call('C_GetTokenInfo', () => this.lib.C_GetTokenInfo(this.slot));
    if (normalizeSerial(now.serialNumber, now.manufacturerID) !== this.token.serial) {
      throw new TokenError({ code: 'tokenRemoved', message: `The token ${this.token.serial} is no longer in its slot`, fn: 'C_GetTokenInfo' });
    }
    return now.flags;
  }

  private assertOpen(): void {
    if (!this.open) throw new TokenError({ code: 'sessionClosed', message: 'The token session is closed' });
  }

  private find(template: Template): Handle[] {
    return findAll(this.lib, this.handle, template);
  }

  private findOne(template: Template): Handle {
    const first = findFirst(this.lib, this.handle, template);
    if (!first) throw new TokenError({ code: 'objectNotFound', message: 'The key is not on the token' });
    return first;
  }

  private attributes(object: Handle, types: number[]): Array<Buffer | undefined> {
    // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
    const result = call('C_GetAttributeValue', () =>
      this.lib.C_GetAttributeValue(
        this.handle,
        object,
        types.map((type) => ({ type })),
      ),
    );
    return result.map((attribute) => (Buffer.isBuffer(attribute.value) ? attribute.value : undefined));
  }

  private destroyAll(what: string, template: Template): Promise<void> {
    return this.queue.run(() => {
      this.assertOpen();
      for (const object of this.find(template)) {
        // Stryker disable next-line StringLiteral: equivalent, pkcs11js names this function in its own errors and toTokenError takes that name
        call(`C_DestroyObject (${what})`, () => this.lib.C_DestroyObject(this.handle, object));
      }
    });
  }
}

// Stryker disable next-line StringLiteral: the fallback is unreachable, pkcs11js answers each attribute it read as a Buffer
const hex = (value: Buffer | undefined): string => (value ? value.toString('hex') : '');
// Stryker disable next-line StringLiteral: the fallback is unreachable, pkcs11js answers each attribute it read as a Buffer
const text = (value: Buffer | undefined): string => (value ? value.toString('utf8') : '');
