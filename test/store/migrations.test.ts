import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openPglite } from '../../src/store/sql-pglite.js';
import { openPostgres } from '../../src/store/sql-postgres.js';
import { TEST_DATABASE_URL, dropSchema, freshPostgresSql, randomSchema, describePostgres } from './helpers.js';

const latest = Math.max(...MIGRATIONS.map((m) => m.version));
const tables = `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`;

describe('migrations [pglite]', () => {
  it('apply once; running them again changes nothing', async () => {
    const sql = await openPglite(null);
    try {
      expect(await migrate(sql)).toEqual({ applied: MIGRATIONS.map((m) => m.version), current: latest });
      expect(await migrate(sql)).toEqual({ applied: [], current: latest });
      expect((await sql.query<{ t: string }>(tables)).map((r) => r.t)).toEqual(['audit', 'drafts', 'events', 'labels', 'meta', 'outbox', 'schema_migrations']);
      expect(await sql.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
    } finally {
      await sql.close();
    }
  });

  it('two concurrent migrate calls on one PGlite both succeed (advisory locks work on PGlite)', async () => {
    const sql = await openPglite(null);
    try {
      const [a, b] = await Promise.all([migrate(sql), migrate(sql)]);
      expect([...a.applied, ...b.applied]).toEqual(MIGRATIONS.map((m) => m.version));
      const [lock] = await sql.tx((tx) => tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(1, 2) AS ok'));
      expect(lock).toEqual({ ok: true });
    } finally {
      await sql.close();
    }
  });

  it('a failing migration leaves nothing behind', async () => {
    const sql = await openPglite(null);
    try {
      const broken = [{ version: 1, name: 'half', statements: ['CREATE TABLE half (id int)', 'SELECT no_such_function()'] }];
      await expect(migrate(sql, broken)).rejects.toThrow(/no_such_function/);
      expect(await sql.query(tables)).toEqual([]);
    } finally {
      await sql.close();
    }
  });
});

describePostgres('migrations [postgres]', () => {
  it('two instances booting at once both succeed and the schema is applied once', async () => {
    const schema = randomSchema();
    const a = await openPostgres(TEST_DATABASE_URL!, { schema, max: 2 });
    const b = await openPostgres(TEST_DATABASE_URL!, { schema, max: 2 });
    try {
      const results = await Promise.all([migrate(a), migrate(b), migrate(a), migrate(b)]);
      expect(results.flatMap((r) => r.applied)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(results.every((r) => r.current === latest)).toBe(true);
      expect((await b.query<{ t: string }>(tables)).map((r) => r.t)).toEqual(['audit', 'drafts', 'events', 'labels', 'meta', 'outbox', 'schema_migrations']);
      expect(await migrate(a)).toEqual({ applied: [], current: latest });
    } finally {
      await a.close();
      await b.close();
      await dropSchema(TEST_DATABASE_URL!, schema);
    }
  });

  it('keeps schemas apart: a fresh schema sees none of another schema’s tables', async () => {
    const one = await freshPostgresSql(TEST_DATABASE_URL!);
    const two = await freshPostgresSql(TEST_DATABASE_URL!);
    try {
      await migrate(one);
      expect(await two.query(tables)).toEqual([]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('rejects a schema name that is not a plain lower-case identifier', async () => {
    await expect(openPostgres(TEST_DATABASE_URL!, { schema: 'x"; DROP SCHEMA public; --' })).rejects.toMatchObject({ code: 'store_config_invalid' });
  });
});

if (!TEST_DATABASE_URL) {
  console.warn('[store tests] "migrations [postgres]" left out because TEST_DATABASE_URL is not set.');
}
