// Tells the integrations that a draft left the pending state, whichever door moved it, so a Slack card approved
// in Zendesk (or rejected on the review page) stops offering buttons. Hooks only enqueue; a failing hook is logged,
// never allowed to undo the decision that already committed.
import type { FastifyBaseLogger } from 'fastify';
import type { DraftRow, Store } from '../store/types.js';

export type DecidedHook = (draft: DraftRow, store: Store) => Promise<void>;

export async function notifyDecided(hooks: readonly DecidedHook[], draft: DraftRow, store: Store, log: FastifyBaseLogger): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook(draft, store);
    } catch (err) {
      log.warn({ draftId: draft.id, ticketId: draft.ticketId, err: (err as Error).message }, 'draft decision hook failed');
    }
  }
}
