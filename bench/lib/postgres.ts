// A scratch PostgreSQL database per bench or chaos run: created fresh, handed to the service as DATABASE_URL (the
// service has no schema option, and a fresh database needs none), dropped at the end even if the run failed.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** DATABASE_URL, else TEST_DATABASE_URL; null = the PostgreSQL parts are left out (and say so). */
export function postgresUrl(): string | null {
  return process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || null;
}

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(baseUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(baseUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: withDatabase(baseUrl, name),
    // WITH (FORCE) ends the connections of an instance that was SIGKILLed mid-run (PostgreSQL ≥ 13).
    drop: () => admin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs one query against a scratch database (counts at the end of a run). */
export function queryDatabase<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  return admin(url, async (c) => (await c.query<T>(text, params)).rows);
}
