// Claims stored events and processes them; a Zendesk outage only delays them (retried with backoff), and an event
// that keeps failing ends as `failed` with its error, for an admin to look at.
import { backoffMs } from '../store/outbox-sender.js';
import type { WorkerContext } from './context.js';
import { processEvent } from './worker.js';

export const EVENT_MAX_ATTEMPTS = 10;

/** `stopping`: true once shutdown began; events claimed but not started are left for releaseClaims to give back. */
export function createEventRunner(
  ctx: WorkerContext,
  worker: string,
  leaseMs = 60_000,
  stopping: () => boolean = () => false,
): { tick: () => Promise<number> } {
  return {
    async tick() {
      const events = await ctx.store.claimEvents(worker, 5, leaseMs, ctx.now());
      for (const evt of events) {
        if (stopping()) break;
        const started = performance.now();
        try {
          const outcome = await processEvent(ctx, evt);
          await ctx.store.finishEvent(evt.id, { ok: true });
          ctx.metrics.inc('events_processed_total', { outcome });
          ctx.log.debug({ eventId: evt.id, ticketId: evt.ticketId, outcome }, 'event processed');
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          const hint = err as { retryable?: boolean; retryAfterMs?: number | null; failure?: string };
          const giveUp = hint.retryable === false || evt.attempts >= EVENT_MAX_ATTEMPTS;
          const retryAt = giveUp ? null : new Date(ctx.now().getTime() + backoffMs(evt.attempts, hint));
          await ctx.store.finishEvent(evt.id, { ok: false, error: message, retryAt });
          ctx.metrics.inc('events_failed_total', { final: String(giveUp) });
          ctx.log[giveUp ? 'error' : 'warn']({ eventId: evt.id, ticketId: evt.ticketId, attempts: evt.attempts, err: message }, giveUp ? 'event failed for good' : 'event will be retried');
        } finally {
          ctx.metrics.observe('event_process_seconds', (performance.now() - started) / 1000);
        }
      }
      return events.length;
    },
  };
}
