/**
 * 申請状況確認 (CA manual §10): the applications of a contract and where each stands.
 * With the contract number alone: the contract's applications, newest first, with
 * their state and dates only. With the application number too: that one, with the
 * applicant's name and e-mail address (a contract number is not a secret; the
 * application number comes from the applicant's own mail).
 */
import type { CaContext } from '../ca-context.js';
import type { Localized } from '../../core/messages/message-entry.js';
import { portalErrors } from './portal-errors.js';
import { PortalStore } from './portal-store.js';

export type ProgressState = 'applied' | 'approved' | 'stored' | 'revocationRequested' | 'revoked';

export const PROGRESS_WORDS: Record<ProgressState, Localized> = {
  applied: { ja: '申請中', en: 'Applied' },
  approved: { ja: '承認済', en: 'Approved' },
  stored: { ja: '格納済', en: 'Stored' },
  revocationRequested: { ja: '失効申請中', en: 'Revocation requested' },
  revoked: { ja: '失効済', en: 'Revoked' },
};

export const KIND_WORDS: Record<string, Localized> = {
  new: { ja: '新規発行', en: 'New' },
  reissue: { ja: '再発行', en: 'Reissue' },
  renewal: { ja: '更新', en: 'Renewal' },
};

export interface ProgressRow {
  applicationNo: string;
  kind: string;
  state: ProgressState;
  appliedAt: string;
  approvedAt: string | null;
  storedAt: string | null;
  revokedAt: string | null;
  notBefore: string | null;
  notAfter: string | null;
  /** Only when the application number was given. */
  applicant?: { userId: string; name: string; nameLocal: string | null; email: string; tokenSerial: string | null };
}

export async function applicationProgress(ctx: CaContext, contractNo: string, applicationNo?: string, now = new Date()): Promise<ProgressRow[]> {
  const portal = new PortalStore(ctx.store);
  const all = await portal.applicationsOfContract(contractNo);
  if (all.length === 0) throw portalErrors.noApplications(contractNo);
  const rows = applicationNo === undefined ? all : all.filter((a) => a.application_no === applicationNo);
  // The same words whether the number is unknown or belongs to another contract: no probing.
  if (rows.length === 0) throw portalErrors.noApplications(contractNo);
  const pending = await portal.pendingRevocations(rows.map((r) => r.application_no), now.toISOString());
  const details = applicationNo === undefined ? [] : await portal.applicantDetails([applicationNo]);
  return rows.map((a) => {
    const state: ProgressState = a.revoked_at
      ? 'revoked'
      : pending.has(a.application_no)
        ? 'revocationRequested'
        : a.stored_at
          ? 'stored'
          : a.approved_at
            ? 'approved'
            : 'applied';
    const row: ProgressRow = {
      applicationNo: a.application_no,
      kind: a.kind,
      state,
      appliedAt: a.created_at,
      approvedAt: a.approved_at,
      storedAt: a.stored_at,
      revokedAt: a.revoked_at ?? null,
      notBefore: a.not_before ?? null,
      notAfter: a.not_after ?? null,
    };
    if (applicationNo !== undefined) {
      row.applicant = { userId: a.user_id, name: a.name, nameLocal: details[0]?.name_local ?? null, email: a.email, tokenSerial: a.token_serial };
    }
    return row;
  });
}
