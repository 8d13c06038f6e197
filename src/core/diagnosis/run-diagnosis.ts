/**
 * One diagnosis run (docs/architecture.md, Flow C): every check in order, each with its result,
 * then a verdict in the catalogue's words. Without a PIN it checks what can be seen
 * without logging in; with the user PIN it also logs in and proves the private key
 * signs for the certificate. The PIN state comes from the token's flags (and the
 * vendor's exact counter): diagnosis never spends a try to learn it, never logs in
 * to a locked token, and never uses the final try unless told to.
 *
 * The checks live by what they look at: token-checks (the token, before login),
 * login-check (the user PIN), key-pair-check (the key beside the certificate),
 * status-checks (the certificate against the CA); their words are the catalogue's.
 */
import type { CaClient } from '../ca-client/index.js';
import { checkRevocation, type RevocationCheck } from '../device-info/certificate-status.js';
import { holderCandidates, pickHolder, type UserCertificate } from '../device-info/user-certificate.js';
import { messageFor, phraseFor, toUserError, type UserMessage } from '../messages/index.js';
import { openModule, type ModuleDescription, type Pkcs11Module, type PinRetries, type TokenSession, type TokenSlot } from '../pkcs11/index.js';
import type { Secret } from '../secrets/secret.js';
import { CheckRecord, wasRemoved } from './check-record.js';
import { CHECK_IDS, type Check, type CheckId } from './checks.js';
import { describeCertificate, describeToken, deviceFacts, type DiagnosedCertificate, type DiagnosedToken } from './described.js';
import { checkKeyPair } from './key-pair-check.js';
import { checkUserLogin } from './login-check.js';
import { checkStatus, type StatusFound } from './status-checks.js';
import { checkInitialized, checkPinState, checkTokenCount } from './token-checks.js';
import { decideVerdict, VERDICT_CODES, type Verdict } from './verdict.js';

export type { DeviceFacts, DiagnosedCertificate, DiagnosedToken } from './described.js';

export interface DiagnosisOptions {
  /** PKCS#11 library path; default as openModule finds it. */
  modulePath?: string;
  /** The token to diagnose when several are present (or to check it is the one connected). */
  serial?: string;
  /** With it, diagnosis also logs in (one try spent only if it is wrong). */
  userPin?: Secret;
  /** Use the user PIN even when only one try is left. */
  confirmFinalTry?: boolean;
  /** For revocation (the CA's CRL) and the CA's clock. */
  ca?: CaClient;
  now?: () => Date;
  /**
   * The slots the caller listed on this library just before, while holding it loaded
   * (the device module, before its PIN prompt): counted instead of listing again. Used
   * only when `module` is the very instance diagnosis opens, whose slot handles these
   * are. A token pulled out since fails at C_OpenSession (reported as removed); one put
   * in its slot instead is refused by the login guard, which reads the slot's token
   * again before any try.
   */
  listed?: { module: Pkcs11Module; slots: readonly TokenSlot[] };
  /** Called as each check starts: for progress display, and for tests that act mid-run. */
  onCheck?: (id: CheckId) => void | Promise<void>;
}

export interface Diagnosis {
  verdict: Verdict;
  message: UserMessage;
  /** Warnings that do not change the verdict: renewal due, revocation unknown, PC clock off. */
  notices: UserMessage[];
  checks: Check[];
  /** Whether the user PIN was given and used to log in: the report says which checks it made possible. */
  withPin: boolean;
  loggedIn: boolean;
  module?: ModuleDescription;
  /** Serials of every token seen, damaged ones included. */
  tokensSeen: string[];
  token?: DiagnosedToken;
  certificate?: DiagnosedCertificate;
  status?: StatusFound;
  generatedAt: Date;
}

type DiagnosisSoFar = Omit<Diagnosis, 'verdict' | 'message' | 'notices' | 'checks'>;

export async function runDiagnosis(options: DiagnosisOptions = {}): Promise<Diagnosis> {
  return (await diagnoseHolder(options)).diagnosis;
}

/**
 * The run, and the holder's certificate it judged (the one its facts describe) when the
 * status checks ran: Flow B gives a CA page that very certificate without reading the
 * token again. Kept out of Diagnosis, which reports print whole.
 */
export async function diagnoseHolder(options: DiagnosisOptions = {}): Promise<{ diagnosis: Diagnosis; holder?: UserCertificate }> {
  const now = options.now ?? (() => new Date());
  const record = new CheckRecord();
  const result: DiagnosisSoFar = { withPin: options.userPin !== undefined, loggedIn: false, tokensSeen: [], generatedAt: now() };

  await options.onCheck?.('middleware');
  let module: Pkcs11Module;
  try {
    module = await openModule(options.modulePath);
    result.module = await module.describe();
    const { path, manufacturer, description, libraryVersion } = result.module;
    record.record('middleware', 'ok', phraseFor('middlewareLoaded', { path, manufacturer, description, version: libraryVersion }));
  } catch (error) {
    record.record('middleware', 'failed', phraseFor('middlewareMissing'), { verdict: 'noMiddleware', message: toUserError(error) });
    return { diagnosis: finish(record, result) };
  }
  let found: HolderFound | undefined;
  try {
    found = await diagnoseToken(module, options, record, result);
  } finally {
    await module.release();
  }
  if (!found) return { diagnosis: finish(record, result) };
  result.status = await checkStatus(record, found.holder, options, found.revocation);
  return { diagnosis: finish(record, result), holder: found.holder };
}

/** The holder's certificate the token checks passed, and its CRL check, under way since the certificate was found. */
interface HolderFound {
  holder: UserCertificate;
  revocation: Promise<RevocationCheck>;
}

