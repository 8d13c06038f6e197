/**
 * Everything the CA remembers, behind one small contract that SQLite and PostgreSQL
 * both satisfy (test/integration/server/store-contract.test.ts runs the same tests on
 * each). State changes that must be recorded write their audit line in the same
 * transaction: a record is never half-written, and never unaudited.
 */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import { PreparedQuery } from './prepared-query.js';
import type {
  ApplicationKind,
  ApplicationTable,
  AuditLogTable,
  CaDatabase,
  CertificateTable,
  CrlTable,
  Dialect,
  TokenTable,
} from './schema.js';

export type ApplicationRecord = Selectable<ApplicationTable>;
export type CertificateRecord = Selectable<CertificateTable>;
export type TokenRecord = Selectable<TokenTable>;
export type CrlRecord = Selectable<CrlTable>;
export type AuditRecord = Selectable<AuditLogTable>;

export type AuditEvent =
  | 'applicationAdded'
  | 'applicationApproved'
  | 'storagePinFailure'
  | 'storagePinLocked'
  | 'storagePinReplaced'
  | 'certificateIssued'
  | 'certificateStored'
  | 'certificateRevoked'
  | 'tokenProvisioned';

export interface AuditEntry {
  event: AuditEvent;
  applicationNo?: string;
  certificateSerial?: string;
  tokenSerial?: string;
  client?: string;
  /** Non-secret facts only (attempt counts, kinds, reasons). */
  detail?: Record<string, string | number | boolean>;
}

/** Who an application is for, as the operator enters it and the store keeps it. */
export interface ApplicantDetails {
  kind: ApplicationKind;
  contractNo: string;
  /** Romanised, e.g. `Souken Tarou`. */
  name: string;
  /** The company's English name. */
  company: string;
  email: string;
  years: number;
}

export interface NewApplication extends ApplicantDetails {
  tokenSerial: string | null;
  approved: boolean;
  pinHash: string;
}

export type InsertCertificateResult = { inserted: true; certificate: CertificateRecord } | { inserted: false; certificate: CertificateRecord };

const now = (): string => new Date().toISOString();

