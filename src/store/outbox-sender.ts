// Claims outbox rows and hands each to the handler for its kind. A failure is retried with backoff (honouring
// Retry-After), then dead-lettered after a cap: visible in the logs, the audit and GET /admin/outbox.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Metrics } from '../zendesk/context.js';
import type { OutboxKind, OutboxRow, Store } from './types.js';

export type OutboxHandler = (row: OutboxRow) => Promise<Record<string, unknown>>;

interface RetryHint {
  retryable?: boolean;
  retryAfterMs?: number | null;
  failure?: string;
  /** A configuration problem an admin must fix (reported on /readyz): keep retrying, whatever the attempt count. */
  waitForConfig?: boolean;
}

export function backoffMs(attempts: number, hint: RetryHint, random = Math.random): number {
  if (hint.retryAfterMs != null) return Math.max(hint.retryAfterMs, 100);
  // A safe_update conflict only means "re-read and try again": retry soon.
  if (hint.failure === 'conflict') return 200 + Math.floor(random() * 300);
  const base = Math.min(1000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
  return Math.floor(base / 2 + random() * (base / 2));
}

export interface OutboxSenderOptions {
  store: Store;
  worker: string;
  handlers: Partial<Record<OutboxKind, OutboxHandler>>;
  maxAttempts: number;
  leaseMs?: number;
  batch?: number;
  now: () => Date;
  log: Logger;
  metrics: Metrics;
  /** True once shutdown began: rows claimed but not started yet are left for releaseClaims to give back. */
  stopping?: () => boolean;
}

export function createOutboxSender(o: OutboxSenderOptions): { tick: () => Promise<number> } {
  const leaseMs = o.leaseMs ?? 60_000;
  async function handle(row: OutboxRow): Promise<void> {
    const handler = o.handlers[row.kind];
    const started = performance.now();
    try {
      if (!handler) throw Object.assign(new Error(`no sender for ${row.kind} (integration off?)`), { retryable: false });
      const result = await handler(row);
      await o.store.markSent(row.id, result, o.now());
      o.metrics.inc('outbox_sent_total', { kind: row.kind });
      o.log.info({ outboxId: row.id, kind: row.kind, ticketId: row.ticketId, draftId: row.draftId, attempts: row.attempts }, 'outbox row sent');
    } catch (err) {
      const hint = (err ?? {}) as RetryHint;
      const message = err instanceof Error ? err.message : String(err);
      const retryable = hint.retryable !== false;
      if (!retryable || (row.attempts >= o.maxAttempts && !hint.waitForConfig)) {
        await o.store.markDead(row, message, o.now());
        await o.store.audit({ action: 'outbox.dead', ticketId: row.ticketId, draftId: row.draftId, details: { kind: row.kind, attempts: row.attempts, error: message } }, o.now());
        o.metrics.inc('outbox_dead_total', { kind: row.kind });
        o.log.error({ outboxId: row.id, kind: row.kind, ticketId: row.ticketId, attempts: row.attempts, err: message }, 'outbox row dead-lettered');
        return;
      }
      const wait = backoffMs(row.attempts, hint);
      await o.store.markRetry(row, message, new Date(o.now().getTime() + wait));
      o.metrics.inc('outbox_retries_total', { kind: row.kind });
      o.log.warn({ outboxId: row.id, kind: row.kind, ticketId: row.ticketId, attempts: row.attempts, retryInMs: wait, err: message }, 'outbox row will be retried');
    } finally {
      o.metrics.observe('outbox_send_seconds', (performance.now() - started) / 1000, { kind: row.kind });
    }
  }
  return {
    async tick() {
      const rows = await o.store.claimOutbox(o.worker, o.batch ?? 10, leaseMs, o.now());
      for (const row of rows) {
        if (o.stopping?.()) break;
        await handle(row);
      }
      return rows.length;
    },
  };
}
