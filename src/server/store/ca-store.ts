/**
 * Everything the CA remembers, behind one small contract that SQLite and PostgreSQL
 * both satisfy (test/integration/server/store-contract.test.ts runs the same tests on
 * each). State changes that must be recorded write their audit line in the same
 * transaction: a record is never half-written, and never unaudited.
 */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import { PreparedQuery } from './prepared-query.js';
import { UnlockCodeStore } from './unlock-code-store.js';
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

/**
 * An application with its storage-PIN attempt state as it stands now: a lock whose
 * time has run out reads as no lock and no failures (the next try starts afresh).
 */
export type ApplicationRecord = Selectable<ApplicationTable> & { pin_failures: number; pin_locked_at: string | null };
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
  | 'tokenProvisioned'
  | 'unlockCodeIssued'
  | 'unlockCodeFailure'
  | 'unlockCodeSpent'
  | 'unlockSoPinReleased'
  | 'tokenUnlocked'
  | 'contractsImported'
  | 'revocationRequested'
  | 'revocationConfirmed'
  | 'storagePinMailed'
  | 'unlockCodeMailed'
  | 'portalProofAccepted'
  /** A mail about a committed application could not be sent (mail-after-commit.ts). */
  | 'mailFailed';

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

/** What an issuance must still hold when its certificate is inserted (CaStore.insertCertificate). */
export interface IssuanceConditions {
  /** For the audit line. */
  client?: string | undefined;
  detail?: Record<string, string> | undefined;
  /**
   * The certificate a renewal renews (simplereenroll): issued only while that one stands
   * unrevoked, decided in this transaction (else RenewedCertificateRevoked). On PostgreSQL
   * its row is share-locked, so a revocation racing this one waits for it, or this one
   * sees the revocation; SQLite runs one writer at a time.
   */
  renews?: string | undefined;
  /**
   * The storage PIN hash the request was checked against: issued only while the
   * application still has it (else StoragePinReplaced) — an operator's new PIN
   * (`ca app new-pin`, usually because the old one leaked) landing while this request
   * ran (scrypt, signing) stops it.
   */
  pinHash?: string | undefined;
}

/** The application's storage PIN was replaced while an issuance checked against the old one ran: nothing was inserted. */
export class StoragePinReplaced extends Error {
  constructor(readonly applicationNo: string) {
    super(`application ${applicationNo}: its storage PIN was replaced meanwhile`);
    this.name = 'StoragePinReplaced';
  }
}

/** A renewal whose old certificate was revoked (or is gone) by the time it was to be issued: nothing was inserted. */
export class RenewedCertificateRevoked extends Error {
  constructor(readonly serial: string) {
    super(`certificate ${serial} is revoked: no renewal is issued for it`);
    this.name = 'RenewedCertificateRevoked';
  }
}

const now = (): string => new Date().toISOString();

// The enrollment path's queries, compiled once (prepared-query.ts explains why).
type ApplicationRow = Selectable<ApplicationTable> & { failures: number | null; locked_at: string | null; locked_until: string | null };
const withPinAttempts = (db: Kysely<CaDatabase>) =>
  db
    .selectFrom('applications')
    .leftJoin('pin_attempts', 'pin_attempts.application_no', 'applications.application_no')
    .selectAll('applications')
    .select(['pin_attempts.failures', 'pin_attempts.locked_at', 'pin_attempts.locked_until']);
const applicationByNo = new PreparedQuery<{ applicationNo: string }, ApplicationRow, CaDatabase>((db, param) =>
  withPinAttempts(db).where('applications.application_no', '=', param('applicationNo')),
);

function toApplicationRecord(row: ApplicationRow, at = now()): ApplicationRecord {
  const { failures, locked_at, locked_until, ...application } = row;
  const expired = locked_at !== null && locked_until !== null && locked_until <= at;
  return { ...application, pin_failures: expired ? 0 : (failures ?? 0), pin_locked_at: expired ? null : locked_at };
}

/**
 * Why a reservation was refused: `locked`; `finalTry` — the check would (or, with others
 * in flight, could) be the last try before the lock and the user did not confirm it;
 * otherwise the remaining tries are all being checked right now.
 */
