/**
 * Stores for tests, on every adapter this machine can run: PGlite in memory always, real PostgreSQL when
 * TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test). Each PostgreSQL suite lives in its own
 * fresh schema (random name), dropped when the suite ends. Without TEST_DATABASE_URL the PostgreSQL variants show
 * up as skipped and one warning per file says which were left out: they never pass silently.
 *
 * 1. One suite per adapter, empty tables before every test (ids restart at 1):
 *
 *      import { forEachStore } from '../store/helpers.js';
 *      forEachStore('outbox claims', (ctx) => {
 *        it('…', async () => {
 *          await ctx.store.enqueue(…);
 *          const other = await ctx.another(); // a second Store on the same database (own pool on PostgreSQL)
 *        });
 *      });
 *      // ctx.kind is 'pglite' | 'postgres'; ctx.url/ctx.schema are set for PostgreSQL.
 *
 * 2. describe.each over the adapters, one fresh migrated store per open() (its close() also drops its schema):
 *
 *      describe.each(storeKinds())('flow on $name', ({ open }) => { … const store = await open(); … });
 *
 * 3. N stores sharing one PostgreSQL schema (N "instances"); null when TEST_DATABASE_URL is unset:
 *
 *      const pg = postgresSchemaStores();
 *      describe.runIf(pg)('two instances', () => { … const { stores, cleanup } = await pg!(2); … });
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { openPglite } from '../../src/store/sql-pglite.js';
import { openPostgres } from '../../src/store/sql-postgres.js';
import { createStore } from '../../src/store/store.js';
import type { Sql, Store } from '../../src/store/types.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;
export type AdapterKind = Sql['kind'];

export const randomSchema = (): string => `test_${randomBytes(6).toString('hex')}`;

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** An unmigrated Sql on a fresh PostgreSQL schema (for migration tests); close() drops the schema. */
export async function freshPostgresSql(url: string, schema = randomSchema(), max = 4): Promise<Sql & { schema: string }> {
  const sql = await openPostgres(url, { schema, max });
  return { ...sql, schema, close: async () => { await sql.close(); await dropSchema(url, schema); } };
}

async function migrated(sql: Sql): Promise<Store> {
  await migrate(sql);
  return createStore(sql);
}

// ---------- the "left out" warning ----------
const leftOut: string[] = [];
function noteLeftOut(title: string): void {
  if (leftOut.length === 0) {
    afterAll(() => {
      console.warn(
        `[store tests] PostgreSQL variants left out because TEST_DATABASE_URL is not set: ${leftOut.join('; ')}. ` +
          'Run with TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to include them.',
      );
    });
  }
  leftOut.push(title);
}

/** Why a PostgreSQL test did not run; it stands in the skipped test's (or block's) name, so the summary shows it. */
export const PG_LEFT_OUT = 'left out: TEST_DATABASE_URL not set';

/**
 * describe.each over the adapters: `describeEachStore('flow on $name', ({ open }) => …)`. Without TEST_DATABASE_URL
 * the PostgreSQL block is still collected, as skipped, with the reason in its name (describe.each would drop it).
 */
export function describeEachStore(title: string, body: (kind: StoreKind) => void): void {
  for (const kind of storeKinds()) describe(title.replace('$name', kind.name), () => body(kind));
  if (!TEST_DATABASE_URL) {
    describe.skip(`${title.replace('$name', 'postgres')} [${PG_LEFT_OUT}]`, () => body({ name: 'postgres', open: () => Promise.reject(new Error(PG_LEFT_OUT)) }));
  }
}

/** A block that needs PostgreSQL; without TEST_DATABASE_URL its tests are listed as skipped, reason in the name. */
export function describePostgres(title: string, body: () => void): void {
  if (TEST_DATABASE_URL) describe(title, body);
  else describe.skip(`${title} [${PG_LEFT_OUT}]`, body);
}

/**
 * A race test: meaningful only where two stores really are two connections. On PGlite `another()` shares the one
 * connection and its calls queue behind one another, so the "race" is a sequence and would pass without any row
 * locking: listed as skipped there, reason in the name. On PostgreSQL it runs.
 */
