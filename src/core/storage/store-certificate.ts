/**
 * STEP4's work: user PIN, key pair on the token, certificate from the CA, written
 * beside the key, verified, old pair removed, CA told. Written so that nothing is
 * lost whatever fails:
 *  - a key is reused when a previous run left one for this issuance (found by
 *    label and confirmed by the CA: simpleenroll is idempotent for the same key);
 *  - a certificate a previous run wrote and verified is taken up, not asked for
 *    again: the CA says it is this application's (extensions), or the token's mark
 *    says that run made its key for this issuance (EST-only, issuance-mark.ts);
 *  - a key made in this run is deleted when the CA definitely issued nothing for
 *    it (a refusal, or a connection that never reached the CA);
 *  - once the CA may have issued, the key stays: the next run asks again, gets the
 *    same certificate and completes;
 *  - the old certificate and key of this CA go only after the new pair is verified;
 *    other issuers' objects are never touched;
 *  - with the current user PIN (EST-only profile, where no CA checked the password
 *    before STEP4) the PIN changes only once the CA has issued and the certificate is
 *    on the token: a refused password leaves the token as it was — old PIN, no key.
 */
import { X509Certificate, createPublicKey, randomBytes, verify } from 'node:crypto';
import type { CaClient, Enrollment } from '../ca-client/index.js';
import { CaError, NetworkError } from '../messages/errors.js';
import type { Pkcs11Module, TokenSession } from '../pkcs11/index.js';
import { TokenError } from '../pkcs11/index.js';
import type { Secret } from '../secrets/secret.js';
import { buildCsr, parseCertificate, publicKeyMatches, serialFromBytes, verifyChain } from '../x509/index.js';
import type { IssuanceTarget } from './issuance-profile.js';
import type { StepClock } from './step-clock.js';
import type { ProgressPhase, StorageProgress } from './storage-steps.js';
import { StorageError } from './storage-error.js';
import { clearIssuanceMarks, keyMarkedForIssuance, markKeyForIssuance } from './issuance-mark.js';
import { assertTokenAcceptsUserPin } from '../pin-care/token-policy.js';
import { loginAsSo } from '../pin-care/so-login.js';

export interface StoreRequest {
  module: Pkcs11Module;
  tokenSerial: string;
  ca: CaClient;
  target: IssuanceTarget;
  storagePin: Secret;
  newUserPin: Secret;
  /** The token's admin PIN released by the CA (CA-managed token): the user PIN is set with C_InitPIN. */
  soPin?: Secret;
  /** The user's current PIN (EST-only profile): the user PIN is changed with C_SetPIN. */
  currentUserPin?: Secret;
  clock: StepClock;
  /**
   * The user agreed to spend a final try: the current user PIN's (EST-only profile), or
   * the admin PIN's the CA released (a token whose SO PIN wrong tries elsewhere left on
   * its last) — whichever login the wizard stopped at to ask.
   */
  confirmFinalTry?: boolean;
  /** How long to keep asking while the CA answers 202 (awaiting the operator's approval). */
  approvalWaitMs?: number;
  progress: (progress: StorageProgress, phase: ProgressPhase) => void;
  signal?: AbortSignal;
}

export interface StoreResult {
  keyId: string;
  label: string;
  certificate: Buffer;
  certificateSerialHex: string;
  resumed: boolean;
  removedOldObjects: number;
}

/** A key on the token that may be the one a previous run had certified. */
interface KeyCandidate {
  id: string;
  modulus: Buffer;
  publicExponent: Buffer;
  generatedNow: boolean;
}

