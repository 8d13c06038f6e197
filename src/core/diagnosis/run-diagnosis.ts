/**
 * One diagnosis run (SPEC.md Flow C): every check in order, each with its result,
 * then a verdict in the catalogue's words. Without a PIN it checks what can be seen
 * without logging in; with the user PIN it also logs in and proves the private key
 * signs for the certificate. The PIN state comes from the token's flags (and the
 * vendor's exact counter): diagnosis never spends a try to learn it, never logs in
 * to a locked token, and never uses the final try unless told to.
 */
import { randomBytes, verify } from 'node:crypto';
import type { CaClient } from '../ca-client/index.js';
import { readCertificateStatus, type StatusReading } from '../device-info/certificate-status.js';
import { pickUserCertificate, type UserCertificate } from '../device-info/user-certificate.js';
import { messageFor, toUserError, type Localized, type UserMessage } from '../messages/index.js';
import { openModule, TokenError, type ModuleDescription, type Pkcs11Module, type PinRetries, type SafeNetTokenFacts, type TokenInfo, type TokenSession } from '../pkcs11/index.js';
import { presentTokens } from '../pkcs11/pkcs11-module.js';
import { checkTypedUserPin } from '../pin/index.js';
import type { Secret } from '../secrets/secret.js';
import { daysUntilExpiry, publicKeyFromSpki, publicKeyMatches } from '../x509/index.js';
import { CHECK_IDS, type Check, type CheckId } from './checks.js';
import { decideVerdict, VERDICT_CODES, type Verdict } from './verdict.js';

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
  /** Called as each check starts: for progress display, and for tests that act mid-run. */
  onCheck?: (id: CheckId) => void | Promise<void>;
}

/**
 * What the vendor's own extension says about the device (SafeNet's ETCKH_TOKEN_OBJECT);
 * each field absent where the token does not say — shown as "unknown", never guessed.
 */
export interface DeviceFacts {
  productName?: string;
  model?: string;
  /** As the vendor's bytes, dotted: `4.29`. */
  firmwareRevision?: string;
  /** `YYYY-MM-DD`. */
  productionDate?: string;
  fips?: boolean;
  /** Bytes set aside on the token for RSA keys (ETCKA_RSA_AREA_SIZE). */
  rsaKeyArea?: number;
}

export interface DiagnosedToken {
  serial: string;
  label: string;
  manufacturer: string;
  model: string;
  hardwareVersion: string;
  firmwareVersion: string;
  totalMemory?: number;
  freeMemory?: number;
  pinState: TokenInfo['pinState'];
  userPinLeft?: number;
  userPinMax?: number;
  device: DeviceFacts;
}

export interface DiagnosedCertificate {
  userId?: string;
  holderName?: string;
  company?: string;
  email?: string;
  serial: string;
  issuerDn: string;
  notBefore: string;
  notAfter: string;
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
  status?: Pick<StatusReading, 'status' | 'validity' | 'clockSource'> & { revocation: StatusReading['revocation']['state'] };
  generatedAt: Date;
}

class Run {
  readonly checks = new Map<CheckId, Check>();
  readonly verdicts: Verdict[] = [];
  readonly notices: UserMessage[] = [];

  record(id: CheckId, result: Check['result'], detail: Localized, problem?: { verdict?: Verdict; message?: UserMessage }): void {
    const check: Check = { id, result, detail };
    if (problem?.verdict) {
      check.verdict = problem.verdict;
      this.verdicts.push(problem.verdict);
    }
    const message = problem?.message ?? (problem?.verdict ? messageFor(VERDICT_CODES[problem.verdict]) : undefined);
    if (message) check.message = message;
    this.checks.set(id, check);
  }

  /** A TokenError from the device mid-run: pulled out, or broken. */
  deviceFailure(id: CheckId, error: unknown): void {
    const removed = wasRemoved(error);
    const raw = error instanceof TokenError && error.ckrName ? `${error.fn ?? ''} ${error.ckrName}`.trim() : undefined;
    const detail: Localized = removed
      ? { ja: `確認中にUSBトークンが外されました${raw ? `（${raw}）` : ''}`, en: `the token was removed during the check${raw ? ` (${raw})` : ''}` }
      : { ja: `USBトークンが正しく応答しません${raw ? `（${raw}）` : ''}`, en: `the token does not respond correctly${raw ? ` (${raw})` : ''}` };
    this.record(id, 'failed', detail, { verdict: removed ? 'removed' : 'damaged' });
  }
}

