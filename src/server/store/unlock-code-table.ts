/**
 * One-time unlock codes (docs/architecture.md, Flow F; CA manual §12.1 row 6): at most one per token
 * serial, replaced when the operator issues another. The code itself is never stored:
 * `code_hash` is its scrypt hash, like a storage PIN's.
 */
import { type Kysely, type Migration } from 'kysely';

export interface UnlockCodeTable {
  token_serial: string;
  /** scrypt hash with its parameters (storage-pin.ts format); never the code. */
  code_hash: string;
  /** Wrong codes decided so far. */
  failures: number;
  /** Checks reserved and not decided yet (a right code gives its reservation back). */
  in_flight: number;
  /** When the last check was reserved: an older reservation was left by a server that died mid-check. */
  reserved_at: string | null;
  issued_at: string;
  expires_at: string;
  /** Set when the wrong-try limit was reached: the code no longer opens anything. */
  spent_at: string | null;
  /** Set when the token reported unlocked with it: the code has done its work. */
  used_at: string | null;
}

export const unlockCodeMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('unlock_codes')
      .addColumn('token_serial', 'text', (c) => c.primaryKey())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('spent_at', 'text')
      .addColumn('used_at', 'text')
      .execute();
  },
};

/**
 * A check in flight is no longer counted as a failure until it is decided: counted so,
 * four wrong codes racing the right one could spend the code (the fourth got the fifth
 * reservation and reached the limit) while the README promises five wrong entries.
 */
export const unlockCodeInFlightMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('unlock_codes').addColumn('in_flight', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('unlock_codes').addColumn('reserved_at', 'text').execute();
  },
};
