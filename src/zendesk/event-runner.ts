// Claims stored events and processes them; a Zendesk outage only delays them (retried with backoff), and an event
// that keeps failing ends as `failed` with its error, for an admin to look at.
import { backoffMs } from '../store/outbox-sender.js';
import type { WorkerContext } from './context.js';
import { processEvent } from './worker.js';

export const EVENT_MAX_ATTEMPTS = 10;
export const DRAFT_FAILED_TAG = 'm365_draft_failed';

/**
 * An event that failed for good would otherwise leave the ticket with no draft and nobody told (issue 12): a private
 * note and a tag say so on the ticket, so agents answer it by hand and admins can find such tickets with a view.
 * Best effort: if even this cannot be queued, the log line above and the metric remain.
 */
async function tellAgents(ctx: WorkerContext, eventId: number, ticketId: string): Promise<void> {
  try {
    await ctx.store.enqueue(
      {
        idempotencyKey: `failed:${eventId}`,
        kind: 'zendesk.note',
        ticketId,
        payload: {
          notice: `no reply could be drafted for this ticket (event ${eventId} failed ${EVENT_MAX_ATTEMPTS} times or could not be read). Please answer it as usual; an admin finds the error in the service's log.`,
          add: [DRAFT_FAILED_TAG],
          remove: [],
        },
      },
      ctx.now(),
    );
    ctx.metrics.inc('events_undraftable_total');
  } catch (err) {
    ctx.log.error({ eventId, ticketId, err: err instanceof Error ? err.message : String(err) }, 'could not queue the draft-failed note');
  }
}

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
          if (giveUp) await tellAgents(ctx, evt.id, evt.ticketId);
        } finally {
          ctx.metrics.observe('event_process_seconds', (performance.now() - started) / 1000);
        }
      }
      return events.length;
    },
  };
}
