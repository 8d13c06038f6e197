/**
 * Storing a certificate on the token (Flow A) as a state machine, free of any UI:
 * the CLI, the Electron app and the browser bridge all drive this one object.
 *
 * STEP1 one token present → STEP2 whose issuance it carries, confirmed by the
 * user (or, when the CA cannot say for this token, the application number from the
 * CA's mail: application-by-number.ts) → STEP3 the storage PIN, checked by the CA without spending it → STEP4 the
 * new user PIN, then the token and CA work (store-certificate.ts) → STEP5 done.
 *
 * Every step that waits for the user times out after STEP_TIMEOUT_MS (step-clock.ts) and returns to
 * STEP1, wiping every PIN; so does cancel(). PINs are held as Secrets and wiped
 * as soon as the step that needed them is over.
 */
import { EventEmitter } from 'node:events';
import type { CaClient, ClockReading, PendingIssuance } from '../ca-client/index.js';
import { CaError, InputError, StepTimeoutError } from '../messages/errors.js';
import type { Pkcs11Module, TokenInfo } from '../pkcs11/index.js';
import { TokenError } from '../pkcs11/index.js';
import { Secret, wipeAll } from '../secrets/secret.js';
import { estOnlyRefusal, targetFromEstProfile, targetFromPending, type IssuanceProfile, type IssuanceTarget } from './issuance-profile.js';
import { checkApplicationNo, checkGivenApplicationNo, targetAfterPinCheck, targetFromApplicationNo } from './application-by-number.js';
import { findPendingIssuance } from './find-issuance.js';
import { checkEstPassword, checkStoragePin, checkUserPin } from './pin-input.js';
import { STEP_TIMEOUT_MS, systemClock, type StepClock } from './step-clock.js';
import { storeCertificate, type StoreResult } from './store-certificate.js';
import { StorageError } from './storage-error.js';
import type { ProgressEvent, StorageProgress, StorageStep } from './storage-steps.js';

export interface WizardState {
  step: StorageStep;
  /** 'input': waiting for the user (the step's clock runs); 'working': TokenDesk is busy. */
  status: 'input' | 'working' | 'done';
  /** When the current input step times out (epoch ms); absent while working or done. */
  deadline?: number;
  /** The step limit that deadline was set from (the step clock's, STEP_TIMEOUT_MS unless a test sets it). */
  stepLimitMs?: number;
  token?: TokenInfo;
  /**
   * The CA named no issuance for this token at STEP1 (it holds no possession tag, or
   * the lookup found nothing): STEP2's confirmUser needs the application number, and
   * the applicant's name follows from STEP3's storage-PIN check, for STEP4 to show.
   */
  applicationNoNeeded?: boolean;
  /** STEP2: who the certificate is for. */
  target?: { label: string; estUser: string; userId?: string; name?: string; kind?: PendingIssuance['kind']; applicationNo?: string; subject?: string };
  /** STEP3: storage-PIN attempts the CA still allows, when it says. */
  attemptsLeft?: number;
  /** The last error, to show with the catalogue's words; cleared by the next action. */
  error?: unknown;
  /** The CA's clock against the PC's, when more than 5 minutes apart. */
  clockWarning?: ClockReading;
  result?: Omit<StoreResult, 'certificate'> & { certificate: string };
}

export interface StorageWizardOptions {
  module: Pkcs11Module;
  ca: CaClient;
  profile?: IssuanceProfile;
  clock?: StepClock;
  stepTimeoutMs?: number;
  /** How long STEP4 keeps asking while the CA answers 202. */
  approvalWaitMs?: number;
}

/** What a screen shows of the target (never a PIN). */
function targetView(issuance: IssuanceTarget): NonNullable<WizardState['target']> {
  const pending = issuance.pending;
  return {
    label: issuance.label,
    estUser: issuance.estUser,
    ...(issuance.applicationNo ? { applicationNo: issuance.applicationNo } : {}),
    ...(pending ? { userId: pending.userId, name: pending.name, kind: pending.kind } : {}),
    ...(issuance.subject ? { subject: issuance.subject } : {}),
  };
}