export type PinReservation = { reserved: true } | { reserved: false; locked: boolean; finalTry: boolean };

export interface PinAttemptRules {
  limit: number;
  /** How long a lock lasts; 0 = until the operator issues a new PIN. */
  lockSeconds: number;
  /** A reservation older than this was left by a server that died mid-check. */
  staleAfterSeconds: number;
}
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

/** How many numbers and user IDs addApplication draws before it gives up (a collision is ~1e-8). */
const ADD_APPLICATION_ATTEMPTS = 6;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export class CaStore {
  constructor(
    /** The portal's store (src/server/portal) shares this connection and its transactions. */
    readonly db: Kysely<CaDatabase>,
    readonly dialect: Dialect,
    private readonly inTransaction = false,
    /** What closes the database (openDatabase's close: the checkpoint worker first). */
    private readonly closeDatabase: () => Promise<void> = () => this.db.destroy(),
  ) {}

  /** Runs `work` atomically; inside, use the store handed in. */
  async transaction<T>(work: (store: CaStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.db.transaction().execute((trx: Transaction<CaDatabase>) => work(new CaStore(trx, this.dialect, true)));
  }

  async close(): Promise<void> {
    await this.closeDatabase();
  }

  /** The one-time unlock codes (unlock-code-store.ts), on this store's connection or transaction. */
  get unlockCodes(): UnlockCodeStore {
    return new UnlockCodeStore(this.db, (work) => this.transaction((store) => work(store.db, store)));
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
   * Adds an application with the next number of `day` and a fresh, unique user ID.
   * A number or user ID already taken (a user ID drawn twice, ~1 in 10^8 per pair; a day's
   * sequence behind its rows) is skipped by ON CONFLICT DO NOTHING and the insert tried
   * again with the next number and a new ID, in the same transaction: PostgreSQL aborts a
   * transaction at its first error, so a retry after a unique violation could not run in
   * a caller's transaction (the portal's), and the applicant got a 500.
   */
  async addApplication(input: NewApplication, day: string, newUserId: () => string, formatNo: (day: string, seq: number) => string): Promise<ApplicationRecord> {
    return this.transaction(async (s) => {
      for (let attempt = 0; attempt < ADD_APPLICATION_ATTEMPTS; attempt++) {
        const seq = await s.db
          .insertInto('application_sequences')
          .values({ day, last: 1 })
          .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql`application_sequences.last + 1` }))
          .returning('last')
          .executeTakeFirstOrThrow();
        const createdAt = now();
        const row: Selectable<ApplicationTable> = {
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
          stored_at: null,
          created_at: createdAt,
        };
        const inserted = await s.db.insertInto('applications').values(row).onConflict((oc) => oc.doNothing()).returning('application_no').executeTakeFirst();
        if (!inserted) continue;
        // A number strangers tried before it existed starts clean.
        await s.db.deleteFrom('pin_attempts').where('application_no', '=', row.application_no).execute();
        await s.appendAudit({
          event: 'applicationAdded',
          applicationNo: row.application_no,
          ...(row.token_serial ? { tokenSerial: row.token_serial } : {}),
          detail: { kind: row.kind, userId: row.user_id, approved: input.approved },
        });
        return { ...row, pin_failures: 0, pin_locked_at: null };
      }
      throw new Error(`no free application number and user ID for ${day} after ${ADD_APPLICATION_ATTEMPTS} tries`);
    });
  }

  async getApplication(applicationNo: string): Promise<ApplicationRecord | undefined> {
    const row = await applicationByNo.executeTakeFirst(this.db, this.dialect, { applicationNo });
    return row && toApplicationRecord(row);
  }

  async listApplications(): Promise<ApplicationRecord[]> {
    const at = now();
    return (await withPinAttempts(this.db).orderBy('applications.application_no').execute()).map((row) => toApplicationRecord(row, at));
  }

  /** The newest application for this token whose certificate is not yet stored. */
  async pendingForToken(tokenSerial: string): Promise<ApplicationRecord | undefined> {
    const row = await withPinAttempts(this.db)
      .where('applications.token_serial', '=', tokenSerial)
      .where('applications.stored_at', 'is', null)
      .orderBy('applications.created_at', 'desc')
      .orderBy('applications.application_no', 'desc')
      .executeTakeFirst();
    return row && toApplicationRecord(row);
  }

  /** The token's newest application, stored or not: whose address the CA has on record for it. */
  async latestForToken(tokenSerial: string): Promise<ApplicationRecord | undefined> {
    const row = await withPinAttempts(this.db)
      .where('applications.token_serial', '=', tokenSerial)
      .orderBy('applications.created_at', 'desc')
      .orderBy('applications.application_no', 'desc')
      .executeTakeFirst();
    return row && toApplicationRecord(row);
  }

  /** Approves once: the first approval's time stays, and only the call that approved writes the audit line. */
  async approve(applicationNo: string): Promise<ApplicationRecord | undefined> {
    return this.transaction(async (s) => {
      const row = await s.db
        .updateTable('applications')
        .set({ approved_at: now() })
        .where('application_no', '=', applicationNo)
        .where('approved_at', 'is', null)
        .returning('application_no')
        .executeTakeFirst();
      if (!row) return s.getApplication(applicationNo);
      await s.appendAudit({ event: 'applicationApproved', applicationNo });
      return s.getApplication(applicationNo);
    });
  }

  /**
   * Reserves one storage-PIN check before its scrypt runs, atomically across servers:
   * granted only while decided failures plus checks in flight stay under the limit and
   * no lock is in force (an expired lock starts the count afresh). Works for any
   * well-formed number, existing or not. Unless `finalTryConfirmed`, a check that
   * would take the last try (decided failures plus checks in flight reaching limit − 1)
   * is refused in the same statement, so no interleaving of parallel requests spends
   * the final try without the user's word. Answers why when refused: locked, the final
   * try not confirmed, or the remaining tries are all being checked right now.
   */
  async reservePinAttempt(applicationNo: string, rules: PinAttemptRules, finalTryConfirmed = true): Promise<PinReservation> {
    const at = now();
    const stale = new Date(Date.now() - rules.staleAfterSeconds * 1000).toISOString();
    const expired = sql`(pin_attempts.locked_until is not null and pin_attempts.locked_until <= ${at})`;
    const inFlight = sql`(case when pin_attempts.reserved_at < ${stale} then 0 else pin_attempts.in_flight end)`;
    // With a limit of 1 every check is the final one (a first check or one after an
    // expired lock too, which the statement below would insert or restart unconditionally).
    if (!finalTryConfirmed && rules.limit <= 1) return this.refusedReservation(applicationNo, rules, finalTryConfirmed, at, stale);
    const granted = await sql<{ in_flight: number }>`
      insert into pin_attempts (application_no, failures, in_flight, reserved_at, locked_at, locked_until)
      values (${applicationNo}, 0, 1, ${at}, null, null)
      on conflict (application_no) do update set
        failures = case when ${expired} then 0 else pin_attempts.failures end,
        locked_at = case when ${expired} then null else pin_attempts.locked_at end,
        locked_until = case when ${expired} then null else pin_attempts.locked_until end,
        in_flight = case when ${expired} then 1 else ${inFlight} + 1 end,
        reserved_at = ${at}
      where ${expired} or (pin_attempts.locked_at is null and pin_attempts.failures + ${inFlight} < ${finalTryConfirmed ? rules.limit : rules.limit - 1})
      returning in_flight`.execute(this.db);
    if (granted.rows.length > 0) return { reserved: true };
    return this.refusedReservation(applicationNo, rules, finalTryConfirmed, at, stale);
  }

  private async refusedReservation(applicationNo: string, rules: PinAttemptRules, finalTryConfirmed: boolean, at: string, stale: string): Promise<PinReservation> {
    const state = await this.db
      .selectFrom('pin_attempts')
      .select(['locked_at', 'locked_until', 'failures', 'in_flight', 'reserved_at'])
      .where('application_no', '=', applicationNo)
      .executeTakeFirst();
    if (!state) return { reserved: false, locked: false, finalTry: !finalTryConfirmed };
    const locked = state.locked_at != null && !(state.locked_until !== null && state.locked_until <= at);
    if (locked) return { reserved: false, locked, finalTry: false };
    const failures = state.locked_at != null ? 0 : state.failures; // an expired lock starts afresh
    const inFlightNow = state.reserved_at !== null && state.reserved_at < stale ? 0 : state.in_flight;
    return { reserved: false, locked: false, finalTry: !finalTryConfirmed && failures + inFlightNow === rules.limit - 1 };
  }

  /** A reserved check found the right PIN: its reservation is given back, nothing counted. */
  async releasePinAttempt(applicationNo: string): Promise<void> {
    await this.db
      .updateTable('pin_attempts')
      .set({ in_flight: sql<number>`case when in_flight > 0 then in_flight - 1 else 0 end` })
      .where('application_no', '=', applicationNo)
      .execute();
  }

  /**
   * A reserved check found a wrong PIN: counted exactly once, with its audit line in the
   * same transaction; the failure that reaches the limit locks. Answers the counts after it.
   */
  async recordPinFailure(applicationNo: string, rules: PinAttemptRules, client?: string): Promise<{ failures: number; locked: boolean }> {
    return this.transaction(async (s) => {
      const at = now();
      const until = rules.lockSeconds > 0 ? new Date(Date.parse(at) + rules.lockSeconds * 1000).toISOString() : null;
      const reachesLimit = sql<boolean>`pin_attempts.failures + 1 >= ${rules.limit} and pin_attempts.locked_at is null`;
      const row = await sql<{ failures: number; locked_at: string | null; locked_now: number }>`
        insert into pin_attempts (application_no, failures, in_flight, reserved_at, locked_at, locked_until)
        values (${applicationNo}, 1, 0, ${at}, ${rules.limit <= 1 ? at : null}, ${rules.limit <= 1 ? until : null})
        on conflict (application_no) do update set
          failures = pin_attempts.failures + 1,
          in_flight = case when pin_attempts.in_flight > 0 then pin_attempts.in_flight - 1 else 0 end,
          locked_at = case when ${reachesLimit} then ${at} else pin_attempts.locked_at end,
          locked_until = case when ${reachesLimit} then ${until} else pin_attempts.locked_until end
        returning failures, locked_at`.execute(s.db);
      const { failures, locked_at: lockedAt } = row.rows[0]!;
      const audit = { applicationNo, ...(client ? { client } : {}) };
      await s.appendAudit({ event: 'storagePinFailure', ...audit, detail: { failures, limit: rules.limit } });
      if (lockedAt === at && failures === rules.limit) await s.appendAudit({ event: 'storagePinLocked', ...audit, detail: { failures, lockSeconds: rules.lockSeconds } });
      return { failures, locked: lockedAt !== null };
    });
  }

  /**
   * A new storage PIN: clears failures and the lock. Refused (undefined) once the
   * certificate is stored, atomically: the PIN it replaced was spent.
   */
  async replacePin(applicationNo: string, pinHash: string): Promise<ApplicationRecord | undefined> {
    return this.transaction(async (s) => {
      const row = await s.db
        .updateTable('applications')
        .set({ pin_hash: pinHash })
        .where('application_no', '=', applicationNo)
        .where('stored_at', 'is', null)
        .returning('application_no')
        .executeTakeFirst();
      if (!row) return undefined;
      await s.db.updateTable('pin_attempts').set({ failures: 0, locked_at: null, locked_until: null }).where('application_no', '=', applicationNo).execute();
      await s.appendAudit({ event: 'storagePinReplaced', applicationNo });
      return s.getApplication(applicationNo);
    });
  }

  /**
   * Spends the storage PIN: the certificate is on the token. Idempotent: the first time
   * stays, and only the call that stored writes the audit line (one conditional UPDATE
   * decides which, on every server); a repeat answers the application as it stands.
   */
  async markStored(applicationNo: string, certificateSerial: string, client?: string): Promise<ApplicationRecord> {
    return this.transaction(async (s) => {
      const stored = await s.db
        .updateTable('applications')
        .set({ stored_at: now() })
        .where('application_no', '=', applicationNo)
        .where('stored_at', 'is', null)
        .returning('application_no')
        .executeTakeFirst();
      if (stored) await s.appendAudit({ event: 'certificateStored', applicationNo, certificateSerial, ...(client ? { client } : {}) });
      const row = await s.getApplication(applicationNo);
      if (!row) throw new Error(`no application ${applicationNo}`);
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
  async insertCertificate(cert: CertificateRecord, conditions: IssuanceConditions = {}): Promise<InsertCertificateResult> {
    const { client, detail = {}, renews, pinHash } = conditions;
    try {
      await this.transaction(async (s) => {
        // Written first, so that on SQLite the transaction holds the write lock before it
        // reads (a read-then-write transaction there fails outright if another process
        // wrote in between); a refusal below rolls the row back.
        await insertCertificateRow.execute(s.db, s.dialect, cert);
        if (renews !== undefined && !(await s.standsUnrevoked(renews))) throw new RenewedCertificateRevoked(renews);
        if (pinHash !== undefined && !(await s.pinStillCurrent(cert.application_no, pinHash))) throw new StoragePinReplaced(cert.application_no);
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

  /**
   * Inside a transaction that has already written (SQLite: so it holds the write lock):
   * whether the application still has the storage PIN hash a request was checked
   * against. On PostgreSQL the application row is share-locked until
   * the transaction ends, so an operator's new PIN racing the issuance either waits for
   * its commit or is seen here.
   */
  async pinStillCurrent(applicationNo: string, pinHash: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('applications')
      .select('pin_hash')
      .where('application_no', '=', applicationNo)
      .$if(this.dialect === 'postgres', (q) => q.forShare())
      .executeTakeFirst();
    return row?.pin_hash === pinHash;
  }

  /**
   * Inside a transaction that has already written (SQLite: so it holds the write lock):
   * whether the certificate exists and is unrevoked, and on PostgreSQL its row share-locked
   * until the transaction ends, so a revocation racing it either waits for the commit or is
   * seen here. For decisions that must not follow a revocation (a renewal of it).
   */
  async standsUnrevoked(serial: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('certificates')
      .select('revoked_at')
      .where('serial', '=', serial)
      .$if(this.dialect === 'postgres', (q) => q.forShare())
      .executeTakeFirst();
    return row !== undefined && row.revoked_at === null;
  }

  /**
   * Revokes once: the first revocation's time and reason stay. Only the call that
   * revoked writes the audit line (one conditional UPDATE decides which, on every
   * server); a later call answers the certificate as it stands, already revoked.
   */
  async revokeCertificate(serial: string, reason: number): Promise<CertificateRecord | undefined> {
    return this.transaction(async (s) => {
      const row = await s.db
        .updateTable('certificates')
        .set({ revoked_at: now(), revocation_reason: reason })
        .where('serial', '=', serial)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) return s.getCertificate(serial);
      await s.appendAudit({ event: 'certificateRevoked', applicationNo: row.application_no, certificateSerial: serial, detail: { reason } });
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

  /**
   * Runs `work` in a transaction holding the CRL lock (a row write: a row lock on
   * PostgreSQL, the write lock on SQLite), so that across servers the revocations read
   * and the number taken belong together: a higher number never lists fewer revocations.
   */
  async underCrlLock<T>(work: (store: CaStore) => Promise<T>): Promise<T> {
    return this.transaction(async (s) => {
      await s.db.updateTable('ca_locks').set({ taken: sql<number>`taken + 1` }).where('name', '=', 'crl').execute();
      return work(s);
    });
  }

  async listCrls(): Promise<CrlRecord[]> {
    return this.db.selectFrom('crls').selectAll().orderBy('number').execute();
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
        .onConflict((oc) =>
          oc.column('serial').doUpdateSet({
            label: token.label,
            so_pin_sealed: token.so_pin_sealed,
            provisioned_at: token.provisioned_at,
            possession_tag_sha256: token.possession_tag_sha256,
          }),
        )
        .execute();
      await s.appendAudit({ event: 'tokenProvisioned', tokenSerial: token.serial, detail: { label: token.label } });
    });
  }

  async getToken(serial: string): Promise<TokenRecord | undefined> {
    return this.db.selectFrom('tokens').selectAll().where('serial', '=', serial).executeTakeFirst();
  }
}
