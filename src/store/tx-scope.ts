// Remembers the open transaction of the current async call chain, so that code running inside tx() which reaches
// for the root Sql (for example through a Store created before the transaction) joins the transaction instead of
// deadlocking on PGlite's single connection or silently running outside it on another PostgreSQL connection.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql } from './types.js';

interface Scope {
  sql: Sql;
  open: boolean;
}

export class TxScope {
  private readonly als = new AsyncLocalStorage<Scope>();

  /** The transaction this call chain runs in, or null (also null after it ended: stray late callbacks go to the root). */
  current(): Sql | null {
    const scope = this.als.getStore();
    return scope?.open ? scope.sql : null;
  }

  async run<T>(sql: Sql, fn: (sql: Sql) => Promise<T>): Promise<T> {
    const scope: Scope = { sql, open: true };
    try {
      return await this.als.run(scope, () => fn(sql));
    } finally {
      scope.open = false;
    }
  }
}
