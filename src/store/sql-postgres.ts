// PostgreSQL through a pg.Pool, for installs that run several instances. A transaction owns one pooled client from
// BEGIN to COMMIT; `schema` lets tests (or tenants) live side by side in one database.
import pg from 'pg';
import { StoreError } from './errors.js';
import { TxScope } from './tx-scope.js';
import type { Sql } from './types.js';

export interface PostgresOptions {
  /** Schema to create (if missing) and put first on every connection's search_path. Lower-case identifier. */
  schema?: string;
  max?: number;
}

const INT8 = 20;
// Ids and counts are bigint: numbers are what the row types promise. timestamptz already parses to Date.
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (err) {
    // Two processes creating the same schema at once: the loser sees a unique violation, and the schema exists.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw err;
  } finally {
    await client.end();
  }
}

function clientSql(client: pg.PoolClient, isOpen: () => boolean): Sql {
  const sql: Sql = {
    kind: 'postgres',
    async query<T>(text: string, params?: unknown[]) {
      if (!isOpen()) throw new Error('this transaction has already finished; use its Sql only inside the tx() callback');
      return (await client.query(text, params)).rows as T[];
    },
    tx: (fn) => fn(sql),
    inTx: () => true,
    close: async () => {
      throw new Error('close() was called inside a transaction; close the root Sql instead');
    },
  };
  return sql;
}

export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Sql> {
  const { schema } = opts;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError('store_config_invalid', `schema "${schema}" is not a lower-case SQL identifier (a-z, 0-9, _)`);
  }
  if (schema) await ensureSchema(url, schema);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    types: typeParsers,
    // A startup parameter, so every pooled connection has it before its first query.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection (server restart) must not crash the process: the pool drops that client
  // and the next query opens a fresh one, and that query reports any lasting outage.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end();
    throw err;
  }

  const scope = new TxScope();
  let closed = false;
  const root: Sql = {
    kind: 'postgres',
    async query<T>(text: string, params?: unknown[]) {
      const inTx = scope.current();
      if (inTx) return inTx.query<T>(text, params);
      return (await pool.query(text, params)).rows as T[];
    },
    async tx<T>(fn: (sql: Sql) => Promise<T>) {
      const inTx = scope.current();
      if (inTx) return inTx.tx(fn);
      const client = await pool.connect();
      let open = true;
      try {
        await client.query('BEGIN');
        const result = await scope.run(clientSql(client, () => open), fn);
        await client.query('COMMIT');
        open = false;
        client.release();
        return result;
      } catch (err) {
        open = false;
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch {
          client.release(true); // the connection is in an unknown state: do not hand it out again
        }
        throw err;
      }
    },
    inTx: () => scope.current() !== null,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return root;
}