export async function storeCertificate(request: StoreRequest): Promise<StoreResult> {
  const { module, tokenSerial, progress } = request;
  const step = async <T>(name: StorageProgress, work: () => Promise<T>): Promise<T> => {
    request.signal?.throwIfAborted();
    progress(name, 'start');
    let result: T;
    try {
      result = await work();
    } catch (error) {
      progress(name, 'failed');
      throw error;
    }
    progress(name, 'end');
    return result;
  };

  const session = await module.openSession(tokenSerial, { readWrite: true });
  try {
    // The token's own password policy, before any login, key or PIN change: a new PIN
    // it would refuse at C_InitPIN / C_SetPIN stops the flow with nothing done.
    await assertTokenAcceptsUserPin(session, request.newUserPin);
    if (request.soPin) {
      // The CA accepted the storage PIN at STEP3 and released the admin PIN for this.
      const soPin = request.soPin;
      await step('userPin', () => initUserPin(session, soPin, request.newUserPin, request.confirmFinalTry === true));
      // Stryker disable next-line StringLiteral: equivalent, any type but 'so' logs in as CKU_USER, and the try guard then reads the SO PIN's flags, which the SO login just before reset
      await session.login('user', request.newUserPin.reveal());
    } else {
      await loginWithCurrentPin(session, request);
    }

    // The CA's certificates first: if the CA is unreachable, nothing is made on the token.
    const caCertificates = await step('caCertificates', () => request.ca.caCertificates());

    const pending = request.target.pending;
    const written = pending
      ? await writtenButUnreported(session, request, step, pending.applicationNo, caCertificates)
      : await storedForMarkedKey(session, request, step, caCertificates);
    const { candidate, certificate } = written ?? (await enrollAndWrite(session, request, step, caCertificates));

    if (!request.soPin) {
      const current = request.currentUserPin!;
      await step('userPin', () => session.setPin(current.reveal(), request.newUserPin.reveal()));
    }

    const removedOldObjects = await step('oldObjectsRemoved', () =>
      removeSupersededObjects(session, candidate.id, request.target.label, caCertificates),
    );

    const certificateSerialHex = serialFromBytes(parseCertificate(certificate).serialBytes).hex;
    if (pending && !written) {
      await step('reportStored', () => request.ca.reportStored(pending.applicationNo, request.storagePin, certificateSerialHex));
    }
    // Done: nothing is left for a retry to take up. (Only EST-only runs mark: the extensions ask the CA.)
    // Stryker disable next-line ConditionalExpression: equivalent, with the extensions there is no mark to clear (a find that finds none)
    if (!pending) await clearIssuanceMarks(session);
    return {
      keyId: candidate.id,
      label: request.target.label,
      certificate,
      certificateSerialHex,
      resumed: !candidate.generatedNow,
      removedOldObjects,
    };
  } finally {
    await session.logout().catch(() => undefined);
    await session.close();
  }
}

async function initUserPin(session: TokenSession, soPin: Secret, newUserPin: Secret, confirmFinalTry: boolean): Promise<void> {
  // On the SO PIN's final try the guard stops first (pinFinalTry, STEP4 asks in the admin
  // PIN's words); once the user confirmed, the try is spent — before, the confirmation
  // never reached this login and STEP4 asked again for ever.
  await loginAsSo(session, soPin.reveal(), { confirmFinalTry, words: 'TD-STORE-SO-FINAL-TRY' });
  try {
    await session.initPin(newUserPin.reveal());
  } finally {
    await session.logout().catch(() => undefined);
  }
}

/** The key is made and the CSR signed under the current PIN; it is changed after issuance (see above). */
async function loginWithCurrentPin(session: TokenSession, request: StoreRequest): Promise<void> {
  if (!request.currentUserPin) {
    throw new StorageError({ code: 'TD-STORE-NO-ADMIN', message: 'The CA released no admin PIN for this token and no current user PIN was given' });
  }
  await session.login('user', request.currentUserPin.reveal(), { confirmFinalTry: request.confirmFinalTry === true });
}

type Step = <T>(name: StorageProgress, work: () => Promise<T>) => Promise<T>;

/** The certificate and the key it was issued for. */
interface Stored {
  candidate: KeyCandidate;
  certificate: Buffer;
}

/**
 * The usual path: a key (reused or new) certified by the CA, the certificate written
 * beside it and verified. The key has no certificate before the write (resumableKeys
 * offers only uncertified keys, a new key has none), so the write is never a repeat.
 */
