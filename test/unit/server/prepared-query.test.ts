// A prepared query runs with each call's values (not the first call's), inside and
// outside transactions, and refuses to be built in a way its placeholders cannot survive.
// (The store contract suite runs the store's prepared queries on SQLite and PostgreSQL.)
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/server/store/database.js';
import { PreparedQuery } from '../../../src/server/store/prepared-query.js';

interface Db {
  people: { id: number; name: string; note: string | null };
}

describe('PreparedQuery', () => {
  let db: Kysely<Db>;

  beforeEach(async () => {
    db = openDatabase(':memory:').db as unknown as Kysely<Db>;
    await sql`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const insert = new PreparedQuery<{ id: number; name: string; note: string | null }, unknown, Db>((d, param) =>
    d.insertInto('people').values({ id: param('id'), name: param('name'), note: param('note') }),
  );
  const byName = new PreparedQuery<{ name: string }, Db['people'], Db>((d, param) =>
    d.selectFrom('people').selectAll().where('name', '=', param('name')).where('id', '>', 0),
  );

  it('binds each call’s values; constants in the query stay', async () => {
    await insert.execute(db, 'sqlite', { id: 1, name: 'Souken Tarou', note: null });
    await insert.execute(db, 'sqlite', { id: 2, name: 'Souken Hanako', note: 'renewal' });
    expect(await byName.executeTakeFirst(db, 'sqlite', { name: 'Souken Hanako' })).toEqual({ id: 2, name: 'Souken Hanako', note: 'renewal' });
    expect(await byName.executeTakeFirst(db, 'sqlite', { name: 'Souken Tarou' })).toEqual({ id: 1, name: 'Souken Tarou', note: null });
    expect(await byName.executeTakeFirst(db, 'sqlite', { name: 'nobody' })).toBeUndefined();
  });

  it('runs in a transaction, which rolls back as a whole', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await insert.execute(trx, 'sqlite', { id: 3, name: 'in transaction', note: null });
        expect(await byName.executeTakeFirst(trx, 'sqlite', { name: 'in transaction' })).toBeDefined();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await byName.executeTakeFirst(db, 'sqlite', { name: 'in transaction' })).toBeUndefined();
  });

  it('refuses a parameter written into the SQL text', async () => {
    const rawName = new PreparedQuery<{ column: string }, unknown, Db>((d, param) => d.selectFrom('people').select(sql.raw(param('column')).as('x')));
    await expect(rawName.execute(db, 'sqlite', { column: 'name' })).rejects.toThrow(/SQL text/);
  });

  it('refuses a parameter that is asked for but never bound', async () => {
    const unbound = new PreparedQuery<{ name: string }, unknown, Db>((d, param) => {
      param('name');
      return d.selectFrom('people').selectAll();
    });
    await expect(unbound.execute(db, 'sqlite', { name: 'x' })).rejects.toThrow(/not bound/);
  });
});
