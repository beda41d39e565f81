// What /readyz decides, apart from the route: migrations at the version this code expects, and an outbox that is
// not stuck. "Stuck" means rows that are due (or whose claim lapsed) and that no sender has picked up for a long
// time, i.e. the senders are not running. Rows waiting for a retry because Zendesk is down are not stuck: taking
// every instance out of the load balancer during a Zendesk outage would only make the webhook fail too (and Zendesk
// deactivates webhooks that keep failing). Their age is on /metrics (m365_outbox_oldest_age_seconds) for alerting.
import { MIGRATIONS } from '../store/migrations.js';
import type { Sql } from '../store/types.js';

export const STUCK_OUTBOX_MS = 15 * 60_000;
export const EXPECTED_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.version));

export async function migrationVersion(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
  return row?.v ?? 0;
}

/** How long the longest-waiting due outbox row has waited for a sender (null: none is due). */
export async function oldestDueWaitMs(sql: Sql, now: Date): Promise<number | null> {
  const [row] = await sql.query<{ since: Date | string | null }>(
    `SELECT least(
       (SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending' AND next_attempt_at <= $1),
       (SELECT min(claimed_until) FROM outbox WHERE state = 'claimed' AND claimed_until <= $1)
     ) AS since`,
    [now],
  );
  if (!row?.since) return null;
  return Math.max(0, now.getTime() - new Date(row.since).getTime());
}

export interface ReadinessFacts {
  migration: number;
  dueWaitMs: number | null;
}

/** Pure: the verdict and the reason a person can act on. */
export function readiness(f: ReadinessFacts, stuckAfterMs = STUCK_OUTBOX_MS): { ok: true } | { ok: false; reason: string } {
  if (f.migration < EXPECTED_MIGRATION) {
    return { ok: false, reason: `database schema is at migration ${f.migration}, this version needs ${EXPECTED_MIGRATION}` };
  }
  if (f.dueWaitMs !== null && f.dueWaitMs > stuckAfterMs) {
    return { ok: false, reason: `outbox stuck: a due row has waited ${Math.round(f.dueWaitMs / 1000)} s for a sender` };
  }
  return { ok: true };
}
