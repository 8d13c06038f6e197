import { CaStore } from './ca-store.js';
import { migrateToLatest, openDatabase, type OpenDatabaseOptions } from './database.js';

/** A migrated store on a SQLite file or a PostgreSQL URL. */
export async function openCaStore(target: string, options: OpenDatabaseOptions = {}): Promise<CaStore> {
  const opened = openDatabase(target, options);
  try {
    await migrateToLatest(opened);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return new CaStore(opened.db, opened.dialect, false, opened.close);
}