/** Runs the token checks; answers the holder's certificate when the status checks should follow. */
async function diagnoseToken(module: Pkcs11Module, options: DiagnosisOptions, record: CheckRecord, result: DiagnosisSoFar): Promise<HolderFound | undefined> {
  const start = async (id: CheckId) => options.onCheck?.(id);

  await start('tokenCount');
  // No check judges the token's largest RSA key, and no report shows it: not asked (C_GetMechanismInfo).
  const slots = options.listed?.module === module ? options.listed.slots : await module.listTokenSlots({ keySizes: false });
  const counted = checkTokenCount(slots, options.serial, record);
  result.tokensSeen = counted.tokensSeen;
  if (counted.damagedError !== undefined) return void record.deviceFailure('initialized', counted.damagedError);
  const token = counted.token;
  if (!token) return undefined;
  result.token = describeToken(token);

  await start('initialized');
  if (!checkInitialized(token, record)) return undefined;

  await start('pinState');
  // The run's one session, opened on the token as listed above (no second listing):
  // it reads the vendor's retry counter and serves every check after. A token pulled
  // out since is reported here; one that will not open a session, under deviceAnswers.
  const opened = await module.openSession(token).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  if (opened instanceof Error && wasRemoved(opened)) return void record.deviceFailure('pinState', opened);
  const session = opened instanceof Error ? undefined : opened;
  try {
    const facts = session ? await session.vendorFacts() : {};
    result.token.device = deviceFacts(facts);
    const retries: PinRetries = { userLeft: facts.userPinLeft, userMax: facts.userPinMax };
    if (retries.userLeft !== undefined) result.token.userPinLeft = retries.userLeft;
    if (retries.userMax !== undefined) result.token.userPinMax = retries.userMax;
    checkPinState(token, retries, record);

    await start('deviceAnswers');
    if (!session) return void record.deviceFailure('deviceAnswers', opened);
    const holder = await checkCertificate(session, record, start);
    if (!holder) return undefined;
    result.certificate = describeCertificate(holder);
    // The CA's round trip (its CRL and certificates) runs while the token logs in and
    // signs, the slow part on a real token. Every way on from here runs the status checks
    // but a device failing mid-run, which drops the answer. It never rejects (unknown,
    // with the reason).
    const revocation = checkRevocation(holder.summary, options.ca);

    await start('userLogin');
    const loggedIn = await checkUserLogin(session, token, options, record);
    if (loggedIn === 'stop') return undefined;
    result.loggedIn = loggedIn;
    if (loggedIn || record.failed('pinState')) await refreshPinState(session, result.token, loggedIn);

    await start('keyPair');
    const paired = await checkKeyPair(session, holder, loggedIn, record);
    return paired === 'stop' ? undefined : { holder, revocation };
  } finally {
    if (session) {
      if (result.loggedIn) await session.logout().catch(() => undefined);
      await session.close();
    }
  }
}

/** The device answers (random, object list), then the holder's certificate among its objects. */
async function checkCertificate(session: TokenSession, record: CheckRecord, start: (id: CheckId) => Promise<void>): Promise<UserCertificate | undefined> {
  let certificates;
  try {
    await session.random(16);
    certificates = await session.listCertificates();
  } catch (error) {
    return void record.deviceFailure('deviceAnswers', error);
  }
  record.record('deviceAnswers', 'ok', phraseFor('deviceResponds', { count: certificates.length }));

  await start('certificate');
  const candidates = holderCandidates(certificates);
  let keyIds: Set<string> | undefined;
  // Only two or more holder certificates need ranking by which has its key here (the
  // key IDs visible without login); with one, the search would change nothing.
  if (candidates.holders.length > 1) {
    try {
      keyIds = new Set((await session.listKeys()).map((key) => key.id));
    } catch (error) {
      return void record.deviceFailure('certificate', error);
    }
  }
  const pick = pickHolder(candidates, keyIds);
  if (pick.kind === 'none') return void record.record('certificate', 'failed', phraseFor('noCertificateStored'), { verdict: 'empty' });
  if (pick.kind === 'unreadable') return void record.record('certificate', 'failed', phraseFor('certificateUnreadable', { label: pick.label }), { verdict: 'certificateUnreadable' });
  const summary = pick.certificate.summary;
  record.record('certificate', 'ok', phraseFor('certificateFound', { holder: summary.holderName ?? summary.subjectDn, serial: summary.serial.hex }));
  return pick.certificate;
}

/** After a login (the counter reset) or the try that locked it, the report shows the token as it is now. */
async function refreshPinState(session: TokenSession, described: DiagnosedToken, loggedIn: boolean): Promise<void> {
  const retries = await session.pinRetries().catch(() => ({}) as PinRetries);
  described.pinState = loggedIn ? 'ok' : 'locked';
  if (retries.userLeft !== undefined) described.userPinLeft = retries.userLeft;
}

function finish(record: CheckRecord, result: DiagnosisSoFar): Diagnosis {
  const verdict = decideVerdict(record.verdicts);
  const failedAt = CHECK_IDS.findIndex((id) => {
    const check = record.checks.get(id);
    return check?.result === 'failed' && check.verdict !== 'locked' && check.verdict !== 'pinIncorrect';
  });
  const checks = CHECK_IDS.map((id, index): Check => {
    const done = record.checks.get(id);
    if (done) return done;
    const after = failedAt !== -1 && index > failedAt;
    return { id, result: 'skipped', detail: phraseFor(after ? 'skippedAfterFailure' : 'noPinGiven') };
  });
  // The check that found the problem carries its words with their details (tries left, dates).
  const message = [...record.checks.values()].find((check) => check.verdict === verdict)?.message ?? messageFor(VERDICT_CODES[verdict]);
  return { ...result, verdict, message, notices: record.notices, checks };
}