interface WizardEvents {
  state: [WizardState];
  progress: [ProgressEvent];
}

export class StorageWizard extends EventEmitter<WizardEvents> {
  // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, the constructor enters STEP1 (enter) before anything reads the state
  private state: WizardState = { step: 1, status: 'input' };
  private readonly clock: StepClock;
  private readonly profile: IssuanceProfile;
  private readonly stepTimeoutMs: number;
  private cancelTimer: (() => void) | undefined;
  private issuance: IssuanceTarget | undefined;
  private storagePin: Secret | undefined;
  private soPin: Secret | undefined;
  private work: AbortController | undefined;
  /**
   * Counts the wizard's runs of work and its restarts: a step's work that ends after a
   * cancel or a timeout (the user may be steps further on by then) sees the count moved
   * and leaves the wizard alone (busy()).
   */
  private epoch = 0;
  /** The epoch the last restart() set: the fresh STEP1 it entered, untouched while they match. */
  private restartEpoch = -1;

  constructor(private readonly options: StorageWizardOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.profile = options.profile ?? { kind: 'extensions' };
    this.stepTimeoutMs = options.stepTimeoutMs ?? STEP_TIMEOUT_MS;
    this.enter({ step: 1, status: 'input' });
  }

  get current(): WizardState {
    return this.state;
  }

  /**
   * STEP1 → STEP2: exactly one token, not a legacy one; then who the CA says it is for.
   *
   * A CA-tagged token that already holds a certificate, for which the CA has nothing
   * pending, is refused as already stored (TD-CERT-ALREADY-STORED) — unless the user
   * says they have an application number from the CA's mail (`withApplicationNo`: a
   * renewal or reissue the operator did not tie to the token). STEP2 then asks for the
   * number, as for an untagged token: a wrong one is refused at STEP2/STEP3 before the
   * token is touched, and the old certificate stays until the new one is verified.
   */
  async detectToken(options: { withApplicationNo?: boolean } = {}): Promise<WizardState> {
    this.expect(1);
    return this.busy(async (abandoned) => {
      const tokens = await this.options.module.listTokens();
      if (tokens.length === 0) throw new TokenError({ code: 'tokenAbsent', message: 'No token is plugged in' });
      if (tokens.length > 1) throw new TokenError({ code: 'severalTokens', message: `${tokens.length} tokens are plugged in; leave only one` });
      const token = tokens[0]!;
      if (token.legacy) throw new TokenError({ code: 'keySizeUnsupported', message: 'This token holds only 1024-bit keys (legacy token)' });
      if (this.profile.kind === 'extensions') {
        const lookup = await findPendingIssuance(this.options.module, this.options.ca, token);
        // Cancelled meanwhile: the issuance belongs to a run the user left (busy() drops the state).
        if (abandoned()) return this.state;
        if (!lookup.found) {
          // Nothing pending for a token the CA tagged and that already holds a certificate: the
          // usual reason is the wizard run a second time — say so and point to デバイス情報確認.
          // The user's explicit "I have an application number" skips only this refusal.
          if (!options.withApplicationNo && lookup.missing === 'notFound' && (await holdsCertificate(this.options.module, token))) {
            throw new StorageError({ code: 'TD-CERT-ALREADY-STORED', message: 'The CA has nothing pending and the token already holds a certificate', params: { tokenSerial: token.serial } });
          }
          return { step: 2, status: 'input', token, applicationNoNeeded: true };
        }
        this.issuance = targetFromPending(lookup.found);
      } else {
        this.issuance = targetFromEstProfile(this.profile);
      }
      return { step: 2, status: 'input', token, target: targetView(this.issuance) };
    });
  }