// The enrollment path's queries, compiled once (prepared-query.ts explains why).
const applicationByNo = new PreparedQuery<{ applicationNo: string }, ApplicationRecord, CaDatabase>((db, param) =>
  db.selectFrom('applications').selectAll().where('application_no', '=', param('applicationNo')),
);
const certificateByApplication = new PreparedQuery<{ applicationNo: string }, CertificateRecord, CaDatabase>((db, param) =>
  db.selectFrom('certificates').selectAll().where('application_no', '=', param('applicationNo')),
);
const insertCertificateRow = new PreparedQuery<CertificateRecord, unknown, CaDatabase>((db, param) =>
  db.insertInto('certificates').values({
    serial: param('serial'),
    application_no: param('application_no'),
    public_key_sha256: param('public_key_sha256'),
    der: param('der'),
    not_before: param('not_before'),
    not_after: param('not_after'),
    issued_at: param('issued_at'),
    revoked_at: param('revoked_at'),
    revocation_reason: param('revocation_reason'),
  }),
);
type AuditRow = Insertable<AuditLogTable>;
const insertAuditRow = new PreparedQuery<Required<Omit<AuditRow, 'id'>>, unknown, CaDatabase>((db, param) =>
  db.insertInto('audit_log').values({
    at: param('at'),
    event: param('event'),
    application_no: param('application_no'),
    certificate_serial: param('certificate_serial'),
    token_serial: param('token_serial'),
    client: param('client'),
    detail: param('detail'),
  }),
);

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export class CaStore {
  constructor(
    private readonly db: Kysely<CaDatabase>,
    readonly dialect: Dialect,
    private readonly inTransaction = false,
  ) {}

  /** Runs `work` atomically; inside, use the store handed in. */
  async transaction<T>(work: (store: CaStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction().execute((trx: Transaction<CaDatabase>) => work(new CaStore(trx, this.dialect, true)));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ── audit ─────────────────────────────────────────────────────────────────────────
  async appendAudit(entry: AuditEntry): Promise<void> {
    await insertAuditRow.execute(this.db, this.dialect, {
      at: now(),
      event: entry.event,
      application_no: entry.applicationNo ?? null,
      certificate_serial: entry.certificateSerial ?? null,
      token_serial: entry.tokenSerial ?? null,
      client: entry.client ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    });
  }

  async listAudit(filter: { applicationNo?: string } = {}): Promise<AuditRecord[]> {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('id');
    if (filter.applicationNo) q = q.where('application_no', '=', filter.applicationNo);
    return q.execute();
  }

  // ── applications ─────────────────────────────────────────────────────────────────
  /**
   * Adds an application with the next number of `day` and a fresh, unique user ID
   * (`newUserId` is retried on the rare collision).
   */
  async addApplication(input: NewApplication, day: string, newUserId: () => string, formatNo: (day: string, seq: number) => string): Promise<ApplicationRecord> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.transaction(async (s) => {
          const seq = await s.db
            .insertInto('application_sequences')
            .values({ day, last: 1 })
            .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql`application_sequences.last + 1` }))
            .returning('last')
            .executeTakeFirstOrThrow();
          const createdAt = now();
          const row: ApplicationTable = {
            application_no: formatNo(day, seq.last),
            kind: input.kind,
            contract_no: input.contractNo,
            user_id: newUserId(),
            name: input.name,
            company: input.company,
            email: input.email,
            years: input.years,
            token_serial: input.tokenSerial,
            approved_at: input.approved ? createdAt : null,
            pin_hash: input.pinHash,
            pin_failures: 0,
            pin_locked_at: null,
            stored_at: null,
            created_at: createdAt,
          };
          await s.db.insertInto('applications').values(row).execute();
          await s.appendAudit({
            event: 'applicationAdded',
            applicationNo: row.application_no,
            ...(row.token_serial ? { tokenSerial: row.token_serial } : {}),
            detail: { kind: row.kind, userId: row.user_id, approved: input.approved },
          });
          return row;
        });
      } catch (error) {
        if (attempt < 5 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  async getApplication(applicationNo: string): Promise<ApplicationRecord | undefined> {
    return applicationByNo.executeTakeFirst(this.db, this.dialect, { applicationNo });
  }

  async listApplications(): Promise<ApplicationRecord[]> {
    return this.db.selectFrom('applications').selectAll().orderBy('application_no').execute();
  }

  /** The newest application for this token whose certificate is not yet stored. */
  async pendingForToken(tokenSerial: string): Promise<ApplicationRecord | undefined> {
    return this.db
      .selectFrom('applications')
      .selectAll()
      .where('token_serial', '=', tokenSerial)
      .where('stored_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('application_no', 'desc')
      .executeTakeFirst();
  }

  async approve(applicationNo: string): Promise<ApplicationRecord | undefined> {
    return this.transaction(async (s) => {
      const row = await s.db
        .updateTable('applications')
        .set({ approved_at: sql<string>`coalesce(approved_at, ${now()})` })
        .where('application_no', '=', applicationNo)
        .returningAll()
        .executeTakeFirst();
      if (row) await s.appendAudit({ event: 'applicationApproved', applicationNo });
      return row;
    });
  }

  /**
   * Counts one wrong storage PIN atomically; locks the application at `limit`.
   * Answers the counts after this failure.
   */
  async recordPinFailure(applicationNo: string, limit: number, client?: string): Promise<{ failures: number; locked: boolean }> {
    return this.transaction(async (s) => {
      const at = now();
      const row = await s.db
        .updateTable('applications')
        .set({
          pin_failures: sql<number>`pin_failures + 1`,
          pin_locked_at: sql<string | null>`case when pin_failures + 1 >= ${limit} then coalesce(pin_locked_at, ${at}) else pin_locked_at end`,
        })
        .where('application_no', '=', applicationNo)
        .returning(['pin_failures', 'pin_locked_at'])
        .executeTakeFirstOrThrow();
      const locked = row.pin_locked_at !== null;
      const audit = { applicationNo, ...(client ? { client } : {}) };
      await s.appendAudit({ event: 'storagePinFailure', ...audit, detail: { failures: row.pin_failures, limit } });
      if (locked && row.pin_failures === limit) await s.appendAudit({ event: 'storagePinLocked', ...audit, detail: { failures: row.pin_failures } });
      return { failures: row.pin_failures, locked };
    });
  }

  /** A new storage PIN: clears failures and the lock. */
  async replacePin(applicationNo: string, pinHash: string): Promise<ApplicationRecord | undefined> {
    return this.transaction(async (s) => {
      const row = await s.db
        .updateTable('applications')
        .set({ pin_hash: pinHash, pin_failures: 0, pin_locked_at: null })
        .where('application_no', '=', applicationNo)
        .returningAll()
        .executeTakeFirst();
      if (row) await s.appendAudit({ event: 'storagePinReplaced', applicationNo });
      return row;
    });
  }

  /** Spends the storage PIN: the certificate is on the token. Idempotent. */
  async markStored(applicationNo: string, certificateSerial: string, client?: string): Promise<ApplicationRecord> {
    return this.transaction(async (s) => {
      const row = await s.db
        .updateTable('applications')
        .set({ stored_at: sql<string>`coalesce(stored_at, ${now()})` })
        .where('application_no', '=', applicationNo)
        .returningAll()
        .executeTakeFirstOrThrow();
      await s.appendAudit({ event: 'certificateStored', applicationNo, certificateSerial, ...(client ? { client } : {}) });
      return row;
    });
  }

  // ── certificates ─────────────────────────────────────────────────────────────────
  async certificateForApplication(applicationNo: string): Promise<CertificateRecord | undefined> {
    return certificateByApplication.executeTakeFirst(this.db, this.dialect, { applicationNo });
  }

  async getCertificate(serial: string): Promise<CertificateRecord | undefined> {
    return this.db.selectFrom('certificates').selectAll().where('serial', '=', serial).executeTakeFirst();
  }

  /**
   * One certificate per application: when another request won the race, answers the
   * certificate already there (the caller compares keys). `detail` adds non-secret
   * facts to the audit line (a renewal names the certificate it renews).
   */
  async insertCertificate(cert: CertificateRecord, client?: string, detail: Record<string, string> = {}): Promise<InsertCertificateResult> {
    try {
      await this.transaction(async (s) => {
        await insertCertificateRow.execute(s.db, s.dialect, cert);
        await s.appendAudit({
          event: 'certificateIssued',
          applicationNo: cert.application_no,
          certificateSerial: cert.serial,
          ...(client ? { client } : {}),
          detail: { notAfter: cert.not_after, ...detail },
        });
      });
      return { inserted: true, certificate: cert };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.certificateForApplication(cert.application_no);
      if (!existing) throw error;
      return { inserted: false, certificate: existing };
    }
  }

  async revokeCertificate(serial: string, reason: number): Promise<CertificateRecord | undefined> {
    return this.transaction(async (s) => {
      const row = await s.db
        .updateTable('certificates')
        .set({ revoked_at: sql<string>`coalesce(revoked_at, ${now()})`, revocation_reason: sql<number>`coalesce(revocation_reason, ${reason})` })
        .where('serial', '=', serial)
        .returningAll()
        .executeTakeFirst();
      if (row) await s.appendAudit({ event: 'certificateRevoked', applicationNo: row.application_no, certificateSerial: serial, detail: { reason } });
      return row;
    });
  }

  async listRevoked(): Promise<CertificateRecord[]> {
    return this.db.selectFrom('certificates').selectAll().where('revoked_at', 'is not', null).orderBy('revoked_at').execute();
  }

  async listCertificates(): Promise<CertificateRecord[]> {
    return this.db.selectFrom('certificates').selectAll().orderBy('issued_at').execute();
  }

  // ── CRLs ─────────────────────────────────────────────────────────────────────────
  async latestCrl(): Promise<CrlRecord | undefined> {
    return this.db.selectFrom('crls').selectAll().orderBy('number', 'desc').limit(1).executeTakeFirst();
  }

  async nextCrlNumber(): Promise<number> {
    const latest = await this.db.selectFrom('crls').select('number').orderBy('number', 'desc').limit(1).executeTakeFirst();
    return (latest?.number ?? 0) + 1;
  }

  /** False when another server saved the same number first (theirs is as good). */
  async saveCrl(crl: CrlRecord): Promise<boolean> {
    try {
      await this.db.insertInto('crls').values(crl).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  // ── tokens ───────────────────────────────────────────────────────────────────────
  async saveToken(token: TokenRecord): Promise<void> {
    await this.transaction(async (s) => {
      await s.db
        .insertInto('tokens')
        .values(token)
        .onConflict((oc) => oc.column('serial').doUpdateSet({ label: token.label, so_pin_sealed: token.so_pin_sealed, provisioned_at: token.provisioned_at }))
        .execute();
      await s.appendAudit({ event: 'tokenProvisioned', tokenSerial: token.serial, detail: { label: token.label } });
    });
  }

  async getToken(serial: string): Promise<TokenRecord | undefined> {
    return this.db.selectFrom('tokens').selectAll().where('serial', '=', serial).executeTakeFirst();
  }
}