/** The device's failures that mean it was pulled out rather than broken. */
function wasRemoved(error: unknown): boolean {
  return error instanceof TokenError && ['tokenRemoved', 'tokenAbsent', 'sessionClosed', 'tokenNotFound'].includes(error.code);
}

const SKIPPED_AFTER_FAILURE: Localized = { ja: '前の項目で問題が見つかったため確認していません', en: 'not checked: an earlier check found a problem' };
const NO_PIN: Localized = { ja: 'ユーザーPINが入力されていないため確認していません', en: 'not checked: no user PIN was given' };

export async function runDiagnosis(options: DiagnosisOptions = {}): Promise<Diagnosis> {
  const now = options.now ?? (() => new Date());
  const run = new Run();
  const result: DiagnosisSoFar = {
    withPin: options.userPin !== undefined,
    loggedIn: false,
    tokensSeen: [],
    generatedAt: now(),
  };
  const start = async (id: CheckId) => options.onCheck?.(id);

  await start('middleware');
  let module: Pkcs11Module;
  try {
    module = await openModule(options.modulePath);
    result.module = await module.describe();
    run.record('middleware', 'ok', {
      ja: `${result.module.path}（${result.module.manufacturer} ${result.module.description} ${result.module.libraryVersion}）`,
      en: `${result.module.path} (${result.module.manufacturer} ${result.module.description} ${result.module.libraryVersion})`,
    });
  } catch (error) {
    run.record('middleware', 'failed', { ja: 'ミドルウェアが見つからないか読み込めません', en: 'the middleware is missing or cannot be loaded' }, { verdict: 'noMiddleware', message: toUserError(error) });
    return finish(run, result);
  }
  let holder: UserCertificate | undefined;
  try {
    holder = await diagnoseToken(module, options, run, result);
  } finally {
    await module.release();
  }
  if (holder) await checkStatus(run, result, holder, options);
  return finish(run, result);
}

type DiagnosisSoFar = Omit<Diagnosis, 'verdict' | 'message' | 'notices' | 'checks'>;