  /**
   * STEP2 → STEP3: the user says this is them — or, when STEP2 asks for it
   * (`applicationNoNeeded`), gives the application number from the CA's mail. A number
   * given where the CA named the application itself must be that one.
   */
  confirmUser(applicationNo?: string): WizardState {
    this.expect(2);
    if (this.state.applicationNoNeeded) {
      // Stryker disable next-line StringLiteral: equivalent, no number and any text that is not 11-14 digits get the same TD-APPLICATION-NO-FORMAT
      const typed = (applicationNo ?? '').trim();
      const problem = checkApplicationNo(typed);
      if (problem) return this.reject(problem);
      this.issuance = targetFromApplicationNo(typed);
      this.enter({ ...this.keep(), target: targetView(this.issuance), step: 3, status: 'input' });
      return this.state;
    }
    const other = checkGivenApplicationNo(this.issuance, applicationNo);
    if (other) return this.reject(other);
    this.enter({ ...this.keep(), step: 3, status: 'input' });
    return this.state;
  }

  /**
   * STEP3 → STEP4: the storage PIN, checked for form before anything is sent, then
   * by the CA without spending it (extensions). In the EST-only profile this is the
   * EST password, whatever the CA chose (only an empty one is refused here); the CA
   * judges it at enrollment.
   *
   * When one try is left the CA refuses an unconfirmed check unchecked and uncounted
   * (TD-CA-STORAGE-PIN-FINAL-TRY): the wizard stays at STEP3 with that error, the PIN
   * wiped, for the screen to ask and send it again with `confirmFinalTry`. This holds
   * for a wizard that knows no count (a restarted client): the CA keeps it.
   */
  async submitStoragePin(pin: string, options: { confirmFinalTry?: boolean } = {}): Promise<WizardState> {
    this.expect(3);
    const problem = this.profile.kind === 'estOnly' ? checkEstPassword(pin) : checkStoragePin(pin);
    if (problem) return this.reject(problem);
    // A right PIN for another token's application: that token must be plugged in, from STEP1.
    // Stryker disable next-line LogicalOperator: equivalent, the only InputError STEP3's work throws is TD-APPLICATION-OTHER-TOKEN
    const stayAt = (error: unknown): StorageStep => (error instanceof InputError && error.code === 'TD-APPLICATION-OTHER-TOKEN' ? 1 : 3);
    return this.busy(async (abandoned) => {
      const secret = new Secret(pin);
      try {
        const token = this.state.token;
        // Stryker disable next-line OptionalChaining: equivalent, STEP3 is reached only through STEP1/STEP2, which set the issuance (a restart leaves STEP3 first)
        if (this.issuance?.applicationNo && token) {
          const check = await this.options.ca.verifyStoragePin(this.issuance.applicationNo, secret, options.confirmFinalTry ? { confirmFinalTry: true } : {});
          // Cancelled (or timed out) while the CA checked: the admin PIN it released is for
          // nothing the user still wants, and must not be held by the fresh STEP1.
          if (abandoned()) {
            check.soPin?.wipe();
            throw new Abandoned();
          }
          try {
            this.issuance = targetAfterPinCheck(this.issuance, check, token);
          } catch (error) {
            check.soPin?.wipe();
            throw error;
          }
          this.soPin = check.soPin;
          this.storagePin = secret;
          return {
            ...this.keep(),
            target: targetView(this.issuance),
            step: 4,
            status: 'input',
            ...(check.attemptsLeft !== undefined ? { attemptsLeft: check.attemptsLeft } : {}),
          };
        }
        this.storagePin = secret;
        return { ...this.keep(), step: 4, status: 'input' };
      } catch (error) {
        secret.wipe();
        // Stay at STEP3 with the attempts the CA still allows: a wrong PIN says how many, a
        // locked one says none (0); an answer that does not say leaves the count shown.
        if (error instanceof CaError && error.attemptsLeft !== undefined && !abandoned()) {
          this.state = { ...this.state, attemptsLeft: error.attemptsLeft };
        }
        throw error;
      }
    }, stayAt);
  }

