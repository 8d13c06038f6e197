/**
 * Unlocking a locked token through the CA (docs/architecture.md, Flow F; CA manual §12.1 row 6: 「ロック
 * 解除及びパスワード変更を依頼」), without revoking anything. The operator issues a
 * one-time unlock code for a CA-managed token: 10 digits, kept only as an scrypt hash
 * (the storage PIN's code), valid 72 hours, spent by 5 wrong tries. With the right code
 * the client gets the token's SO PIN (sealed to that serial in the database, as for
 * storage), sets a new user PIN with C_InitPIN, and reports the token unlocked, which
 * uses the code up. Releasing does not use it up, so a client that failed between the
 * two (token pulled out) can try again with the same code: nothing is lost.
 */
import type { CaContext } from './ca-context.js';
import { isTokenSerial, normalizeTokenSerial } from './identifiers.js';
import { unlockCodeMail } from './portal/mail/ca-mails.js';
import { mailAfterCommit } from './portal/mail/mail-after-commit.js';
import { ServerError } from './server-error.js';
import { generateStoragePin, hashStoragePin, isStoragePinFormat, verifyStoragePin } from './storage-pin.js';

export const UNLOCK_CODE_HOURS = 72;
export const UNLOCK_CODE_TRIES = 5;
/** A check reserved longer ago than this was left by a server that died mid-check (scrypt takes tens of ms). */
const STALE_CHECK_SECONDS = 60;

const askOperator = {
  ja: '認証局運用管理者に新しいロック解除コードの発行を依頼してください。',
  en: 'Ask the CA operator for a new unlock code.',
};

export const unlockErrors = {
  format: () =>
    new ServerError({
      code: 'unlockCodeFormat',
      status: 400,
      text: { ja: 'ロック解除コードは半角数字10桁です。', en: 'The unlock code is 10 half-width digits.' },
      remedy: {
        ja: '認証局運用管理者から受け取った10桁の数字を半角で入力してください。',
        en: 'Type the 10 digits the CA operator gave you, in half-width.',
      },
    }),
  notIssued: () =>
    new ServerError({
      code: 'unlockCodeNotIssued',
      status: 404,
      text: {
        ja: 'このUSBトークンにはロック解除コードが発行されていません。',
        en: 'No unlock code was issued for this token.',
      },
      remedy: {
        ja: 'シリアルナンバーを確認し、認証局運用管理者にロック解除コードの発行を依頼してください。',
        en: 'Check the serial number and ask the CA operator for an unlock code.',
      },
    }),
  incorrect: (attemptsLeft: number) =>
    new ServerError({
      code: 'unlockCodeIncorrect',
      status: 401,
      text: {
        ja: `ロック解除コードが正しくありません（残り${attemptsLeft}回）。`,
        en: `The unlock code is incorrect (${attemptsLeft} attempts left).`,
      },
      remedy: {
        ja: '認証局運用管理者から受け取った10桁の数字を確認して入力し直してください。',
        en: 'Check the 10 digits from the CA operator and enter them again.',
      },
      details: { attemptsLeft, locked: false },
    }),
  spent: () =>
    new ServerError({
      code: 'unlockCodeSpent',
      status: 410,
      text: {
        ja: 'このロック解除コードは使用済みか、入力誤りが上限に達したため無効です。',
        en: 'This unlock code has been used, or too many wrong codes were entered.',
      },
      remedy: askOperator,
      details: { attemptsLeft: 0, locked: true },
    }),
  expired: () =>
    new ServerError({
      code: 'unlockCodeExpired',
      status: 410,
      text: {
        ja: 'ロック解除コードの有効期限（発行から72時間）が切れています。',
        en: 'The unlock code has expired (it is valid for 72 hours).',
      },
      remedy: askOperator,
    }),
  checksBusy: () =>
    new ServerError({
      code: 'unlockCodeBusy',
      status: 429,
      text: {
        ja: 'このUSBトークンのロック解除コードを確認中です。',
        en: 'Other entries of this token’s unlock code are being checked right now.',
      },
      remedy: { ja: '数秒待ってから再度実行してください。', en: 'Wait a few seconds and try again.' },
      headers: { 'Retry-After': '1' },
    }),
  notManaged: () =>
    new ServerError({
      code: 'tokenNotManaged',
      status: 404,
      text: {
        ja: 'このUSBトークンは認証局が管理していないため、ロック解除できません。',
        en: 'The CA does not manage this token, so it cannot unlock it.',
      },
      remedy: { ja: 'シリアルナンバーを確認してください。', en: 'Check the serial number.' },
    }),
};