async function enrollAndWrite(session: TokenSession, request: StoreRequest, step: Step, caCertificates: Buffer[]): Promise<Stored> {
  const { candidate, enrollment } = await enrollWithResumableKey(session, request, step);
  const certificate = enrollment.certificate;
  await step('certificateWrite', () => session.writeCertificate({ id: candidate.id, label: request.target.label, der: certificate }));
  await step('verification', async () => {
    try {
      await verifyStored(session, candidate.id, certificate, enrollment.chain, caCertificates, caTime(request));
    } catch (error) {
      // A certificate that failed its check, or could not be checked, must not stay: the
      // retry would take the key for a certified one (never offered to the CA again) and
      // the issuance could not complete. The key stays — the CA answers the same
      // certificate for it, and the retry writes and checks it again.
      await session.deleteCertificate(candidate.id).catch(() => undefined);
      throw error;
    }
  });
  return { candidate, certificate };
}

/**
 * A previous run wrote and verified the certificate but could not tell the CA (the
 * network dropped at the very end). The pair under this label that verifies and
 * whose serial the CA accepts as this application's is that certificate: the run
 * completes by reporting it. An old pair (renewal, reissue) is refused by the CA
 * and left for the normal path.
 */
async function writtenButUnreported(
  session: TokenSession,
  request: StoreRequest,
  step: Step,
  applicationNo: string,
  caCertificates: Buffer[],
): Promise<Stored | undefined> {
  const keys = await session.listKeys();
  for (const object of await session.listCertificates()) {
    if (object.label !== request.target.label) continue;
    if (!keys.some((key) => key.kind === 'private' && key.id === object.id)) continue;
    try {
      await verifyStored(session, object.id, object.der, [], caCertificates, caTime(request));
    } catch (error) {
      if (error instanceof StorageError) continue; // not a working pair of this CA
      throw error;
    }
    const serialHex = serialFromBytes(parseCertificate(object.der).serialBytes).hex;
    try {
      // A step like any other: the CA's refusal closes it as failed before the run goes on.
      await step('reportStored', () => request.ca.reportStored(applicationNo, request.storagePin, serialHex));
    } catch (error) {
      if (error instanceof CaError && (error.code === 'badRequest' || error.code === 'applicationNotPending')) continue;
      throw error;
    }
    const material = await session.publicKeyOf(object.id);
    return { candidate: { id: object.id, ...material, generatedNow: false }, certificate: object.der };
  }
  return undefined;
}

/**
 * EST-only: a previous run for this issuance made the marked key and wrote its
 * certificate, then ended before the user-PIN change (or the clean-up). The CA would
 * refuse a second key, and a plain EST server cannot be asked about the application:
 * the token's mark names the key, and its certificate, checked again as after a
 * write, is this issuance's — the run goes on from the PIN change. A certificate that
 * fails the check is taken off, as after a write: the usual path then offers the
 * marked key, uncertified now, and the CA answers the same certificate for it.
 */
async function storedForMarkedKey(session: TokenSession, request: StoreRequest, step: Step, caCertificates: Buffer[]): Promise<Stored | undefined> {
  const keyId = await keyMarkedForIssuance(session, request.target);
  // No mark, no certificate to look for: a listing spared (a slow search on an eToken).
  // Stryker disable next-line ConditionalExpression: equivalent, the listing below finds no certificate under no id
  if (keyId === undefined) return undefined;
  const stored = (await session.listCertificates()).find((object) => object.id === keyId);
  if (!stored) return undefined; // no mark, or its key not certified yet (resumableKeys offers it)
  try {
    await step('verification', () => verifyStored(session, stored.id, stored.der, [], caCertificates, caTime(request)));
  } catch (error) {
    if (!(error instanceof StorageError)) throw error; // the token failed: stop, nothing else tried
    await session.deleteCertificate(stored.id);
    return undefined;
  }
  const material = await session.publicKeyOf(stored.id);
  return { candidate: { id: stored.id, ...material, generatedNow: false }, certificate: stored.der };
}

/**
 * Keys a previous run left under this issuance's label are tried first: the CA
 * answers the same certificate for the key it issued to, and refuses another key.
 * Only when none is accepted is a new pair generated.
 */
