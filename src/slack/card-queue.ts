// Cards leave through the outbox like everything else: a draft hook queues the card, decisions queue an update.
// Idempotency keys make every enqueue safe to repeat (a replayed event, a double click, a second instance).
import type { DraftRow, Store } from '../store/types.js';
import { draftCard, type Card } from './cards.js';
import type { SlackDeps } from './deps.js';

export const cardKey = (draftId: number) => `slack.card:${draftId}`;

/** A draft's card with this deployment's links (Zendesk ticket, review page). */
export function cardFor(deps: SlackDeps, draft: DraftRow, buttons: boolean): Card {
  return draftCard(draft, { ticketUrl: deps.ticketUrl(draft.ticketId), reviewUrl: deps.reviewUrl(draft.id), buttons });
}

/** Where the card of a draft was posted (stored by the sender; read by updates). */
export interface CardRef {
  channel: string;
  ts: string;
}

export async function cardRef(deps: SlackDeps, draftId: number): Promise<CardRef | null> {
  const raw = await deps.rt.store.getMeta(cardKey(draftId));
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<CardRef>;
    return typeof v.channel === 'string' && typeof v.ts === 'string' ? { channel: v.channel, ts: v.ts } : null;
  } catch {
    return null;
  }
}

/** One update per draft state: the update renders whatever state the draft has when it is sent. */
export async function queueCardUpdate(
  deps: SlackDeps,
  draft: Pick<DraftRow, 'id' | 'ticketId' | 'state'>,
  suffix = '',
  store: Store = deps.rt.store,
): Promise<void> {
  if (!deps.slack.reviewChannel) return;
  await store.enqueue(
    {
      idempotencyKey: `slack.card_update:${draft.id}:${draft.state}${suffix}`,
      kind: 'slack.card_update',
      ticketId: draft.ticketId,
      draftId: draft.id,
      payload: {},
    },
    deps.rt.now(),
  );
}

/**
 * The onDraftCreated hook: a card for the new draft, and an update for the cards it made stale. It runs inside the
 * worker's transaction (`tx`), so the card rows commit with the draft or not at all; no network here.
 */
export function draftCreatedHook(deps: SlackDeps): (draft: DraftRow, tx: Store) => Promise<void> {
  return async (draft, tx) => {
    const channel = deps.slack.reviewChannel;
    if (!channel || draft.state !== 'pending') return; // auto-sent drafts need no reviewer
    await tx.enqueue(
      { idempotencyKey: cardKey(draft.id), kind: 'slack.card', ticketId: draft.ticketId, draftId: draft.id, payload: { channel } },
      deps.rt.now(),
    );
    const stale = await tx.listDrafts({ ticketId: draft.ticketId, states: ['superseded'], limit: 10 });
    // Keyed by the successor: a card already updated for `superseded` (an overtaken approval, before this draft
    // existed) is updated again to link here.
    for (const old of stale) if (old.supersededBy === draft.id) await queueCardUpdate(deps, old, `:by:${draft.id}`, tx);
  };
}
