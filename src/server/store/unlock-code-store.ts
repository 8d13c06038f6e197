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
      const row = { code_hash: codeHash, failures: 0, issued_at: issuedAt, expires_at: expiresAt, spent_at: null, used_at: null };
      await db
        .insertInto('unlock_codes')
        .values({ token_serial: tokenSerial, ...row })
        .onConflict((conflict) => conflict.column('token_serial').doUpdateSet(row))
        .execute();
      await store.appendAudit({ event: 'unlockCodeIssued', tokenSerial, detail: { expiresAt } });
    });
  }

  /**
   * Reserves one try before the code is checked (scrypt), counted as a failure until
   * the check says otherwise: parallel guesses can never run more checks than the limit.
   * Answers the failures counted with this one, or undefined when no try is left (or the
   * code was spent, used or replaced meanwhile). A code re-issued meanwhile is not charged.
   */
  async reserveTry(tokenSerial: string, codeHash: string, limit: number): Promise<number | undefined> {
    const row = await this.db
      .updateTable('unlock_codes')
      .set({ failures: sql<number>`failures + 1` })
      .where('token_serial', '=', tokenSerial)
      .where('code_hash', '=', codeHash)
      .where('spent_at', 'is', null)
      .where('used_at', 'is', null)
      .where('failures', '<', limit)
      .returning('failures')
      .executeTakeFirst();
    return row?.failures;
  }

  /** The reserved try was the right code: it is given back. */
  async refundTry(tokenSerial: string, codeHash: string): Promise<void> {
    await this.db
      .updateTable('unlock_codes')
      .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
      .where('token_serial', '=', tokenSerial)
      .where('code_hash', '=', codeHash)
      .execute();
  }

  /** The reserved try was wrong: audited; the try that reached the limit spends the code. */
  async recordWrongTry(tokenSerial: string, codeHash: string, failures: number, limit: number, client?: string): Promise<{ spent: boolean }> {
    return this.inTransaction(async (db, store) => {
      const audit = { tokenSerial, ...(client ? { client } : {}) };
      await store.appendAudit({ event: 'unlockCodeFailure', ...audit, detail: { failures, limit } });
      if (failures < limit) return { spent: false };
      await db.updateTable('unlock_codes').set({ spent_at: new Date().toISOString() }).where('token_serial', '=', tokenSerial).where('code_hash', '=', codeHash).where('spent_at', 'is', null).execute();
      await store.appendAudit({ event: 'unlockCodeSpent', ...audit, detail: { failures } });
      return { spent: true };
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
