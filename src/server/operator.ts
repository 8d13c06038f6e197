/**
 * What the CA operator (認証局運用管理者) does, for the `tokendesk ca …` commands and
 * the test fixture alike: add an application (and get the mail's numbers), approve it,
 * issue a new storage PIN after a lock, revoke, and look things up.
 */
import type { CaContext } from './ca-context.js';
import { revokeAndPublish } from './crl-publisher.js';
import { applicationDay, formatApplicationNo, generateUserId, isContractNo, isTokenSerial, normalizeSerialHex, normalizeTokenSerial } from './identifiers.js';
import { attemptsLeft } from './pin-attempts.js';
import { mailStoragePin, mailStoragePinOnApproval } from './portal/storage-pin-delivery.js';
import { serverErrors } from './server-error.js';
import { generateStoragePin, hashStoragePin } from './storage-pin.js';
import type { ApplicantDetails, ApplicationRecord, CertificateRecord } from './store/ca-store.js';
import type { ApplicationKind } from './store/schema.js';

export interface ApplicationInput extends ApplicantDetails {
  tokenSerial?: string;
  /** Answer 202 to enrollment until `approve` (a CA that first checks the signed consent form). */
  pending?: boolean;
}

/** What the CA's mail carries (CA manual §7.4 ①). The storage PIN is shown once, here. */
export interface StoragePinNotice {
  applicationNo: string;
  userId: string;
  name: string;
  storagePin: string;
}

const invalid = (ja: string, en: string) => serverErrors.invalidArgument({ ja, en });

