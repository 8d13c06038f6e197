import { CaStore } from './ca-store.js';
import { migrateToLatest, openDatabase } from './database.js';

/** A migrated store on a SQLite file or a PostgreSQL URL. */
export async function openCaStore(target: string): Promise<CaStore> {
  const opened = openDatabase(target);
  try {
    await migrateToLatest(opened);
  } catch (error) {
    await opened.db.destroy();
    throw error;
  }
  return new CaStore(opened.db, opened.dialect);
}
