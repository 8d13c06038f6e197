/**
 * A store query built with Kysely once and then run many times with new values.
 *
 * Kysely builds and compiles its operation tree on every call: for the few queries on
 * the enrollment path (the application, its certificate, the certificate and audit
 * inserts) that was more CPU than SQLite's own work (~200 µs of ~250 µs per issuance,
 * measured by the CA throughput bench). Here the query is built with one placeholder
 * per named value, compiled once per SQL dialect, and each run only fills the
 * parameter list in — the SQL text, and so better-sqlite3's cached statement, stays
 * the same.
 *
 * (kysely-params does this too, but pins its own Kysely 0.24 as a dependency.)
 */
import { createQueryId, type Compilable, type CompiledQuery, type Kysely } from 'kysely';
import type { Dialect } from './schema.js';

type Slot<P> = { param: keyof P } | { constant: unknown };

interface Compiled<P, R> {
  query: CompiledQuery<R>;
  slots: Slot<P>[];
}

/** Placeholder values are strings no caller could send: they carry the value's name. */
const PLACEHOLDER = '\u0000tokendesk-prepared-parameter:';

export class PreparedQuery<P extends Record<string, unknown>, R, D> {
  private readonly compiled = new Map<Dialect, Compiled<P, R>>();

  /**
   * `build` must bind every `param(…)` as a query parameter (values, comparisons), never
   * as SQL text (identifiers, sql.raw): compiling checks both.
   */
  constructor(private readonly build: (db: Kysely<D>, param: <K extends keyof P>(name: K) => P[K]) => Compilable<R>) {}

  async execute(db: Kysely<D>, dialect: Dialect, values: P): Promise<R[]> {
    const { query, slots } = this.compiledFor(db, dialect);
    const parameters = slots.map((slot) => ('param' in slot ? values[slot.param] : slot.constant));
    // A fresh id per run: Kysely plugins keep per-query state under it.
    const result = await db.executeQuery<R>({ ...query, parameters, queryId: createQueryId() });
    return result.rows;
  }

  async executeTakeFirst(db: Kysely<D>, dialect: Dialect, values: P): Promise<R | undefined> {
    return (await this.execute(db, dialect, values))[0];
  }

  private compiledFor(db: Kysely<D>, dialect: Dialect): Compiled<P, R> {
    const cached = this.compiled.get(dialect);
    if (cached) return cached;
    const named = new Set<keyof P>();
    const query = this.build(db, (name) => {
      named.add(name);
      return `${PLACEHOLDER}${String(name)}` as P[typeof name];
    }).compile();
    if (query.sql.includes(PLACEHOLDER)) throw new Error('a prepared query put a parameter into its SQL text');
    const slots = query.parameters.map((value): Slot<P> =>
      typeof value === 'string' && value.startsWith(PLACEHOLDER) ? { param: value.slice(PLACEHOLDER.length) as keyof P } : { constant: value },
    );
    for (const name of named) {
      if (!slots.some((slot) => 'param' in slot && slot.param === name)) throw new Error(`prepared query parameter ${String(name)} is not bound`);
    }
    const compiled = { query, slots };
    this.compiled.set(dialect, compiled);
    return compiled;
  }
}
