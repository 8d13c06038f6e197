/**
 * Opens the CA database named by a URL: a SQLite file (embedded default) or
 * PostgreSQL (`postgres://…`, for several servers behind one load balancer), and
 * brings its schema up to date.
 */
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { caMigrations } from './migrations.js';
import type { CaDatabase, Dialect } from './schema.js';
import { WalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer.js';

export interface OpenedDatabase {
  db: Kysely<CaDatabase>;
  dialect: Dialect;
  /** Stops what runs beside the connection (SQLite's checkpoint worker), then closes it. */
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export interface OpenDatabaseOptions {
  /** SQLite only: the checkpoint worker's settings (wal-checkpointer.ts). */
  checkpoints?: WalCheckpointerOptions;
}

/** `target` is a SQLite file path (or `:memory:`) or a PostgreSQL URL. */
export function openDatabase(target: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  if (isPostgresUrl(target)) {
    // A request waits at most 5 s for a connection while PostgreSQL is away, then
    // answers 503 (isDatabaseUnavailable); the pool reconnects by itself when it is back.
    const pool = new pg.Pool({ connectionString: target, max: 10, connectionTimeoutMillis: 5000 });
    // A connection dropped by a restarting server is an 'error' event, on the pool for an
    // idle one, on the client for one in use (pg-pool removes its own listener while a
    // client is checked out, and Kysely adds none): without a listener either would end
    // the process. The query in flight fails (503), the dead client is dropped on
    // release, and the next query opens a new connection.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<CaDatabase>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const sqlite = new Database(target);
  // WAL lets the operator CLI read while the server writes; busy_timeout makes a
  // second process wait for the lock instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // In WAL mode NORMAL syncs at checkpoints instead of at every commit: the database
  // stays consistent after a crash or power loss, though the last commits before a power
  // loss (not a process crash) may be rolled back.
  sqlite.pragma('synchronous = NORMAL');
  // Checkpoints (copying the WAL back into the file, and its sync) run on a worker
  // thread instead of inside a COMMIT on the event loop (wal-checkpointer.ts).
  // The two know each other: Kysely's statements announce writes to the checkpointer, whose
  // catch-up runs through Kysely, in turn with the transactions.
  let checkpointer: WalCheckpointer | undefined;
  const db = new Kysely<CaDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, () => checkpointer?.noteWrite()) }) });
  if (!sqlite.memory) checkpointer = new WalCheckpointer(sqlite, target, () => sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(db), options.checkpoints);
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; the store's queries are a few fixed texts, so each
 * is prepared once and reused (better-sqlite3 statements are reusable; Kysely runs them
 * synchronously with all()/run(); the store never streams with iterate()). Each write
 * is announced to the checkpoint worker, which runs only while there are writes.
 */
function withStatementCache(sqlite: Database.Database, noteWrite: () => void): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        // Bounded: texts vary only with list lengths (IN (…)), never with values.
        if (statements.size >= 500) statements.clear();
        statements.set(text, statement);
      }
      // Kysely prepares each query as it runs it: a statement that writes is about to.
      if (!statement.readonly) noteWrite();
      return statement;
    },
  };
}

const UNAVAILABLE_CODES = new Set([
  // sockets
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  // PostgreSQL: connection exceptions, shutting down, too many connections
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300',
]);
/**
 * SQLite: another connection holds the lock past busy_timeout, or moved the database past
 * this transaction's snapshot. better-sqlite3 gives SQLite's extended code
 * (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED_SHAREDCACHE …): the primary
 * code decides, or a snapshot conflict would answer 500 instead of 503.
 */
const SQLITE_LOCK_CONFLICT = /^SQLITE_(?:BUSY|LOCKED)(?:_[A-Z]+)?$/;

/** A failure of the database's availability (try again later), not of the request or the data. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || SQLITE_LOCK_CONFLICT.test(e.code))) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i.test(message);
}

export async function migrateToLatest(opened: OpenedDatabase): Promise<void> {
  const migrator = new Migrator({ db: opened.db, provider: caMigrations(opened.dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
