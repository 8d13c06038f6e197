/**
 * One contract, two databases: runs `contract` against a fresh, migrated CA store on the
 * embedded SQLite and on a throwaway PostgreSQL (skipped, with the reason in the title,
 * where none can be started). Call with top-level await in the test file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe } from 'vitest';
import { CaStore } from '../../src/server/store/ca-store.js';
import { migrateToLatest, openDatabase } from '../../src/server/store/database.js';
import type { CaDatabase } from '../../src/server/store/schema.js';
import { startTestPostgres } from './postgres.js';

export interface OpenedStore {
  store: CaStore;
  db: Kysely<CaDatabase>;
  done: () => Promise<void>;
}

export async function describeOnEachCaDatabase(title: string, contract: (open: () => Promise<OpenedStore>) => void): Promise<void> {
  describe(`${title} on SQLite`, () => {
    contract(async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tokendesk-store-'));
      const opened = openDatabase(join(dir, 'ca.db'));
      await migrateToLatest(opened);
      return {
        store: new CaStore(opened.db, opened.dialect),
        db: opened.db,
        done: async () => {
          await opened.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    });
  });

  const postgres = await startTestPostgres();
  afterAll(async () => {
    if (!('skipReason' in postgres)) await postgres.stop();
  });
  describe.skipIf('skipReason' in postgres)(`${title} on PostgreSQL${'skipReason' in postgres ? ` — skipped: ${postgres.skipReason}` : ''}`, () => {
    contract(async () => {
      if ('skipReason' in postgres) throw new Error(postgres.skipReason);
      const opened = openDatabase(await postgres.createDatabase());
      await migrateToLatest(opened);
      return { store: new CaStore(opened.db, opened.dialect), db: opened.db, done: () => opened.close() };
    });
  });
}
