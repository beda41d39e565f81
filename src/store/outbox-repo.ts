// The outbox: every write that leaves the service is a row here first. A claim is a lease: if the process dies
// between claiming and sending, the lease runs out and another worker claims the row again.
import { byId, clampLimit, json, toOutbox, type Raw } from './rows.js';
import type { Sql, Store } from './types.js';

type OutboxRepo = Pick<
  Store,
  'enqueue' | 'claimOutbox' | 'holdsClaim' | 'markSent' | 'markRetry' | 'markDead' | 'reviveOutbox' | 'reviveAllDeadOutbox' | 'releaseClaims' | 'listOutbox' | 'outboxStats'
>;

// A dead letter gets a fresh set of attempts, due now. last_error stays: it tells whoever looks next why it died once.
const REVIVE = `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $1, claimed_by = NULL, claimed_until = NULL`;

export function outboxRepo(sql: Sql): OutboxRepo {
  return {
    async enqueue(o, now) {
      const rows = await sql.query(
        `INSERT INTO outbox (idempotency_key, kind, ticket_id, draft_id, payload, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [o.idempotencyKey, o.kind, o.ticketId, o.draftId ?? null, json(o.payload), o.notBefore ?? now, now],
      );
      return rows.length === 1;
    },

    async claimOutbox(worker, limit, leaseMs, now) {
      const rows = await sql.query<Raw>(
        `WITH picked AS (
           SELECT id FROM outbox
           WHERE (state = 'pending' AND next_attempt_at <= $2)
              OR (state = 'claimed' AND claimed_until <= $2)
           ORDER BY id
           LIMIT $4
           FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox o
         SET state = 'claimed', claimed_by = $1, claimed_until = $3, attempts = o.attempts + 1
         FROM picked WHERE o.id = picked.id
         RETURNING o.*`,
        [worker, now, new Date(now.getTime() + leaseMs), limit],
      );
      return byId(rows.map(toOutbox));
    },

    async holdsClaim(row) {
      // Every claim counts an attempt, so a re-claim by anyone (this worker included) changes `attempts`.
      const rows = await sql.query(`SELECT 1 FROM outbox WHERE id = $1 AND state = 'claimed' AND claimed_by = $2 AND attempts = $3`, [
        row.id,
        row.claimedBy,
        row.attempts,
      ]);
      return rows.length === 1;
    },

    async markSent(id, result, now) {
      // A row is sent once: a late duplicate report (an expired lease that another worker also sent) keeps the first.
      await sql.query(
        `UPDATE outbox SET state = 'sent', result = $2::jsonb, sent_at = $3, claimed_by = NULL, claimed_until = NULL,
           last_error = NULL
         WHERE id = $1 AND state <> 'sent'`,
        [id, json(result), now],
      );
    },

    async markRetry(row, error, nextAttemptAt) {
      // Only the claim's holder reports: a stale worker (its lease ran out and someone claimed the row again) must
      // neither resurrect a row someone else sent nor put back one another worker is sending right now.
      await sql.query(
        `UPDATE outbox SET state = 'pending', next_attempt_at = $3, last_error = $2, claimed_by = NULL,
           claimed_until = NULL
         WHERE id = $1 AND state = 'claimed' AND claimed_by = $4 AND attempts = $5`,
        [row.id, error, nextAttemptAt, row.claimedBy, row.attempts],
      );
    },

    async markDead(row, error, _now) {
      // The same: a stale worker's failure must not dead-letter a row another worker holds (and may be sending).
      await sql.query(
        `UPDATE outbox SET state = 'dead', last_error = $2, claimed_by = NULL, claimed_until = NULL
         WHERE id = $1 AND state = 'claimed' AND claimed_by = $3 AND attempts = $4`,
        [row.id, error, row.claimedBy, row.attempts],
      );
    },

    async reviveOutbox(id, now) {
      const [row] = await sql.query<Raw>(`${REVIVE} WHERE id = $2 AND state = 'dead' RETURNING *`, [now, id]);
      return row ? toOutbox(row) : null;
    },

    async reviveAllDeadOutbox(now) {
      return byId((await sql.query<Raw>(`${REVIVE} WHERE state = 'dead' RETURNING *`, [now])).map(toOutbox));
    },

    async releaseClaims(worker) {
      // Graceful shutdown: rows this worker claimed but did not handle were not attempts, so the count goes back.
      const outbox = await sql.query(
        `UPDATE outbox SET state = 'pending', claimed_by = NULL, claimed_until = NULL,
           attempts = GREATEST(attempts - 1, 0)
         WHERE state = 'claimed' AND claimed_by = $1
         RETURNING id`,
        [worker],
      );
      const events = await sql.query(
        `UPDATE events SET state = 'pending', claimed_by = NULL, locked_until = NULL,
           attempts = GREATEST(attempts - 1, 0)
         WHERE state = 'processing' AND claimed_by = $1
         RETURNING id`,
        [worker],
      );
      return outbox.length + events.length;
    },

    async listOutbox(f) {
      const rows = await sql.query<Raw>(
        `SELECT * FROM outbox
         WHERE ($1::text[] IS NULL OR state = ANY($1::text[]))
           AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
           AND ($4::bigint[] IS NULL OR draft_id = ANY($4::bigint[]))
         ORDER BY id DESC LIMIT $2`,
        [f.states ?? null, clampLimit(f.limit), f.kinds ?? null, f.draftIds ?? null],
      );
      return rows.map(toOutbox);
    },

    async outboxStats(now) {
      const [row] = await sql.query<{ pending: number; claimed: number; dead: number; oldest: Date | null }>(
        `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
                count(*) FILTER (WHERE state = 'claimed')::int AS claimed,
                count(*) FILTER (WHERE state = 'dead')::int AS dead,
                min(created_at) FILTER (WHERE state IN ('pending', 'claimed')) AS oldest
         FROM outbox WHERE state IN ('pending', 'claimed', 'dead')`,
      );
      const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
      return {
        pending: row?.pending ?? 0,
        claimed: row?.claimed ?? 0,
        dead: row?.dead ?? 0,
        oldestPendingAgeMs: oldest === null ? null : Math.max(0, now.getTime() - oldest),
      };
    },
  };
}
