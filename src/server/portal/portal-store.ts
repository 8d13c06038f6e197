/**
 * The portal's records, on the CA store's connection: inside `ctx.store.transaction`
 * a PortalStore made from the transaction's CaStore writes in the same transaction,
 * so "link used + certificate revoked + audit line" is one atomic step. Every
 * decision that two servers could race on is a conditional UPDATE … RETURNING.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CaStore } from '../store/ca-store.js';
import type { CaDatabase } from '../store/schema.js';
import type { ApplicantDetailTable, ContractTable, PortalTables, RevocationRequestTable } from './portal-schema.js';

export type ContractRecord = Selectable<ContractTable>;
export type ApplicantDetailRecord = Selectable<ApplicantDetailTable>;
export type RevocationRequestRecord = Selectable<RevocationRequestTable>;

type PortalDb = Kysely<CaDatabase & PortalTables>;

export class PortalStore {
  private readonly db: PortalDb;

  constructor(readonly ca: CaStore) {
    this.db = ca.db.withTables<PortalTables>();
  }

  /** Runs `work` atomically with both stores on one transaction. */
  transaction<T>(work: (portal: PortalStore) => Promise<T>): Promise<T> {
    return this.ca.transaction((s) => work(new PortalStore(s)));
  }

  // ── contracts ────────────────────────────────────────────────────────────────────
  /** Adds or replaces contracts (the operator's CSV), atomically: all rows or none. */
  async importContracts(rows: Omit<ContractRecord, 'imported_at'>[], at: string): Promise<number> {
    return this.transaction(async (p) => {
      for (const row of rows) {
        const record: ContractRecord = { ...row, imported_at: at };
        await p.db
          .insertInto('contracts')
          .values(record)
          .onConflict((oc) => oc.column('contract_no').doUpdateSet({ ...row, imported_at: at }))
          .execute();
      }
      await p.ca.appendAudit({ event: 'contractsImported', detail: { rows: rows.length } });
      return rows.length;
    });
  }

  async getContract(contractNo: string): Promise<ContractRecord | undefined> {
    return this.db.selectFrom('contracts').selectAll().where('contract_no', '=', contractNo).executeTakeFirst();
  }

  // ── applicant details ────────────────────────────────────────────────────────────
  async saveApplicantDetail(record: ApplicantDetailRecord): Promise<void> {
    await this.db.insertInto('applicant_details').values(record).execute();
  }

  async applicantDetail(applicationNo: string): Promise<ApplicantDetailRecord | undefined> {
    return this.db.selectFrom('applicant_details').selectAll().where('application_no', '=', applicationNo).executeTakeFirst();
  }

  async applicantDetails(applicationNos: string[]): Promise<ApplicantDetailRecord[]> {
    if (applicationNos.length === 0) return [];
    return this.db.selectFrom('applicant_details').selectAll().where('application_no', 'in', applicationNos).execute();
  }

  /** Claims the right to send the storage-PIN mail: true for exactly one caller. */
  async claimPinMail(applicationNo: string, at: string): Promise<boolean> {
    const row = await this.db
      .updateTable('applicant_details')
      .set({ pin_mailed_at: at })
      .where('application_no', '=', applicationNo)
      .where('pin_mailed_at', 'is', null)
      .returning('application_no')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A PIN the operator made was mailed: a later approval must not make another. */
  async markPinMailed(applicationNo: string, at: string): Promise<void> {
    await this.db.updateTable('applicant_details').set({ pin_mailed_at: at }).where('application_no', '=', applicationNo).execute();
  }

  /** The mail could not be sent: the next approval tries again. */
  async releasePinMail(applicationNo: string): Promise<void> {
    await this.db.updateTable('applicant_details').set({ pin_mailed_at: null }).where('application_no', '=', applicationNo).execute();
  }

  // ── applications by contract ─────────────────────────────────────────────────────
  async applicationsOfContract(contractNo: string) {
    return this.db
      .selectFrom('applications')
      .leftJoin('certificates', 'certificates.application_no', 'applications.application_no')
      .select([
        'applications.application_no',
        'applications.kind',
        'applications.user_id',
        'applications.name',
        'applications.email',
        'applications.years',
        'applications.token_serial',
        'applications.approved_at',
        'applications.stored_at',
        'applications.created_at',
        'certificates.serial as certificate_serial',
        'certificates.not_before',
        'certificates.not_after',
        'certificates.revoked_at',
      ])
      .where('applications.contract_no', '=', contractNo)
      .orderBy('applications.created_at', 'desc')
      .orderBy('applications.application_no', 'desc')
      .execute();
  }

  // ── revocation requests ──────────────────────────────────────────────────────────
  async addRevocationRequest(record: RevocationRequestRecord): Promise<void> {
    await this.transaction(async (p) => {
      await p.db.insertInto('revocation_requests').values(record).execute();
      await p.ca.appendAudit({ event: 'revocationRequested', applicationNo: record.application_no, certificateSerial: record.certificate_serial });
    });
  }

  /**
   * Spends a confirmation link: answers the request when this caller confirmed it now,
   * undefined when there is no such link, it was used, or it expired.
   */
  async confirmRevocationRequest(linkHash: string, at: string): Promise<RevocationRequestRecord | undefined> {
    return this.db
      .updateTable('revocation_requests')
      .set({ confirmed_at: at })
      .where('link_hash', '=', linkHash)
      .where('confirmed_at', 'is', null)
      .where('expires_at', '>', at)
      .returningAll()
      .executeTakeFirst();
  }

  async revocationRequest(linkHash: string): Promise<RevocationRequestRecord | undefined> {
    return this.db.selectFrom('revocation_requests').selectAll().where('link_hash', '=', linkHash).executeTakeFirst();
  }

  /** Applications with a revocation request waiting for its link (失効申請中). */
  async pendingRevocations(applicationNos: string[], at: string): Promise<Set<string>> {
    if (applicationNos.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('revocation_requests')
      .select('application_no')
      .where('application_no', 'in', applicationNos)
      .where('confirmed_at', 'is', null)
      .where('expires_at', '>', at)
      .execute();
    return new Set(rows.map((r) => r.application_no));
  }

  // ── nonces ───────────────────────────────────────────────────────────────────────
  async addNonce(nonce: string, purpose: string, at: Date, lifetimeMs: number): Promise<void> {
    // Old nonces are of no use to anyone: drop those expired over a day ago as new ones come.
    await this.db.deleteFrom('portal_nonces').where('expires_at', '<', new Date(at.getTime() - 86_400_000).toISOString()).execute();
    await this.db
      .insertInto('portal_nonces')
      .values({ nonce, purpose, created_at: at.toISOString(), expires_at: new Date(at.getTime() + lifetimeMs).toISOString(), used_at: null })
      .execute();
  }

  /** Spends a nonce: true for exactly one caller, while it is unexpired and of this purpose. */
  async spendNonce(nonce: string, purpose: string, at: string): Promise<boolean> {
    const row = await this.db
      .updateTable('portal_nonces')
      .set({ used_at: at })
      .where('nonce', '=', nonce)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('nonce')
      .executeTakeFirst();
    return row !== undefined;
  }

  // ── counters (rate limits shared by every server) ────────────────────────────────
  /** Counts one use of `bucket` in the window starting at `windowStart`; answers the count. */
  async count(bucket: string, windowStart: string): Promise<number> {
    const row = await this.db
      .insertInto('portal_counters')
      .values({ bucket, window_start: windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ count: sql`portal_counters.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    return row.count;
  }
}
