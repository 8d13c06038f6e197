/**
 * Applications made on the portal: 新規発行・再発行申請 (§7.2) and 更新申請 (§8.1).
 * Each applicant becomes one application, waiting for the operator's approval
 * (`tokendesk ca app approve`), which mails the storage PIN. The application row and
 * the portal's details of it are written in one transaction. The stored PIN hash is
 * of a random PIN nobody sees: the mailed one is made at approval
 * (storage-pin-delivery.ts).
 */
import type { CaContext } from '../ca-context.js';
import { applicationDay, formatApplicationNo, generateUserId } from '../identifiers.js';
import { validate } from '../operator.js';
import { generateStoragePin, hashStoragePin } from '../storage-pin.js';
import type { ApplicationRecord } from '../store/ca-store.js';
import type { CheckedApplicant } from './applicant-fields.js';
import { consentFormMail } from './mail/ca-mails.js';
import { mailAfterCommit } from './mail/mail-after-commit.js';
import { portalErrors } from './portal-errors.js';
import { PortalStore } from './portal-store.js';
import type { VerifiedProof } from './token-proof.js';

export interface SubmittedApplication {
  applicationNo: string;
  kind: 'new' | 'reissue' | 'renewal';
  name: string;
  email: string;
  years: 1 | 2 | 3;
}

interface Applying {
  kind: 'new' | 'reissue' | 'renewal';
  contractNo: string;
  company: string;
  name: string;
  nameLocal: string | null;
  email: string;
  role: string;
  years: 1 | 2 | 3;
  tokenSerial: string | null;
  renews: string | null;
  /**
   * The placeholder storage PIN's hash, made before the transaction: scrypt is tens of
   * milliseconds of CPU, and inside the transaction it would hold SQLite's writer (or a
   * PostgreSQL connection and the day's number row) for as long. Approval mails a new PIN.
   */
  pinHash: string;
}

/** One placeholder storage-PIN hash per application to add (see Applying.pinHash). */
function placeholderPinHashes(ctx: CaContext, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, () => hashStoragePin(generateStoragePin(), ctx.config.scrypt)));
}

async function addPending(ctx: CaContext, portal: PortalStore, a: Applying): Promise<ApplicationRecord> {
  validate({ kind: a.kind, contractNo: a.contractNo, name: a.name, company: a.company, email: a.email, years: a.years, ...(a.tokenSerial ? { tokenSerial: a.tokenSerial } : {}) });
  const row = await portal.ca.addApplication(
    {
      kind: a.kind,
      contractNo: a.contractNo,
      name: a.name,
      company: a.company,
      email: a.email,
      years: a.years,
      tokenSerial: a.tokenSerial,
      approved: false,
      pinHash: a.pinHash,
    },
    applicationDay(new Date(), ctx.config.timeZone),
    generateUserId,
    formatApplicationNo,
  );
  await portal.saveApplicantDetail({ application_no: row.application_no, name_local: a.nameLocal, role: a.role, source: 'portal', renews_certificate: a.renews, pin_mailed_at: null });
  return row;
}

function statusUrl(ctx: CaContext): string {
  return `${ctx.config.publicUrl.replace(/\/+$/, '')}/portal/status`;
}

/** 新規発行・再発行申請: one application per applicant; 承諾書ダウンロードのお知らせ to No.1. */
export async function submitApplications(ctx: CaContext, contractNo: string, applicants: CheckedApplicant[]): Promise<{ applications: SubmittedApplication[]; mailed: boolean }> {
  const contract = await new PortalStore(ctx.store).getContract(contractNo);
  if (!contract) throw portalErrors.contractUnknown(contractNo);
  const pinHashes = await placeholderPinHashes(ctx, applicants.length);
  const rows = await new PortalStore(ctx.store).transaction(async (portal) => {
    const out: ApplicationRecord[] = [];
    for (const [i, a] of applicants.entries()) {
      out.push(
        await addPending(ctx, portal, {
          kind: a.tokenSerial ? 'reissue' : 'new',
          contractNo,
          company: contract.contractor_en || contract.contractor,
          name: a.name,
          nameLocal: a.nameLocal,
          email: a.email,
          role: a.role,
          years: a.years,
          tokenSerial: a.tokenSerial ?? null,
          renews: null,
          pinHash: pinHashes[i]!,
        }),
      );
    }
    return out;
  });
  const listed = rows.map((r) => ({ applicationNo: r.application_no, userId: r.user_id, name: r.name, email: r.email }));
  const mailed = undefined !== await mailAfterCommit(ctx, consentFormMail(rows[0]!.email, contractNo, listed, statusUrl(ctx)), { applicationNo: rows[0]!.application_no, mail: 'consentForm' });
  return { applications: rows.map((r) => ({ applicationNo: r.application_no, kind: r.kind, name: r.name, email: r.email, years: r.years as 1 | 2 | 3 })), mailed };
}

/**
 * 更新申請 from the token that holds the current certificate: same contract, name and token.
 * `first` runs at the start of the recording transaction (the renewal page spends its
 * one-time ticket there), so it commits with the application or not at all.
 */
export async function submitRenewal(
  ctx: CaContext,
  proof: VerifiedProof,
  edits: { email: string; role: string; years: 1 | 2 | 3 },
  first?: (portal: PortalStore) => Promise<void>,
): Promise<{ application: SubmittedApplication; mailed: boolean }> {
  const old = proof.application;
  const details = await new PortalStore(ctx.store).applicantDetail(old.application_no);
  const [pinHash] = await placeholderPinHashes(ctx, 1);
  const row = await new PortalStore(ctx.store).transaction(async (portal) => {
    await first?.(portal);
    const added = await addPending(ctx, portal, {
      kind: 'renewal',
      contractNo: old.contract_no,
      company: old.company,
      name: old.name,
      nameLocal: details?.name_local ?? null,
      email: edits.email,
      role: edits.role,
      years: edits.years,
      tokenSerial: old.token_serial ?? proof.tokenSerial,
      renews: proof.certificate.serial,
      pinHash: pinHash!,
    });
    // The proof found the certificate unrevoked when the request arrived; a revocation that
    // committed since (another server, the operator) must stop the renewal, here in its own
    // transaction (after its first write: see standsUnrevoked).
    if (!(await portal.ca.standsUnrevoked(proof.certificate.serial))) {
      throw portalErrors.tokenProofRefused({ ja: 'この電子証明書は失効済みです。', en: 'the certificate is revoked.' });
    }
    return added;
  });
  const mailed = undefined !== await mailAfterCommit(
    ctx,
    consentFormMail(row.email, row.contract_no, [{ applicationNo: row.application_no, userId: row.user_id, name: row.name, email: row.email }], statusUrl(ctx)),
    { applicationNo: row.application_no, mail: 'consentForm' },
  );
  return { application: { applicationNo: row.application_no, kind: 'renewal', name: row.name, email: row.email, years: edits.years }, mailed };
}
