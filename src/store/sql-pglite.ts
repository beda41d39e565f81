// Embedded PostgreSQL (PGlite, WASM) for single-instance installs and tests. One connection: every statement and
// every transaction goes through one mutex so concurrent callers never interleave inside someone's BEGIN … COMMIT.
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { acquireDirLock, type DirLock } from './lock-file.js';
import { createMutex } from './mutex.js';
import { TxScope } from './tx-scope.js';
import type { Sql } from './types.js';

export interface PgliteOptions {
  /** Where a stale-lock takeover is reported (default console.warn). */
  warn?: (message: string) => void;
}

const finished = (): never => {
  throw new Error('this transaction has already finished; use the Sql passed to tx() only inside its callback');
};

function txSql(t: Transaction, isOpen: () => boolean): Sql {
  const sql: Sql = {
    kind: 'pglite',
    async query<T>(text: string, params?: unknown[]) {
      if (!isOpen()) finished();
      return (await t.query<T>(text, params as unknown[] | undefined)).rows;
    },
    tx: (fn) => fn(sql),
    inTx: () => true,
    close: async () => {
      throw new Error('close() was called inside a transaction; close the root Sql instead');
    },
  };
  return sql;
}

export async function openPglite(dataDir: string | null, opts: PgliteOptions = {}): Promise<Sql> {
  const lock: DirLock | null = dataDir ? acquireDirLock(dataDir, opts.warn ?? ((m) => console.warn(m))) : null;
  let db: PGlite;
  try {
    db = await PGlite.create({
      ...(lock ? { dataDir: lock.dir } : {}),
      // PostgreSQL's default 128 MB of shared buffers lives in WASM memory, which only grows: a helpdesk's working set
      // is a few MB, and 16 MB kept the resident size of a 10,000-event run about 100 MB lower (npm run bench -- memory).
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
      // Ids and counts are bigint columns: numbers are what the row types promise (ids stay far below 2^53).
      parsers: { [types.INT8]: (v: string) => Number(v) },
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const mutex = createMutex();
  const scope = new TxScope();
  let closed = false;
  const ensureOpen = () => {
    if (closed) throw new Error('the PGlite store is closed');
  };

  const root: Sql = {
    kind: 'pglite',
    async query<T>(text: string, params?: unknown[]) {
      const inTx = scope.current();
      if (inTx) return inTx.query<T>(text, params);
      ensureOpen();
      return mutex.run(async () => (await db.query<T>(text, params as unknown[] | undefined)).rows);
    },
    async tx<T>(fn: (sql: Sql) => Promise<T>) {
      const inTx = scope.current();
      if (inTx) return inTx.tx(fn);
      ensureOpen();
      return mutex.run(() =>
        db.transaction(async (t) => {
          let open = true;
          try {
            return await scope.run(txSql(t, () => open), fn);
          } finally {
            open = false;
          }
        }),
      );
    },
    inTx: () => scope.current() !== null,
    async close() {
      if (closed) return;
      closed = true;
      await mutex.idle();
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
  return root;
}