/** Runs the token checks; answers the holder's certificate when the status checks should follow. */
async function diagnoseToken(module: Pkcs11Module, options: DiagnosisOptions, run: Run, result: DiagnosisSoFar): Promise<UserCertificate | undefined> {
  const start = async (id: CheckId) => options.onCheck?.(id);

  await start('tokenCount');
  const slots = await module.listSlots();
  const damaged = slots.filter((slot) => slot.present && slot.error);
  const tokens = presentTokens(slots);
  result.tokensSeen = [...tokens.map((token) => token.serial), ...damaged.map((slot) => `slot ${slot.slotId}`)];
  const count = tokens.length + damaged.length;
  const counted: Localized = { ja: `${count}本`, en: `${count}` };
  if (count === 0) return void run.record('tokenCount', 'failed', counted, { verdict: 'noToken' });
  let token: TokenInfo | undefined;
  if (options.serial) {
    const wanted = options.serial.trim().toLowerCase();
    token = tokens.find((candidate) => candidate.serial.toLowerCase() === wanted);
    if (!token && damaged.length === 0) {
      return void run.record('tokenCount', 'failed', counted, { verdict: 'serialMismatch', message: messageFor('TD-SERIAL-MISMATCH', { tokenSerial: tokens.map((t) => t.serial).join(', ') }) });
    }
  } else if (count > 1) {
    return void run.record('tokenCount', 'failed', { ja: `${count}本（${result.tokensSeen.join(', ')}）`, en: `${count} (${result.tokensSeen.join(', ')})` }, { verdict: 'severalTokens' });
  } else {
    token = tokens[0];
  }
  if (!token) {
    // The one token there does not answer C_GetTokenInfo: hardware or memory unreadable.
    run.record('tokenCount', 'ok', counted);
    return void run.deviceFailure('initialized', damaged[0]!.error);
  }
  run.record('tokenCount', 'ok', counted);
  result.token = describeToken(token);

  await start('initialized');
  if (!token.initialized) return void run.record('initialized', 'failed', { ja: '初期化されていません', en: 'not initialized' }, { verdict: 'notInitialized' });
  run.record('initialized', 'ok', { ja: `初期化済み（${token.label}）`, en: `initialized (${token.label})` });

  await start('pinState');
  // The run's one session, opened on the token as listed above (no second listing):
  // it reads the vendor's retry counter and serves every check after. A token pulled
  // out since is reported here; one that will not open a session, under deviceAnswers.
  const opened = await module.openSession(token).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  if (opened instanceof Error && wasRemoved(opened)) return void run.deviceFailure('pinState', opened);
  const session = opened instanceof Error ? undefined : opened;
  try {
    const facts = session ? await session.vendorFacts() : {};
    result.token.device = deviceFacts(facts);
    const retries: PinRetries = { userLeft: facts.userPinLeft, userMax: facts.userPinMax };
    if (retries.userLeft !== undefined) result.token.userPinLeft = retries.userLeft;
    if (retries.userMax !== undefined) result.token.userPinMax = retries.userMax;
    const pinDetail = pinStateDetail(token.pinState, retries);
    if (token.pinState === 'locked' || retries.userLeft === 0) run.record('pinState', 'failed', pinDetail, { verdict: 'locked' });
    else if (token.pinState === 'finalTry' || token.pinState === 'countLow') run.record('pinState', 'warning', pinDetail);
    else run.record('pinState', 'ok', pinDetail);
    const locked = run.checks.get('pinState')?.result === 'failed';

    await start('deviceAnswers');
    if (!session) return void run.deviceFailure('deviceAnswers', opened);
    let certificates;
    try {
      await session.random(16);
      certificates = await session.listCertificates();
    } catch (error) {
      return void run.deviceFailure('deviceAnswers', error);
    }
    run.record('deviceAnswers', 'ok', { ja: `応答あり（電子証明書 ${certificates.length}件）`, en: `responds (${certificates.length} certificate object(s))` });

    await start('certificate');
    const publicKeys = await readPublicKeyIds(session);
    if (publicKeys instanceof Error) return void run.deviceFailure('certificate', publicKeys);
    const pick = pickUserCertificate(certificates, publicKeys);
    if (pick.kind === 'none') return void run.record('certificate', 'failed', { ja: '電子証明書が格納されていません', en: 'no certificate is stored' }, { verdict: 'empty' });
    if (pick.kind === 'unreadable') {
      return void run.record('certificate', 'failed', { ja: `読み取れない電子証明書（${pick.label}）`, en: `unreadable certificate (${pick.label})` }, { verdict: 'certificateUnreadable' });
    }
    const holder = pick.certificate;
    result.certificate = describeCertificate(holder);
    run.record('certificate', 'ok', {
      ja: `${holder.summary.holderName ?? holder.summary.subjectDn}（シリアル ${holder.summary.serial.display}）`,
      en: `${holder.summary.holderName ?? holder.summary.subjectDn} (serial ${holder.summary.serial.display})`,
    });

    await start('userLogin');
    const loggedIn = await userLogin(session, token, options, run, locked, result);
    if (loggedIn === 'stop') return undefined;

    await start('keyPair');
    const paired = await checkKeyPair(session, holder, loggedIn, run);
    return paired === 'stop' ? undefined : holder;
  } finally {
    if (session) {
      if (result.loggedIn) await session.logout().catch(() => undefined);
      await session.close();
    }
  }
}

function deviceFacts(facts: SafeNetTokenFacts): DeviceFacts {
  const device: DeviceFacts = {};
  if (facts.productName !== undefined) device.productName = facts.productName;
  if (facts.model !== undefined) device.model = facts.model;
  if (facts.firmwareRevision !== undefined) device.firmwareRevision = facts.firmwareRevision;
  if (facts.productionDate !== undefined) device.productionDate = facts.productionDate;
  if (facts.fips !== undefined) device.fips = facts.fips;
  if (facts.rsaAreaSize !== undefined) device.rsaKeyArea = facts.rsaAreaSize;
  return device;
}

