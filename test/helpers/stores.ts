// Stores for service-level tests: embedded PGlite always, and the real PostgreSQL when TEST_DATABASE_URL is set
// (each store in a fresh schema, dropped at the end). Suites left out without PostgreSQL are named once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/store/migrations.js';
import { openPglite } from '../../src/store/sql-pglite.js';
import { openPostgres } from '../../src/store/sql-postgres.js';
import { createStore } from '../../src/store/store.js';
import type { Store } from '../../src/store/types.js';

const url = process.env.TEST_DATABASE_URL;
let warned = false;

function warnOnce(): void {
  if (url || warned) return;
  warned = true;
  console.warn('TEST_DATABASE_URL is not set: the PostgreSQL variants of the service tests were left out (two-instance and PostgreSQL flow suites).');
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

async function pgStore(schema: string): Promise<Store> {
  const sql = await openPostgres(url!, { schema });
  await migrate(sql);
  const store = createStore(sql);
  const close = store.close.bind(store);
  return Object.assign(store, { close: async () => close() });
}

export interface StoreKind {
  name: 'pglite' | 'postgres';
  open: () => Promise<Store>;
}

export function storeKinds(): StoreKind[] {
  warnOnce();
  const kinds: StoreKind[] = [
    {
      name: 'pglite',
      open: async () => {
        const sql = await openPglite(null);
        await migrate(sql);
        return createStore(sql);
      },
    },
  ];
  if (url) {
    kinds.push({
      name: 'postgres',
      open: async () => {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        const store = await pgStore(schema);
        const close = store.close.bind(store);
        return Object.assign(store, { close: async () => { await close(); await dropSchema(schema); } });
      },
    });
  }
  return kinds;
}

/** Two independent stores (two pools, as two instances would have) on one fresh PostgreSQL schema. */
export function postgresSchemaStores(): (() => Promise<{ stores: Store[]; cleanup: () => Promise<void> }>) | null {
  warnOnce();
  if (!url) return null;
  return async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const stores = [await pgStore(schema), await pgStore(schema)];
    return {
      stores,
      cleanup: async () => {
        for (const s of stores) await s.close().catch(() => undefined);
        await dropSchema(schema);
      },
    };
  };
}