  /**
   * STEP4 → STEP5: the new user PIN typed twice (and, without an admin PIN from the
   * CA, the current one), then the token and CA work.
   */
  async submitUserPin(
    newPin: string,
    confirmation: string,
    currentPin?: string,
    options: { confirmFinalTry?: boolean } = {},
  ): Promise<WizardState> {
    this.expect(4);
    const problem = checkUserPin(newPin, confirmation);
    if (problem) return this.reject(problem);
    if (!this.soPin && currentPin === undefined) {
      return this.reject(new InputError({ code: 'TD-USER-PIN-CURRENT-REQUIRED', message: 'Enter the current user PIN of the token' }));
    }
    const issuance = this.issuance;
    const storagePin = this.storagePin;
    const token = this.state.token;
    if (!issuance || !storagePin || !token) return this.restart(this.stepTimeout(4));
    return this.busy(async (abandoned) => {
      const newUserPin = new Secret(newPin);
      const current = currentPin === undefined ? undefined : new Secret(currentPin);
      const work = new AbortController();
      this.work = work;
      try {
        const result = await storeCertificate({
          module: this.options.module,
          tokenSerial: token.serial,
          ca: this.options.ca,
          target: issuance,
          storagePin,
          newUserPin,
          ...(this.soPin ? { soPin: this.soPin } : {}),
          ...(current ? { currentUserPin: current } : {}),
          clock: this.clock,
          ...(options.confirmFinalTry ? { confirmFinalTry: true } : {}),
          approvalWaitMs: this.options.approvalWaitMs ?? 0,
          progress: (progress: StorageProgress, phase) => this.emit('progress', { progress, phase, at: Date.now() }),
          signal: work.signal,
        });
        // Spent: the storage and admin PINs have done their work. (After a cancel, restart()
        // wiped them already, and these fields hold the next run's.)
        if (!abandoned()) this.forgetPins();
        return {
          ...this.keep(),
          step: 5,
          status: 'done',
          result: { ...result, certificate: result.certificate.toString('base64') },
        };
      } catch (error) {
        // Stopped by cancel(): the user's own choice, said as such — not the abort as an unexpected error.
        if (work.signal.aborted) throw new StorageError({ code: 'TD-CANCELLED', message: 'STEP4 was cancelled while it worked' });
        throw this.profile.kind === 'estOnly' ? estOnlyRefusal(error, issuance.estUser) : error;
      } finally {
        // The new and current user PINs were typed for this try only. On a failure busy()
        // goes back to STEP1 and wipes the storage and admin PINs too — except when the
        // current user PIN or the admin PIN is on its final try: nothing was spent, and
        // STEP4 keeps them while it asks the user to confirm.
        wipeAll(newUserPin, current);
        if (this.work === work) this.work = undefined;
      }
    }, (error) => (error instanceof TokenError && error.code === 'pinFinalTry' ? 4 : 1));
  }

  /** Back to STEP1 from anywhere, forgetting everything typed. */
  cancel(): WizardState {
    this.work?.abort();
    return this.restart();
  }

  /** Stops the step clock (the wizard is being thrown away). */
  dispose(): void {
    // Work still running is abandoned too: what it brings back (an admin PIN) is wiped, not held.
    this.epoch += 1;
    this.cancelTimer?.();
    this.wipe();
    this.removeAllListeners();
  }

  private expect(step: StorageStep): void {
    if (this.state.step !== step || this.state.status !== 'input') {
      throw new InputError({ code: 'TD-WIZARD-OUT-OF-STEP', message: `This action belongs to STEP${step}; the wizard is at STEP${this.state.step}` });
    }
  }

  /** What carries over from step to step. */
  private keep(): Pick<WizardState, 'token' | 'applicationNoNeeded' | 'target' | 'attemptsLeft' | 'clockWarning'> {
    const { token, applicationNoNeeded, target, attemptsLeft, clockWarning } = this.state;
    return {
      ...(token ? { token } : {}),
      ...(applicationNoNeeded ? { applicationNoNeeded } : {}),
      ...(target ? { target } : {}),
      ...(attemptsLeft !== undefined ? { attemptsLeft } : {}),
      ...(clockWarning ? { clockWarning } : {}),
    };
  }

