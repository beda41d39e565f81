// The audit trail (append-only: this file is the only writer and it only INSERTs) and small key/value state.
import { clampLimit, json, toAudit, type Raw } from './rows.js';
import type { Sql, Store } from './types.js';

type AuditRepo = Pick<Store, 'audit' | 'listAudit' | 'getMeta' | 'setMeta'>;

export function auditRepo(sql: Sql): AuditRepo {
  return {
    async audit(e, now) {
      await sql.query(
        `INSERT INTO audit (at, action, ticket_id, draft_id, event_key, actor, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
        [now, e.action, e.ticketId ?? null, e.draftId ?? null, e.eventKey ?? null, e.actor ?? null, json(e.details ?? {})],
      );
    },

    async listAudit(f) {
      const rows = await sql.query<Raw>(
        `SELECT * FROM audit
         WHERE ($1::text IS NULL OR ticket_id = $1) AND ($2::bigint IS NULL OR draft_id = $2)
         ORDER BY id DESC
         LIMIT $3`,
        [f.ticketId ?? null, f.draftId ?? null, clampLimit(f.limit)],
      );
      return rows.map(toAudit);
    },

    async getMeta(key) {
      const [row] = await sql.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
      return row?.value ?? null;
    },

    async setMeta(key, value) {
      await sql.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
        [key, value],
      );
    },
  };
}
