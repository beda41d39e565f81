// Inbound events: dedupe on insert, then a lease-based claim so a worker that died mid-event does not lose it.
import { byId, json, toEvent, type Raw } from './rows.js';
import type { EventState, Sql, Store } from './types.js';

type EventsRepo = Pick<Store, 'insertEvent' | 'claimEvents' | 'finishEvent' | 'countEvents'>;

export function eventsRepo(sql: Sql): EventsRepo {
  return {
    async insertEvent(e, now) {
      const rows = await sql.query(
        `INSERT INTO events (key, source, ticket_id, type, payload, received_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6)
         ON CONFLICT (key) DO NOTHING
         RETURNING id`,
        [e.key, e.source, e.ticketId, e.type, json(e.payload), now],
      );
      return rows.length === 1;
    },

    async claimEvents(worker, limit, leaseMs, now) {
      // The CTE picks the rows once; SKIP LOCKED lets a parallel claimer take the next ones instead of waiting.
      const rows = await sql.query<Raw>(
        `WITH picked AS (
           SELECT id FROM events
           WHERE (state = 'pending' AND next_attempt_at <= $2)
              OR (state = 'processing' AND locked_until <= $2)
           ORDER BY id
           LIMIT $4
           FOR UPDATE SKIP LOCKED
         )
         UPDATE events e
         SET state = 'processing', claimed_by = $1, locked_until = $3, attempts = e.attempts + 1
         FROM picked WHERE e.id = picked.id
         RETURNING e.*`,
        [worker, now, new Date(now.getTime() + leaseMs), limit],
      );
      return byId(rows.map(toEvent));
    },

    async finishEvent(id, outcome) {
      if (outcome.ok) {
        await sql.query(
          `UPDATE events SET state = 'done', claimed_by = NULL, locked_until = NULL, last_error = NULL WHERE id = $1`,
          [id],
        );
        return;
      }
      // retryAt null = give up (failed, kept for inspection); otherwise back to pending, due at retryAt.
      await sql.query(
        `UPDATE events
         SET state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
             next_attempt_at = COALESCE($3::timestamptz, next_attempt_at),
             last_error = $2, claimed_by = NULL, locked_until = NULL
         WHERE id = $1`,
        [id, outcome.error, outcome.retryAt],
      );
    },

    async countEvents(state?: EventState) {
      const [row] = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE $1::text IS NULL OR state = $1`,
        [state ?? null],
      );
      return row?.n ?? 0;
    },
  };
}
