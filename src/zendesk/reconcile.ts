// Zendesk webhooks are best effort (lost, duplicated, reordered). This poll asks the API which tickets changed since
// the last run and stores an event for each, through the same dedupe, so nothing the webhooks missed is lost.
import type { WorkerContext } from './context.js';

const CURSOR = 'zendesk.reconcile.start_time';

export function createReconciler(ctx: WorkerContext, firstLookbackS = 3600): { tick: () => Promise<number> } {
  return {
    async tick() {
      const saved = await ctx.store.getMeta(CURSOR);
      const start = saved ? Number(saved) : Math.floor(ctx.now().getTime() / 1000) - firstLookbackS;
      const { tickets, endTime } = await ctx.zendesk.ticketsUpdatedSince(start);
      let stored = 0;
      for (const t of tickets) {
        const fresh = await ctx.store.insertEvent(
          { key: `reconcile:${t.id}:${t.updated_at}`, source: 'reconcile', ticketId: String(t.id), type: 'reconcile', payload: { updatedAt: t.updated_at } },
          ctx.now(),
        );
        if (fresh) stored++;
      }
      if (endTime > start) await ctx.store.setMeta(CURSOR, String(endTime));
      if (stored) ctx.log.info({ found: tickets.length, stored }, 'reconcile stored events the webhooks did not bring');
      ctx.metrics.inc('reconcile_runs_total');
      // Not "work handled": the reconcile loop always waits its interval.
      return 0;
    },
  };
}