/** `tokendesk ca token unlock-code`: a fresh code for a CA-managed token; the caller prints it once. */
export async function issueUnlockCode(
  ctx: CaContext,
  serialInput: string,
  now = new Date(),
): Promise<{ serial: string; code: string; expiresAt: string; mailedTo?: string; /** The mail to this address could not be sent (audited as mailFailed). */ mailFailedTo?: string }> {
  const serial = normalizeTokenSerial(serialInput);
  if (!isTokenSerial(serial) || !(await ctx.store.getToken(serial))) throw unlockErrors.notManaged();
  const code = generateStoragePin();
  const expiresAt = new Date(now.getTime() + UNLOCK_CODE_HOURS * 3_600_000).toISOString();
  await ctx.store.unlockCodes.issue(
    serial,
    await hashStoragePin(code, ctx.config.scrypt),
    now.toISOString(),
    expiresAt,
  );
  // Delivered like the storage PIN: printed for the operator, and mailed to the address the
  // CA has on record for the token's holder (its newest application), when it has one.
  const holder = await ctx.store.latestForToken(serial);
  if (!holder) return { serial, code, expiresAt };
  const mail = unlockCodeMail(
    { applicationNo: holder.application_no, userId: holder.user_id, name: holder.name, email: holder.email },
    serial,
    code,
    new Date(expiresAt),
  );
  // The code is stored and replaces any earlier one: a mail that fails must not lose it too.
  // The operator is shown it (and told the mail failed) to hand it over another way.
  const sent = await mailAfterCommit(ctx, mail, { applicationNo: holder.application_no, mail: 'unlockCode' });
  if (!sent) return { serial, code, expiresAt, mailFailedTo: holder.email };
  await ctx.store.appendAudit({ event: 'unlockCodeMailed', tokenSerial: serial, applicationNo: holder.application_no, detail: { via: sent.via } });
  return { serial, code, expiresAt, mailedTo: holder.email };
}

/** The code's row if `code` is the live code for the serial; else the refusal, with a wrong try counted. */
async function checkUnlockCode(
  ctx: CaContext,
  serialInput: string,
  code: string,
  client: string | undefined,
  now: Date,
): Promise<{ serial: string; codeHash: string }> {
  const serial = normalizeTokenSerial(serialInput);
  // No code was ever issued for text that is no token serial (and it never reaches the database).
  if (!isTokenSerial(serial)) throw unlockErrors.notIssued();
  const row = await ctx.store.unlockCodes.get(serial);
  if (!row) throw unlockErrors.notIssued();
  if (row.spent_at !== null || row.used_at !== null) throw unlockErrors.spent();
  if (Date.parse(row.expires_at) <= now.getTime()) throw unlockErrors.expired();
  if (!isStoragePinFormat(code)) throw unlockErrors.format();
  // A check is reserved before the (slow) scrypt, so parallel guesses cannot outrun the limit.
  const reservation = await ctx.store.unlockCodes.reserveTry(serial, row.code_hash, UNLOCK_CODE_TRIES, STALE_CHECK_SECONDS);
  if (!reservation.reserved) throw reservation.spent ? unlockErrors.spent() : unlockErrors.checksBusy();
  let matched: boolean;
  try {
    matched = await verifyStoragePin(code, row.code_hash);
  } catch (error) {
    await ctx.store.unlockCodes.releaseTry(serial, row.code_hash);
    throw error;
  }
  if (!matched) {
    const { failures, spent } = await ctx.store.unlockCodes.recordWrongTry(serial, row.code_hash, UNLOCK_CODE_TRIES, client);
    if (spent) throw unlockErrors.spent();
    throw unlockErrors.incorrect(Math.max(0, UNLOCK_CODE_TRIES - failures));
  }
  await ctx.store.unlockCodes.releaseTry(serial, row.code_hash);
  return { serial, codeHash: row.code_hash };
}

/** POST /api/v1/tokens/{serial}/unlock: the right code releases the token's SO PIN (TLS only, never logged). */
export async function releaseSoPinForUnlock(
  ctx: CaContext,
  serialInput: string,
  code: string,
  client?: string,
  now = new Date(),
): Promise<{ soPin: string; expiresAt: string }> {
  const { serial, codeHash } = await checkUnlockCode(ctx, serialInput, code, client, now);
  const token = await ctx.store.getToken(serial);
  if (!token) throw unlockErrors.notManaged();
  if (!(await ctx.store.unlockCodes.release(serial, codeHash, now, client))) throw unlockErrors.spent();
  const row = await ctx.store.unlockCodes.get(serial);
  return { soPin: ctx.soPins.open(token.so_pin_sealed, token.serial), expiresAt: row?.expires_at ?? '' };
}

/** POST /api/v1/tokens/{serial}/unlocked: the new user PIN is set; the code is used up. */
export async function reportUnlocked(
  ctx: CaContext,
  serialInput: string,
  code: string,
  client?: string,
  now = new Date(),
): Promise<{ ok: true }> {
  const { serial, codeHash } = await checkUnlockCode(ctx, serialInput, code, client, now);
  if (!(await ctx.store.unlockCodes.markUsed(serial, codeHash, client))) throw unlockErrors.spent();
  return { ok: true };
}
