// The repository over one Sql. The same SQL runs on PGlite and PostgreSQL. A Store made from a transaction's Sql
// (see withTx) runs every method inside that transaction.
import { auditRepo } from './audit-repo.js';
import { draftsRepo } from './drafts-repo.js';
import { eventsRepo } from './events-repo.js';
import { labelsRepo } from './labels-repo.js';
import { outboxRepo } from './outbox-repo.js';
import type { Sql, Store } from './types.js';

export function createStore(sql: Sql): Store {
  const { insertsIdle, ...events } = eventsRepo(sql);
  return {
    sql,
    ...events,
    ...draftsRepo(sql),
    ...outboxRepo(sql),
    ...auditRepo(sql),
    ...labelsRepo(sql),
    withTx: (fn) => sql.tx((tx) => fn(createStore(tx))),
    close: async () => {
      await insertsIdle();
      await sql.close();
    },
  };
}
