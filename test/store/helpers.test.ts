// The shared test helpers are used by other parts' suites: make sure they hand out what they promise.
import { MIGRATIONS } from '../../src/store/migrations.js';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { TEST_DATABASE_URL, dropSchema, postgresSchemaStores, randomSchema, storeKinds, describeEachStore, describePostgres } from './helpers.js';
import { T0, newEvent } from './fixtures.js';

const schemaExists = async (schema: string) => {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL! });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])).rowCount === 1;
  } finally {
    await c.end();
  }
};

describeEachStore('storeKinds(): $name', ({ name, open }) => {
  it('opens fresh, migrated, independent stores', async () => {
    const a = await open();
    const b = await open();
    try {
      expect(a.sql.kind).toBe(name);
      await a.insertEvent(newEvent('k'), T0);
      expect(await a.countEvents()).toBe(1);
      expect(await b.countEvents()).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

const shared = postgresSchemaStores();
describePostgres('postgresSchemaStores()', () => {
  it('gives N stores on one schema and drops it on cleanup', async () => {
    const { stores, schema, cleanup } = await shared!(3);
    expect(stores).toHaveLength(3);
    await stores[0]!.insertEvent(newEvent('k'), T0);
    expect(await stores[2]!.insertEvent(newEvent('k'), T0)).toBe(false);
    await cleanup();
    expect(await schemaExists(schema)).toBe(false);
  });
});

describePostgres('openStore on PostgreSQL', () => {
  it('uses the URL (not the data dir), creates the schema and migrates', async () => {
    const schema = randomSchema();
    const store = await openStore({ databaseUrl: TEST_DATABASE_URL!, dataDir: '/nonexistent/never-created', schema });
    try {
      expect(store.sql.kind).toBe('postgres');
      expect(await store.sql.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
      expect(await schemaExists(schema)).toBe(true);
    } finally {
      await store.close();
      await dropSchema(TEST_DATABASE_URL!, schema);
    }
  });
});
