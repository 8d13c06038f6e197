/**
 * Opens the CA database named by a URL: a SQLite file (embedded default) or
 * PostgreSQL (`postgres://…`, for several servers behind one load balancer), and
 * brings its schema up to date.
 */
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { caMigrations } from './migrations.js';
import type { CaDatabase, Dialect } from './schema.js';

export interface OpenedDatabase {
  db: Kysely<CaDatabase>;
  dialect: Dialect;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** `target` is a SQLite file path (or `:memory:`) or a PostgreSQL URL. */
export function openDatabase(target: string): OpenedDatabase {
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    return { db: new Kysely<CaDatabase>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  const sqlite = new Database(target);
  // WAL lets the operator CLI read while the server writes; busy_timeout makes a
  // second process wait for the lock instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return { db: new Kysely<CaDatabase>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite' };
}

export async function migrateToLatest(opened: OpenedDatabase): Promise<void> {
  const migrator = new Migrator({ db: opened.db, provider: caMigrations(opened.dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
