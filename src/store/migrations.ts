// Plain SQL migrations, numbered, applied in order at boot in one transaction. The advisory lock makes a second
// instance booting at the same moment wait and then find everything applied, instead of both running CREATE TABLE.
// Never edit a released migration: add the next number.
import { initialSchema } from './migration-001-initial.js';
import { labelsSchema } from './migration-003-labels.js';
import type { Sql } from './types.js';

export interface Migration {
  version: number;
  name: string;
  /** Single statements: PGlite's parameterised query() runs one statement per call. */
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [initialSchema, labelsSchema];

// An arbitrary constant, unique to this service, shared by every instance (pg_advisory_xact_lock takes a bigint).
const MIGRATION_LOCK = 0x6d333635; // "m365"

export interface MigrateResult {
  applied: number[];
  current: number;
}

export async function migrate(sql: Sql, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  return sql.tx(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of m.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    const current = Math.max(0, ...done, ...applied);
    return { applied, current };
  });
}