/** The operator's checks of an application (the portal checks its form first, in the manual's words). */
export function validate(input: ApplicationInput): void {
  if (!['new', 'renewal', 'reissue'].includes(input.kind)) throw invalid('--kind は new / renewal / reissue のいずれかです。', '--kind must be new, renewal or reissue.');
  if (!isContractNo(input.contractNo)) throw invalid('契約番号は半角数字13桁です。', 'The contract number is 13 digits.');
  if (!/^[A-Za-z][A-Za-z .'-]{0,62}[A-Za-z.]$/.test(input.name)) {
    throw invalid('氏名はローマ字（半角英字、空白、. \' -）で入力してください（例: Souken Tarou）。', "The name must be romanised (letters, space, . ' -), e.g. Souken Tarou.");
  }
  if (input.company.trim().length === 0 || input.company.length > 64 || [...input.company].some((ch) => ch.charCodeAt(0) < 0x20)) {
    throw invalid('会社名（英語表記）は1〜64文字です。', 'The company (English name) must be 1–64 characters.');
  }
  if (!/^[^\s@]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$/.test(input.email)) throw invalid('メールアドレスの形式が正しくありません。', 'The e-mail address is not valid.');
  if (!Number.isInteger(input.years) || input.years < 1 || input.years > 3) throw invalid('有効期間は1〜3年です。', 'The validity is 1 to 3 years.');
  if (input.tokenSerial !== undefined && !isTokenSerial(normalizeTokenSerial(input.tokenSerial))) {
    throw invalid('USBトークンのシリアルナンバーは英数字で指定してください（例: 02B8BEA7）。', 'The token serial is letters and digits, e.g. 02B8BEA7.');
  }
}

export async function addApplication(ctx: CaContext, input: ApplicationInput): Promise<StoragePinNotice> {
  validate(input);
  const storagePin = generateStoragePin();
  const row = await ctx.store.addApplication(
    {
      kind: input.kind,
      contractNo: input.contractNo,
      name: input.name,
      company: input.company.trim(),
      email: input.email,
      years: input.years,
      tokenSerial: input.tokenSerial ? normalizeTokenSerial(input.tokenSerial) : null,
      approved: !input.pending,
      pinHash: await hashStoragePin(storagePin, ctx.config.scrypt),
    },
    applicationDay(new Date(), ctx.config.timeZone),
    generateUserId,
    formatApplicationNo,
  );
  const notice = { applicationNo: row.application_no, userId: row.user_id, name: row.name, storagePin };
  await mailStoragePin(ctx, { ...notice, email: row.email }, storagePin);
  return notice;
}

/** The mail's opening lines, as CA manual §7.4 ① shows them. */
export function storagePinMail(notice: StoragePinNotice): string {
  return [
    '【認証局】電子証明書格納デバイスへの格納方法のご案内',
    `${notice.userId} ${notice.name} 様 (申請書番号:${notice.applicationNo})`,
    `【電子証明書格納用PIN】 ${notice.storagePin}`,
  ].join('\n');
}

async function requireApplication(ctx: CaContext, applicationNo: string): Promise<ApplicationRecord> {
  const application = await ctx.store.getApplication(applicationNo);
  if (!application) throw serverErrors.applicationNotFound(applicationNo);
  return application;
}

export async function approveApplication(ctx: CaContext, applicationNo: string): Promise<ApplicationStatus> {
  await requireApplication(ctx, applicationNo);
  await ctx.store.approve(applicationNo);
  await mailStoragePinOnApproval(ctx, applicationNo);
  return applicationStatus(ctx, applicationNo);
}

const alreadyStored = () => invalid('この申請の電子証明書は格納済みのため、新しいPINは発行できません。', 'The certificate of this application is already stored: no new PIN.');

/** After a lock (or a lost mail): a fresh storage PIN, failures cleared. */
export async function issueNewPin(ctx: CaContext, applicationNo: string): Promise<StoragePinNotice> {
  const application = await requireApplication(ctx, applicationNo);
  if (application.stored_at !== null) {
    throw alreadyStored();
  }
  const storagePin = generateStoragePin();
  // Atomic with `stored`: refused if the certificate was stored since the check above.
  const replaced = await ctx.store.replacePin(applicationNo, await hashStoragePin(storagePin, ctx.config.scrypt));
  if (!replaced) throw alreadyStored();
  // Another process (a running server) also stops matching: the old hash is in its entry's MAC.
  ctx.verifiedPins.forget(applicationNo);
  const notice = { applicationNo, userId: application.user_id, name: application.name, storagePin };
  await mailStoragePin(ctx, { ...notice, email: application.email }, storagePin);
  return notice;
}

export async function revokeCertificate(ctx: CaContext, serialText: string, reason = 0): Promise<{ serial: string; revokedAt: string; applicationNo: string }> {
  const serial = normalizeSerialHex(serialText);
  if (!serial) throw invalid('シリアル番号は16進数で指定してください。', 'The certificate serial must be hex.');
  if (!Number.isInteger(reason) || reason < 0 || reason > 10 || reason === 7) throw invalid('失効理由コードは0〜10（7を除く）です。', 'The reason code is 0–10 (not 7).');
  const candidates = [serial, serial.padStart(32, '0')];
  const row = await revokeAndPublish(ctx, async (s) => {
    for (const candidate of candidates) {
      const revoked = await s.revokeCertificate(candidate, reason);
      if (revoked) return revoked;
    }
    throw serverErrors.certificateNotFound(serial);
  });
  return { serial: row.serial, revokedAt: row.revoked_at!, applicationNo: row.application_no };
}

export type ApplicationState = 'awaitingApproval' | 'locked' | 'ready' | 'issued' | 'stored' | 'revoked';

export interface ApplicationStatus {
  applicationNo: string;
  state: ApplicationState;
  kind: ApplicationKind;
  contractNo: string;
  userId: string;
  name: string;
  company: string;
  email: string;
  years: number;
  tokenSerial: string | null;
  pinFailures: number;
  attemptsLeft: number;
  createdAt: string;
  approvedAt: string | null;
  storedAt: string | null;
  certificate: { serial: string; notBefore: string; notAfter: string; revokedAt: string | null } | null;
}

function stateOf(application: ApplicationRecord, certificate: CertificateRecord | undefined): ApplicationState {
  if (certificate?.revoked_at) return 'revoked';
  if (application.stored_at) return 'stored';
  if (certificate) return 'issued';
  if (application.pin_locked_at) return 'locked';
  if (!application.approved_at) return 'awaitingApproval';
  return 'ready';
}

function toStatus(ctx: CaContext, application: ApplicationRecord, certificate: CertificateRecord | undefined): ApplicationStatus {
  return {
    applicationNo: application.application_no,
    state: stateOf(application, certificate),
    kind: application.kind,
    contractNo: application.contract_no,
    userId: application.user_id,
    name: application.name,
    company: application.company,
    email: application.email,
    years: application.years,
    tokenSerial: application.token_serial,
    pinFailures: application.pin_failures,
    attemptsLeft: attemptsLeft(ctx.config, application),
    createdAt: application.created_at,
    approvedAt: application.approved_at,
    storedAt: application.stored_at,
    certificate: certificate
      ? { serial: certificate.serial, notBefore: certificate.not_before, notAfter: certificate.not_after, revokedAt: certificate.revoked_at }
      : null,
  };
}

export async function applicationStatus(ctx: CaContext, applicationNo: string): Promise<ApplicationStatus> {
  const application = await requireApplication(ctx, applicationNo);
  return toStatus(ctx, application, await ctx.store.certificateForApplication(applicationNo));
}

export async function listApplications(ctx: CaContext): Promise<ApplicationStatus[]> {
  const [applications, certificates] = await Promise.all([ctx.store.listApplications(), ctx.store.listCertificates()]);
  const byApplication = new Map(certificates.map((c) => [c.application_no, c]));
  return applications.map((a) => toStatus(ctx, a, byApplication.get(a.application_no)));
}