/** Public key IDs on the token (visible without login): which certificate has its key here. */
async function readPublicKeyIds(session: TokenSession): Promise<Set<string> | Error> {
  try {
    return new Set((await session.listKeys()).map((key) => key.id));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function userLogin(
  session: TokenSession,
  token: TokenInfo,
  options: DiagnosisOptions,
  run: Run,
  locked: boolean,
  result: { loggedIn: boolean },
): Promise<boolean | 'stop'> {
  if (!options.userPin) {
    run.record('userLogin', 'skipped', NO_PIN);
    return false;
  }
  if (locked) {
    run.record('userLogin', 'skipped', { ja: 'ロック中のため、ユーザーPINは使用していません', en: 'not tried: the PIN is locked' });
    return false;
  }
  if (token.pinState === 'finalTry' && !options.confirmFinalTry) {
    run.record('userLogin', 'skipped', { ja: '残り1回のため、ユーザーPINは使用していません', en: 'not tried: one attempt left' }, { message: messageFor('TD-DIAG-PIN-NOT-TRIED') });
    run.notices.push(messageFor('TD-DIAG-PIN-NOT-TRIED'));
    return false;
  }
  const typed = options.userPin.reveal();
  const shape = checkTypedUserPin(typed);
  // Full-width characters or spaces can never be right: refuse before they cost a try.
  if (!shape.ok) {
    run.record('userLogin', 'failed', { ja: '入力されたユーザーPINの形式が正しくありません（ログインは行っていません）', en: 'the user PIN typed has the wrong form (no login was tried)' }, { verdict: 'pinIncorrect', message: messageFor(shape.code, shape.params) });
    return false;
  }
  try {
    await session.login('user', typed, { confirmFinalTry: options.confirmFinalTry === true });
    result.loggedIn = true;
    run.record('userLogin', 'ok', { ja: 'ログインできました', en: 'logged in' });
    return true;
  } catch (error) {
    if (error instanceof TokenError && error.code === 'pinIncorrect') {
      const after = await session.pinRetries().catch(() => ({}) as PinRetries);
      const params = after.userLeft === undefined ? {} : { attemptsLeft: after.userLeft };
      run.record('userLogin', 'failed', { ja: 'ユーザーPINが正しくありません', en: 'the user PIN is wrong' }, { verdict: 'pinIncorrect', message: messageFor('TD-PIN-INCORRECT', params) });
      return false;
    }
    if (error instanceof TokenError && error.code === 'pinLocked') {
      run.record('userLogin', 'failed', { ja: 'USBトークンがロックされています', en: 'the token is locked' }, { verdict: 'locked' });
      return false;
    }
    run.deviceFailure('userLogin', error);
    return 'stop';
  }
}

async function checkKeyPair(session: TokenSession, holder: UserCertificate, loggedIn: boolean, run: Run): Promise<void | 'stop'> {
  const id = holder.object.id;
  try {
    if (loggedIn) {
      // The strongest evidence: the private key with the certificate's CKA_ID signs,
      // and the certificate's key verifies it. No such key: sign finds none to use.
      const challenge = randomBytes(32);
      const signing = session.sign(id, challenge).catch(unlessObjectNotFound);
      // The token signs off the event loop: the certificate's key is read meanwhile.
      const certificateKey = onceQueued(() => publicKeyFromSpki(holder.summary.spkiDer));
      const [signature, key] = await Promise.all([signing, certificateKey]);
      if (!signature) {
        run.record('keyPair', 'failed', { ja: '電子証明書に対応する秘密鍵がありません', en: 'no private key belongs to the certificate' }, { verdict: 'keyMismatch' });
        return;
      }
      const ok = verify('sha256', challenge, key, signature);
      if (ok) run.record('keyPair', 'ok', { ja: '秘密鍵で署名し、電子証明書で検証できました', en: 'the private key signed and the certificate verified it' });
      else run.record('keyPair', 'failed', { ja: '秘密鍵の署名を電子証明書で検証できません', en: 'the certificate does not verify the private key\'s signature' }, { verdict: 'keyMismatch' });
      return;
    }
    // Without login only the public half can be compared.
    const publicKey = await session.publicKeyOf(id).catch(unlessObjectNotFound);
    if (!publicKey) {
      run.record('keyPair', 'skipped', { ja: '公開鍵が見えないため、ユーザーPINなしでは確認できません', en: 'not checked: no public key is visible without the user PIN' });
      return;
    }
    if (publicKeyMatches(holder.object.der, publicKey.modulus, publicKey.publicExponent)) {
      run.record('keyPair', 'ok', { ja: 'トークン内の公開鍵と電子証明書が一致（署名の確認にはユーザーPINが必要です）', en: 'the public key on the token matches the certificate (signing needs the user PIN)' });
    } else {
      run.record('keyPair', 'failed', { ja: 'トークン内の公開鍵と電子証明書が一致しません', en: 'the public key on the token does not match the certificate' }, { verdict: 'keyMismatch' });
    }
  } catch (error) {
    run.deviceFailure('keyPair', error);
    return 'stop';
  }
}

/**
 * Runs `work` once the promise jobs queued so far have run — by then the module's
 * call queue has handed the token the work asked of it — so the two overlap.
 */
function onceQueued<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** A key looked up by CKA_ID that is not on the token answers undefined; any other failure stands. */
function unlessObjectNotFound(error: unknown): undefined {
  if (error instanceof TokenError && error.code === 'objectNotFound') return undefined;
  throw error;
}

/** Validity by the CA's clock where it answered, revocation by its CRL, and the PC clock against it. */
async function checkStatus(run: Run, result: DiagnosisSoFar, holder: UserCertificate, options: DiagnosisOptions): Promise<void> {
  await options.onCheck?.('validity');
  const summary = holder.summary;
  const reading = await readCertificateStatus(summary, { ca: options.ca, ...(options.now ? { now: options.now } : {}) });
  result.status = { status: reading.status, validity: reading.validity, clockSource: reading.clockSource, revocation: reading.revocation.state };
  const clockWord: Localized = reading.clockSource === 'ca' ? { ja: '認証局の時刻で判定', en: 'judged by the CA\'s clock' } : { ja: 'PCの時刻で判定', en: 'judged by the PC clock' };
  const window: Localized = {
    ja: `${summary.notBeforeDisplay} ～ ${summary.notAfterDisplay}（${clockWord.ja}）`,
    en: `${summary.notBeforeDisplay} to ${summary.notAfterDisplay} (${clockWord.en})`,
  };
  const dates = { notAfter: summary.notAfterDisplay, notBefore: summary.notBeforeDisplay };
  switch (reading.validity) {
    case 'valid':
      run.record('validity', 'ok', window);
      break;
    case 'renewSoon': {
      const daysLeft = daysUntilExpiry(summary, reading.judgedAt);
      const notice = messageFor('TD-CERT-RENEW-SOON', { ...dates, daysLeft });
      run.notices.push(notice);
      run.record('validity', 'warning', window, { message: notice });
      break;
    }
    case 'expired':
      run.record('validity', 'failed', window, { verdict: 'expired', message: messageFor('TD-CERT-EXPIRED', dates) });
      break;
    case 'notYetValid':
      run.record('validity', 'failed', window, { verdict: 'notYetValid', message: messageFor('TD-CERT-NOT-YET-VALID', dates) });
      break;
  }

  await options.onCheck?.('revocation');
  const revocation = reading.revocation;
  if (revocation.state === 'good') {
    run.record('revocation', 'ok', { ja: '失効していません', en: 'not revoked' });
  } else if (revocation.state === 'revoked') {
    run.record('revocation', 'failed', { ja: '認証局のCRLに登録されています', en: 'listed in the CA\'s CRL' }, { verdict: 'revoked' });
  } else if (revocation.reason === 'noCa') {
    run.record('revocation', 'skipped', { ja: '認証局（--ca）が指定されていないため確認していません', en: 'not checked: no CA (--ca) was given' });
  } else {
    const why = revocation.error === undefined ? undefined : toUserError(revocation.error);
    const notice = messageFor('TD-REVOCATION-UNKNOWN');
    run.notices.push(notice);
    run.record(
      'revocation',
      'warning',
      {
        ja: `確認できませんでした${why ? `（${why.code}: ${why.text.ja}）` : '（CRLを検証できません）'}`,
        en: `could not be checked${why ? ` (${why.code}: ${why.text.en})` : ' (the CRL does not verify)'}`,
      },
      { message: notice },
    );
  }

  await options.onCheck?.('clock');
  const clock = reading.clock;
  if (!clock) {
    run.record('clock', 'skipped', { ja: '認証局の時刻を取得していないため確認していません', en: 'not checked: the CA\'s time is not known' });
  } else {
    const minutes = Math.round(Math.abs(clock.skewMs) / 60_000);
    const seconds = Math.round(Math.abs(clock.skewMs) / 1000);
    const detail: Localized = { ja: `差 ${seconds} 秒`, en: `${seconds} s apart` };
    if (clock.tooFar) {
      const notice = messageFor('TD-CLOCK-SKEW', { minutes });
      run.notices.push(notice);
      run.record('clock', 'warning', detail, { message: notice });
    } else {
      run.record('clock', 'ok', detail);
    }
  }
}

function finish(run: Run, result: DiagnosisSoFar): Diagnosis {
  const verdict = decideVerdict(run.verdicts);
  const failedAt = CHECK_IDS.findIndex((id) => run.checks.get(id)?.result === 'failed' && run.checks.get(id)?.verdict !== 'locked' && run.checks.get(id)?.verdict !== 'pinIncorrect');
  const checks = CHECK_IDS.map((id, index): Check => {
    const done = run.checks.get(id);
    if (done) return done;
    if (id === 'userLogin' || id === 'keyPair') {
      if (!result.withPin && failedAt === -1) return { id, result: 'skipped', detail: NO_PIN };
    }
    return { id, result: 'skipped', detail: failedAt !== -1 && index > failedAt ? SKIPPED_AFTER_FAILURE : NO_PIN };
  });
  // The check that found the problem carries its words with their details (tries left, dates).
  const message = [...run.checks.values()].find((check) => check.verdict === verdict)?.message ?? messageFor(VERDICT_CODES[verdict]);
  return { ...result, verdict, message, notices: run.notices, checks };
}

function describeToken(token: TokenInfo): DiagnosedToken {
  const version = (v: { major: number; minor: number }) => `${v.major}.${v.minor}`;
  const described: DiagnosedToken = {
    serial: token.serial,
    label: token.label,
    manufacturer: token.manufacturer,
    model: token.model,
    hardwareVersion: version(token.hardwareVersion),
    firmwareVersion: version(token.firmwareVersion),
    pinState: token.pinState,
    device: {},
  };
  if (token.totalMemory !== undefined) described.totalMemory = token.totalMemory;
  if (token.freeMemory !== undefined) described.freeMemory = token.freeMemory;
  return described;
}

function describeCertificate(holder: UserCertificate): DiagnosedCertificate {
  const s = holder.summary;
  const described: DiagnosedCertificate = {
    serial: s.serial.display,
    issuerDn: s.issuerDn,
    notBefore: s.notBeforeDisplay,
    notAfter: s.notAfterDisplay,
  };
  if (s.userId !== undefined) described.userId = s.userId;
  if (s.holderName !== undefined) described.holderName = s.holderName;
  if (s.company !== undefined) described.company = s.company;
  if (s.email !== undefined) described.email = s.email;
  return described;
}

function pinStateDetail(state: TokenInfo['pinState'], retries: PinRetries): Localized {
  const words: Record<TokenInfo['pinState'], Localized> = {
    ok: { ja: '正常', en: 'normal' },
    countLow: { ja: '入力ミスあり', en: 'wrong PINs were entered' },
    finalTry: { ja: '残り1回', en: 'one try left' },
    locked: { ja: 'ロック中', en: 'locked' },
    notInitialized: { ja: '未設定', en: 'not set' },
  };
  const left = retries.userLeft === undefined
    ? { ja: '（残り回数はこのミドルウェアでは不明）', en: ' (tries left: unknown with this middleware)' }
    : { ja: `（残り ${retries.userLeft} 回${retries.userMax !== undefined ? ` / ${retries.userMax} 回` : ''}）`, en: ` (${retries.userLeft}${retries.userMax !== undefined ? ` of ${retries.userMax}` : ''} tries left)` };
  return { ja: `${words[state].ja}${left.ja}`, en: `${words[state].en}${left.en}` };
}