export function itRaces(ctx: StoreContext, title: string, fn: () => Promise<void>, timeout?: number): void {
  if (ctx.kind === 'pglite') it.skip(`${title} [PGlite: one shared connection cannot race; runs on PostgreSQL]`, fn);
  else it(title, fn, timeout);
}

// ---------- 1. forEachStore ----------
export interface StoreContext {
  readonly kind: AdapterKind;
  /** The store of the current test (tables emptied before each test). */
  readonly store: Store;
  /** Another Store on the same database: on PostgreSQL its own pool (another "instance"), on PGlite the same connection. */
  another(): Promise<Store>;
  readonly url: string | null;
  readonly schema: string | null;
}

/** Every table the migrations made (later migrations add tables; a fixed list would leave their rows behind). */
async function dataTables(sql: Sql): Promise<string> {
  const rows = await sql.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'",
  );
  return rows.map((r) => `"${r.name}"`).join(', ');
}

export function forEachStore(title: string, body: (ctx: StoreContext) => void): void {
  const adapters: { kind: AdapterKind; enabled: boolean }[] = [
    { kind: 'pglite', enabled: true },
    { kind: 'postgres', enabled: TEST_DATABASE_URL !== null },
  ];
  for (const { kind, enabled } of adapters) {
    if (!enabled) noteLeftOut(title);
    describe.runIf(enabled)(enabled ? `${title} [${kind}]` : `${title} [${kind}, ${PG_LEFT_OUT}]`, () => {
      let store: Store | undefined;
      const extra: Store[] = [];
      const schema = kind === 'postgres' ? randomSchema() : null;
      const ctx: StoreContext = {
        kind,
        url: kind === 'postgres' ? TEST_DATABASE_URL : null,
        schema,
        get store() {
          if (!store) throw new Error('ctx.store is only available inside a test');
          return store;
        },
        async another() {
          if (kind === 'pglite') return createStore(ctx.store.sql);
          const s = createStore(await openPostgres(TEST_DATABASE_URL!, { schema: schema!, max: 4 }));
          extra.push(s);
          return s;
        },
      };
      beforeAll(async () => {
        store = await migrated(kind === 'pglite' ? await openPglite(null) : await openPostgres(TEST_DATABASE_URL!, { schema: schema!, max: 4 }));
      });
      let tables = '';
      beforeEach(async () => {
        tables ||= await dataTables(ctx.store.sql);
        await ctx.store.sql.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
      });
      afterAll(async () => {
        for (const s of extra.splice(0)) await s.close();
        await store?.close();
        if (schema) await dropSchema(TEST_DATABASE_URL!, schema);
      });
      body(ctx);
    });
  }
}

// ---------- 2. storeKinds ----------
export interface StoreKind {
  name: AdapterKind;
  /** A fresh, migrated, empty store; close() releases it (and drops its PostgreSQL schema). */
  open(): Promise<Store>;
}

export function storeKinds(): StoreKind[] {
  const kinds: StoreKind[] = [{ name: 'pglite', open: async () => migrated(await openPglite(null)) }];
  if (TEST_DATABASE_URL) {
    kinds.push({ name: 'postgres', open: async () => migrated(await freshPostgresSql(TEST_DATABASE_URL)) });
  } else {
    noteLeftOut('storeKinds() postgres');
  }
  return kinds;
}

// ---------- 3. postgresSchemaStores ----------
export function postgresSchemaStores(): ((n?: number) => Promise<{ stores: Store[]; schema: string; cleanup: () => Promise<void> }>) | null {
  const url = TEST_DATABASE_URL;
  if (!url) {
    noteLeftOut('postgresSchemaStores()');
    return null;
  }
  return async (n = 2) => {
    const schema = randomSchema();
    const stores: Store[] = [];
    for (let i = 0; i < n; i++) stores.push(createStore(await openPostgres(url, { schema, max: 4 })));
    await migrate(stores[0]!.sql);
    return {
      stores,
      schema,
      cleanup: async () => {
        for (const s of stores) await s.close();
        await dropSchema(url, schema);
      },
    };
  };
}
