/**
 * Schema migrations, in code so a packaged server needs no migration files on disk.
 * The audit log is append-only in the database itself: triggers refuse UPDATE and
 * DELETE, so not even a bug in this code can rewrite history.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { portalMigration } from '../portal/portal-schema.js';
import type { Dialect } from './schema.js';
import { unlockCodeInFlightMigration, unlockCodeMigration } from './unlock-code-table.js';

function initial(dialect: Dialect): Migration {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('applications')
        .addColumn('application_no', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('contract_no', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('company', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('years', 'integer', (c) => c.notNull())
        .addColumn('token_serial', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('pin_locked_at', 'text')
        .addColumn('stored_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('applications_token_serial').on('applications').column('token_serial').execute();

      await db.schema
        .createTable('certificates')
        .addColumn('serial', 'text', (c) => c.primaryKey())
        .addColumn('application_no', 'text', (c) => c.notNull().unique().references('applications.application_no'))
        .addColumn('public_key_sha256', 'text', (c) => c.notNull())
        .addColumn('der', sql.raw(blob), (c) => c.notNull())
        .addColumn('not_before', 'text', (c) => c.notNull())
        .addColumn('not_after', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revocation_reason', 'integer')
        .execute();

      await db.schema
        .createTable('tokens')
        .addColumn('serial', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('so_pin_sealed', 'text', (c) => c.notNull())
        .addColumn('provisioned_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('application_sequences')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('crls')
        .addColumn('number', 'integer', (c) => c.primaryKey())
        .addColumn('der', sql.raw(blob), (c) => c.notNull())
        .addColumn('this_update', 'text', (c) => c.notNull())
        .addColumn('next_update', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('application_no', 'text')
        .addColumn('certificate_serial', 'text')
        .addColumn('token_serial', 'text')
        .addColumn('client', 'text')
        .addColumn('detail', 'text')
        .execute();

      if (dialect === 'sqlite') {
        for (const op of ['UPDATE', 'DELETE']) {
          await sql
            .raw(`CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
            .execute(db);
        }
      } else {
        await sql
          .raw(
            `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
          )
          .execute(db);
        await sql
          .raw(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`)
          .execute(db);
      }
    },
  };
}

/**
 * Storage-PIN attempts move to their own table, keyed by any well-formed application
 * number whether or not it exists: a stranger trying numbers sees the same counting,
 * lock and timing for a number nobody holds as for a real one (README, "Security").
 * `in_flight` counts checks reserved but not yet decided, so parallel guesses cannot
 * run more scrypt checks than the limit allows. `ca_locks` serialises CRL numbering
 * across servers.
 */
function pinAttempts(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pin_attempts')
        .addColumn('application_no', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('in_flight', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reserved_at', 'text')
        .addColumn('locked_at', 'text')
        .addColumn('locked_until', 'text')
        .execute();
      await sql`insert into pin_attempts (application_no, failures, in_flight, locked_at)
                select application_no, pin_failures, 0, pin_locked_at from applications
                where pin_failures > 0 or pin_locked_at is not null`.execute(db);
      await db.schema.alterTable('applications').dropColumn('pin_failures').execute();
      await db.schema.alterTable('applications').dropColumn('pin_locked_at').execute();

      await db.schema.createTable('ca_locks').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await sql`insert into ca_locks (name, taken) values ('crl', 0)`.execute(db);
    },
  };
}

/**
 * The SHA-256 of the possession tag `ca token provision` writes onto the token: the
 * pending lookup answers only a caller that shows the tag (README, "Security"). Null
 * for a token provisioned before this migration — it has no tag to show, so its
 * lookup answers nothing until it is provisioned again.
 */
function possessionTags(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('tokens').addColumn('possession_tag_sha256', 'text').execute();
    },
  };
}

export function caMigrations(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        '0001_initial': initial(dialect),
        '0002_pin_attempts': pinAttempts(),
        '0003_possession_tags': possessionTags(),
        '0004_unlock_codes': unlockCodeMigration,
        '0005_portal': portalMigration(dialect),
        '0006_unlock_code_in_flight': unlockCodeInFlightMigration,
      }),
  };
}
