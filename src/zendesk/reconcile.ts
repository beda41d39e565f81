// Zendesk webhooks are best effort (lost, duplicated, reordered). This poll asks the API which tickets changed since
// the last run and stores an event for each, through the same dedupe, so nothing the webhooks missed is lost.
// The incremental ticket export it uses is "Allowed For: Admins"
// (https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/): with an agent as
// the API user the poll is skipped, said once in the log and on /readyz, never retried into a 403 every interval.
import type { ApiUserState } from './api-user-state.js';
import { isZendeskError } from './client.js';
import type { WorkerContext } from './context.js';

const CURSOR = 'zendesk.reconcile.start_time';
export const RECONCILE_NEEDS_ADMIN =
  'the reconcile poll is off: the API user is not an admin (incremental exports are allowed for admins only), so webhooks Zendesk loses are not recovered.';

export function createReconciler(ctx: WorkerContext, state?: Pick<ApiUserState, 'note'>, firstLookbackS = 3600): { tick: () => Promise<number> } {
  return {
    async tick() {
      const api = await ctx.apiUser();
      if (!api.reconcile) {
        state?.note(RECONCILE_NEEDS_ADMIN);
        return 0;
      }
      const saved = await ctx.store.getMeta(CURSOR);
      const start = saved ? Number(saved) : Math.floor(ctx.now().getTime() / 1000) - firstLookbackS;
      let page;
      try {
        page = await ctx.zendesk.ticketsUpdatedSince(start);
      } catch (err) {
        // The role may have changed since boot: say what is wrong instead of failing quietly every interval.
        if (isZendeskError(err) && err.status === 403) state?.note(`${RECONCILE_NEEDS_ADMIN} (Zendesk answered 403 to the incremental export.)`);
        throw err;
      }
      const { tickets, endTime } = page;
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
