/**
 * The unlock codes' rows. Every decision on a code is one conditional UPDATE in the
 * database — reserving a try before the code is checked, spending the code at the limit,
 * releasing the SO PIN, marking the code used — so two CA servers (or two requests) can
 * never check more codes than the limit allows, nor release with a code another request
 * just spent. Each state change writes its audit line in the same transaction.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CaStore } from './ca-store.js';
import type { CaDatabase } from './schema.js';
import type { UnlockCodeTable } from './unlock-code-table.js';

export type UnlockCodeRecord = Selectable<UnlockCodeTable>;

type InTransaction = <T>(work: (db: Kysely<CaDatabase>, store: CaStore) => Promise<T>) => Promise<T>;

export class UnlockCodeStore {
  constructor(
    private readonly db: Kysely<CaDatabase>,
    private readonly inTransaction: InTransaction,
  ) {}

  async get(tokenSerial: string): Promise<UnlockCodeRecord | undefined> {
    return this.db.selectFrom('unlock_codes').selectAll().where('token_serial', '=', tokenSerial).executeTakeFirst();
  }

  /** A new code for the token, replacing any earlier one (spent, used or not). */
  async issue(tokenSerial: string, codeHash: string, issuedAt: string, expiresAt: string): Promise<void> {
    await this.inTransaction(async (db, store) => {
      const row = { code_hash: codeHash, failures: 0, in_flight: 0, reserved_at: null, issued_at: issuedAt, expires_at: expiresAt, spent_at: null, used_at: null };
      await db
        .insertInto('unlock_codes')
        .values({ token_serial: tokenSerial, ...row })
        .onConflict((conflict) => conflict.column('token_serial').doUpdateSet(row))
        .execute();
      await store.appendAudit({ event: 'unlockCodeIssued', tokenSerial, detail: { expiresAt } });
    });
  }

  /**
   * Reserves one check before the code is checked (scrypt), granted only while decided
   * failures plus checks in flight stay under the limit: parallel guesses can never run
   * more checks than the limit allows, and a check in flight (perhaps the right code) is
   * never counted as a failure before it is decided. A reservation older than
   * `staleAfterSeconds` was left by a server that died mid-check and no longer holds a
   * slot. Answers whether it was granted and, if not, whether the code is spent (or
   * used, replaced, gone) rather than its remaining tries all being checked right now.
   */
  async reserveTry(tokenSerial: string, codeHash: string, limit: number, staleAfterSeconds: number): Promise<{ reserved: true } | { reserved: false; spent: boolean }> {
    const at = new Date().toISOString();
    const stale = new Date(Date.now() - staleAfterSeconds * 1000).toISOString();
    const inFlight = sql<number>`(case when reserved_at < ${stale} then 0 else in_flight end)`;
    const row = await this.db
      .updateTable('unlock_codes')
      .set({ in_flight: sql<number>`${inFlight} + 1`, reserved_at: at })
      .where('token_serial', '=', tokenSerial)
      .where('code_hash', '=', codeHash)
      .where('spent_at', 'is', null)
      .where('used_at', 'is', null)
      .where(sql<boolean>`failures + ${inFlight} < ${limit}`)
      .returning('in_flight')
      .executeTakeFirst();
    if (row) return { reserved: true };
    const now = await this.get(tokenSerial);
    const live = now !== undefined && now.code_hash === codeHash && now.spent_at === null && now.used_at === null && now.failures < limit;
    return { reserved: false, spent: !live };
  }

  /** The reserved check found the right code: its reservation is given back, nothing counted. */
  async releaseTry(tokenSerial: string, codeHash: string): Promise<void> {
    await this.db
      .updateTable('unlock_codes')
      .set({ in_flight: sql<number>`case when in_flight > 0 then in_flight - 1 else 0 end` })
      .where('token_serial', '=', tokenSerial)
      .where('code_hash', '=', codeHash)
      .execute();
  }

  /**
   * The reserved check found a wrong code: counted exactly once, with its audit line in
   * the same transaction; the failure that reaches the limit spends the code. Answers
   * the failures counted and whether the code is spent now.
   */
  async recordWrongTry(tokenSerial: string, codeHash: string, limit: number, client?: string): Promise<{ failures: number; spent: boolean }> {
    return this.inTransaction(async (db, store) => {
      const at = new Date().toISOString();
      const row = await db
        .updateTable('unlock_codes')
        .set({
          failures: sql<number>`failures + 1`,
          in_flight: sql<number>`case when in_flight > 0 then in_flight - 1 else 0 end`,
          spent_at: sql<string | null>`case when spent_at is null and failures + 1 >= ${limit} then ${at} else spent_at end`,
        })
        .where('token_serial', '=', tokenSerial)
        .where('code_hash', '=', codeHash)
        .returning(['failures', 'spent_at'])
        .executeTakeFirst();
      // Replaced meanwhile: the new code is not charged for a try of the old one.
      if (!row) return { failures: limit, spent: true };
      const audit = { tokenSerial, ...(client ? { client } : {}) };
      await store.appendAudit({ event: 'unlockCodeFailure', ...audit, detail: { failures: row.failures, limit } });
      if (row.spent_at === at) await store.appendAudit({ event: 'unlockCodeSpent', ...audit, detail: { failures: row.failures } });
      return { failures: row.failures, spent: row.spent_at !== null };
    });
  }

  /**
   * The right code, still live and unexpired at this instant: the caller may release the
   * SO PIN. Checked and audited in one statement + one audit line; false when the code
   * was spent, used, replaced or expired meanwhile.
   */
  async release(tokenSerial: string, codeHash: string, now: Date, client?: string): Promise<boolean> {
    return this.inTransaction(async (db, store) => {
      const live = await db
        .updateTable('unlock_codes')
        .set({ failures: sql<number>`failures` })
        .where('token_serial', '=', tokenSerial)
        .where('code_hash', '=', codeHash)
        .where('spent_at', 'is', null)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .returning('token_serial')
        .executeTakeFirst();
      if (!live) return false;
      await store.appendAudit({ event: 'unlockSoPinReleased', tokenSerial, ...(client ? { client } : {}) });
      return true;
    });
  }

  /** The token is unlocked: the code has done its work and opens nothing more. */
  async markUsed(tokenSerial: string, codeHash: string, client?: string): Promise<boolean> {
    return this.inTransaction(async (db, store) => {
      const at = new Date().toISOString();
      const used = await db
        .updateTable('unlock_codes')
        .set({ used_at: at })
        .where('token_serial', '=', tokenSerial)
        .where('code_hash', '=', codeHash)
        .where('spent_at', 'is', null)
        .where('used_at', 'is', null)
        .returning('token_serial')
        .executeTakeFirst();
      if (!used) return false;
      await store.appendAudit({ event: 'tokenUnlocked', tokenSerial, ...(client ? { client } : {}) });
      return true;
    });
  }
}