async function enrollWithResumableKey(
  session: TokenSession,
  request: StoreRequest,
  step: Step,
): Promise<{ candidate: KeyCandidate; enrollment: Extract<Enrollment, { status: 'issued' }> }> {
  const previous = await resumableKeys(session, request.target.label);
  for (const candidate of previous) {
    progressOnce(request, 'keyReused');
    try {
      const enrollment = await enroll(session, candidate, request, step);
      return { candidate, enrollment };
    } catch (error) {
      // Not the key this issuance was certified for: try the next, or a new one.
      if (error instanceof CaError && error.code === 'alreadyIssued') continue;
      throw error;
    }
  }

  const generated = await step('keyGeneration', () => session.generateRsaKeyPair({ label: request.target.label }));
  const candidate: KeyCandidate = { ...generated, generatedNow: true };
  try {
    const enrollment = await enroll(session, candidate, request, step);
    return { candidate, enrollment };
  } catch (error) {
    // Nothing issued: the token is left as it was, neither the key nor its mark.
    if (caIssuedNothing(error)) await session.deleteKeyPair(candidate.id).then(() => clearIssuanceMarks(session)).catch(() => undefined);
    throw error;
  }
}

function progressOnce(request: StoreRequest, progress: StorageProgress): void {
  request.progress(progress, 'start');
  request.progress(progress, 'end');
}

async function enroll(
  session: TokenSession,
  candidate: KeyCandidate,
  request: StoreRequest,
  step: Step,
): Promise<Extract<Enrollment, { status: 'issued' }>> {
  // EST-only, before the CA is asked — a new key or one a cut run left (perhaps unmarked, by an
  // older TokenDesk): from the CA's answer on, a retry must know this key is this issuance's.
  // The extensions ask the CA instead, and spare the token the write (slow on an eToken).
  if (!request.target.pending) await markKeyForIssuance(session, request.target, candidate.id);
  const csr = await step('certificateRequest', () =>
    buildCsr({
      ...(request.target.subject ? { subject: request.target.subject } : {}),
      modulus: candidate.modulus,
      publicExponent: candidate.publicExponent,
      sign: (tbs) => session.sign(candidate.id, tbs),
    }),
  );
  const deadline = request.clock.now().getTime() + (request.approvalWaitMs ?? 0);
  for (;;) {
    const enrollment = await step('enrollment', () =>
      request.ca.simpleEnroll(csr, request.target.estUser, request.storagePin),
    );
    if (enrollment.status === 'issued') {
      if (!publicKeyMatches(enrollment.certificate, candidate.modulus, candidate.publicExponent)) {
        throw new CaError({ code: 'unexpectedAnswer', message: 'The CA answered with a certificate for another key' });
      }
      return enrollment;
    }
    const waitMs = enrollment.retryAfterSeconds * 1000;
    if (request.clock.now().getTime() + waitMs > deadline) {
      throw new CaError({ code: 'pendingApproval', message: 'The CA has not approved the application yet', status: 202, retryAfterSeconds: enrollment.retryAfterSeconds });
    }
    await step('awaitingApproval', () => request.clock.sleep(waitMs));
  }
}

/**
 * True when the CA cannot have issued a certificate for the request: it refused,
 * or the connection never reached it. A timeout or a reset after sending is not
 * such a case — the CA may have issued, so the key must stay for the next run.
 */
export function caIssuedNothing(error: unknown): boolean {
  // A refusal is definite; a 5xx may have come after the CA's work was done.
  if (error instanceof CaError) return error.status === undefined || error.status < 500;
  if (error instanceof NetworkError) {
    return ['refused', 'dns', 'unreachable', 'tlsUntrusted', 'tlsHostname', 'tlsCertExpired', 'tlsCertNotYetValid', 'tlsPinMismatch', 'tlsHandshake'].includes(error.code);
  }
  // A token failure before the request went out (key generation, CSR signing).
  return error instanceof TokenError;
}

/**
 * Complete key pairs under this label with no certificate: what a run that died
 * between key generation and certificate write leaves. A pair that has a
 * certificate is never re-enrolled (it may be the old, revoked one on a reissue).
 */