  /**
   * Runs the work of a step: the step clock stops while TokenDesk works. On
   * failure the wizard stays at `stayAt` (default: the same step) with the error,
   * waiting for the user again — except after STEP4's work, which restarts at STEP1
   * since its PINs are spent.
   */
  private async busy(
    work: (abandoned: () => boolean) => Promise<WizardState>,
    stayAt?: StorageStep | ((error: unknown) => StorageStep),
  ): Promise<WizardState> {
    const from = this.state.step;
    const mine = ++this.epoch;
    // Left by the user (cancel) or by the step clock since this work began: what it
    // finds belongs to no run the user is in.
    const abandoned = () => this.epoch !== mine;
    // Stryker disable next-line OptionalChaining: equivalent, busy() starts only from an input state (expect), whose clock enter() started
    this.cancelTimer?.();
    this.state = { ...this.state, status: 'working' };
    delete this.state.error;
    delete this.state.deadline;
    delete this.state.stepLimitMs;
    this.emit('state', this.state);
    try {
      const next = await work(abandoned);
      // A run the user left never takes the wizard over: it stays where the user is.
      if (!abandoned()) this.enter(this.withClock(next));
    } catch (error) {
      if (abandoned()) {
        // Nothing since the cancel that left this work: the fresh STEP1 says how the work
        // ended (TD-CANCELLED, or what stopped it first). Otherwise the user is on; say nothing.
        const untouched = this.epoch === mine + 1 && this.restartEpoch === this.epoch && this.state.step === 1;
        if (untouched && !(error instanceof Abandoned)) this.enter(this.withClock({ step: 1, status: 'input', error }));
        return this.state;
      }
      const step = (typeof stayAt === 'function' ? stayAt(error) : stayAt) ?? from;
      if (step === 1) {
        this.wipe();
        this.enter(this.withClock({ step: 1, status: 'input', error }));
      } else {
        this.enter(this.withClock({ ...this.keep(), step, status: 'input', error }));
      }
    }
    return this.state;
  }

  private withClock(state: WizardState): WizardState {
    const reading = this.options.ca.lastClock;
    if (reading?.tooFar) return { ...state, clockWarning: reading };
    return state;
  }

  private reject(error: InputError): WizardState {
    this.enter({ ...this.state, status: 'input', error });
    return this.state;
  }

  private restart(error?: unknown): WizardState {
    this.epoch += 1;
    this.restartEpoch = this.epoch;
    this.wipe();
    this.enter({ step: 1, status: 'input', ...(error ? { error } : {}) });
    return this.state;
  }

  private wipe(): void {
    this.forgetPins();
    this.issuance = undefined;
  }

  private forgetPins(): void {
    wipeAll(this.storagePin, this.soPin);
    this.storagePin = undefined;
    this.soPin = undefined;
  }

  /** The error a step's time running out gives: the limit in whole minutes, as the message says it. */
  private stepTimeout(step: number): StepTimeoutError {
    return new StepTimeoutError({ step, minutes: Math.max(1, Math.round(this.stepTimeoutMs / 60_000)) });
  }

  /** Enters a state; a state waiting for input starts that step's clock (STEP_TIMEOUT_MS). */
  private enter(state: WizardState): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (state.status === 'input') {
      const step = state.step;
      state = { ...state, deadline: this.clock.now().getTime() + this.stepTimeoutMs, stepLimitMs: this.stepTimeoutMs };
      this.cancelTimer = this.clock.after(this.stepTimeoutMs, () => this.restart(this.stepTimeout(step)));
    }
    this.state = state;
    this.emit('state', state);
  }
}

/** A step's work that found the user gone (cancel, timeout) before it could hand anything over. */
class Abandoned extends Error {}

/** Certificates are public objects: seen without a login, so no PIN is asked or spent to know. */
async function holdsCertificate(module: Pkcs11Module, token: TokenInfo): Promise<boolean> {
  try {
    const session = await module.openSession(token);
    try {
      return (await session.listCertificates()).length > 0;
    } finally {
      await session.close();
    }
  }
  // Stryker disable next-line BlockStatement: equivalent, an empty catch answers undefined, as falsy for the caller's && as false
  catch {
    return false;
  }
}
