// Boot: PostgreSQL when a URL is configured (several instances), else embedded PGlite in the data directory.
// Migrations run before the store is handed out, so every part can assume the current schema.
import { migrate } from './migrations.js';
import { openPglite } from './sql-pglite.js';
import { openPostgres } from './sql-postgres.js';
import { createStore } from './store.js';
import type { Sql, Store } from './types.js';

export interface OpenStoreOptions {
  databaseUrl?: string | null;
  dataDir: string;
  schema?: string;
  /** Where a stale PGlite lock takeover is reported (default console.warn). */
  warn?: (message: string) => void;
}

export async function openStore(o: OpenStoreOptions): Promise<Store> {
  const sql: Sql = o.databaseUrl
    ? await openPostgres(o.databaseUrl, o.schema ? { schema: o.schema } : {})
    : await openPglite(o.dataDir, o.warn ? { warn: o.warn } : {});
  try {
    await migrate(sql);
  } catch (err) {
    await sql.close();
    throw err;
  }
  return createStore(sql);
}