async function resumableKeys(session: TokenSession, label: string): Promise<KeyCandidate[]> {
  const keys = await session.listKeys();
  const certified = new Set((await session.listCertificates()).map((c) => c.id));
  const publicIds = new Set(keys.filter((k) => k.kind === 'public').map((k) => k.id));
  const candidates: KeyCandidate[] = [];
  for (const key of keys) {
    if (key.kind !== 'private' || key.label !== label || !publicIds.has(key.id) || certified.has(key.id)) continue;
    candidates.push({ id: key.id, ...(await session.publicKeyOf(key.id)), generatedNow: false });
  }
  return candidates;
}

/**
 * The time a certificate's validity is checked at: the CA's, not the PC's — the Date of
 * the CA's last answer (the enrollment's when checking a new certificate), a moment
 * ago. A certificate is valid from the second it was issued, so a PC only a second
 * behind the CA would otherwise find it not yet valid. The step clock only for a CA
 * that sent no Date.
 */
function caTime(request: StoreRequest): Date {
  return request.ca.lastClock?.serverTime ?? request.clock.now();
}

/**
 * The token signs a fresh challenge, the certificate's public key verifies it, and
 * the certificate chains to the CA's certificates: the pair works, not just exists.
 */
async function verifyStored(
  session: TokenSession,
  keyId: string,
  certificate: Buffer,
  chain: Buffer[],
  caCertificates: Buffer[],
  now: Date,
): Promise<void> {
  const challenge = Buffer.concat([await session.random(32), randomBytes(32)]);
  const signature = await session.sign(keyId, challenge);
  const publicKey = createPublicKey(new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'pem' }));
  if (!verify('sha256', challenge, publicKey, signature)) {
    throw new StorageError({ code: 'TD-STORE-VERIFY-SIGNATURE', message: 'The token key does not match the stored certificate' });
  }
  const result = verifyChain(certificate, caCertificates, { at: now, intermediatesDer: chain });
  if (!result.ok) {
    throw new StorageError({ code: 'TD-STORE-VERIFY-CHAIN', message: `The certificate does not chain to the CA (${result.reason})` });
  }
  const stored = (await session.listCertificates()).find((object) => object.id === keyId);
  if (!stored?.der.equals(certificate)) {
    throw new StorageError({ code: 'TD-STORE-VERIFY-READBACK', message: 'The certificate read back from the token differs from the one issued' });
  }
}

/**
 * This CA's own: signed with its key (a chain to the CA's certificates, each signature
 * verified), whatever the certificate's dates — an expired or revoked old one is still
 * this CA's. Not by the issuer's name: another CA may bear the very same name (a test
 * CA, a rogue one), and its pairs are not ours to delete. An object that is not a
 * certificate at all is not ours to judge.
 */
function issuedByThisCa(der: Buffer, caCertificates: Buffer[]): boolean {
  try {
    return verifyChain(der, caCertificates).ok;
  }
  // Stryker disable next-line BlockStatement: equivalent, an empty catch answers undefined, as falsy for the caller's test as false
  catch {
    return false;
  }
}

/**
 * After the new pair is verified: this CA's other certificates (issuedByThisCa) and their keys, and
 * keys under this issuance's label left without a certificate by failed runs.
 * Objects of other issuers are never touched.
 */
async function removeSupersededObjects(
  session: TokenSession,
  keepId: string,
  label: string,
  caCertificates: Buffer[],
): Promise<number> {
  let removed = 0;
  const certificates = await session.listCertificates();
  for (const object of certificates) {
    if (object.id === keepId || !issuedByThisCa(object.der, caCertificates)) continue;
    await session.deleteCertificate(object.id);
    await session.deleteKeyPair(object.id);
    removed += 1;
  }
  const certified = new Set((await session.listCertificates()).map((c) => c.id));
  for (const key of await session.listKeys()) {
    // Either half of a pair a failed run left (a key generation cut short may leave one).
    // The kept pair is spared by its certificate, on the token and read back by now.
    if (key.label === label && !certified.has(key.id)) {
      await session.deleteKeyPair(key.id);
      certified.add(key.id);
      removed += 1;
    }
  }
  return removed;
}
