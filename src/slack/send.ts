// Outbox senders for Slack: `slack.card` posts a draft's card to the review channel (paced per channel), and
// `slack.card_update` re-renders it after a decision (chat.update). Both render the draft as it is *now*, so a late
// or reordered row can never show an outdated state.
// Each card carries message metadata naming its draft (https://docs.slack.dev/messaging/message-metadata), so after
// an attempt whose outcome is unknown (a timeout, a 5xx, internal_error) the next attempt first looks for the card in
// the channel (conversations.history with include_all_metadata) instead of posting a second one.
import type { OutboxRow } from '../store/types.js';
import { cardFor, cardKey, cardRef, queueCardUpdate, type CardRef } from './card-queue.js';
import type { SlackDeps } from './deps.js';
import { configAdvice, hint, toRetryHint, type RetryHintError } from './slack-errors.js';

export const CARD_EVENT = 'm365_draft_card';
/** The problem key for posting and updating cards (/readyz `problems`). */
export const CARDS_PROBLEM = 'slack.review_channel';

/** Records a configuration error once (problem + one log line) and passes the hint on. */
export function reportFailure(deps: SlackDeps, key: string, h: RetryHintError, err: unknown, channel: string | null): RetryHintError {
  if (h.kind === 'config' && h.code) {
    const advice = configAdvice(h.code, err, channel);
    if (deps.rt.problems.set(key, h.code, advice, deps.rt.now())) deps.log.error({ code: h.code, key }, advice);
  }
  return h;
}

function recovered(deps: SlackDeps, key: string): void {
  if (deps.rt.problems.clear(key)) deps.log.info({ key }, 'slack configuration problem resolved');
}

/** The card for `draftId` among the channel's newest messages, by its metadata. Null when not found or unknown. */
export async function findPostedCard(deps: SlackDeps, channel: string, draftId: number): Promise<CardRef | null> {
  try {
    // https://docs.slack.dev/reference/methods/conversations.history: metadata only with include_all_metadata.
    const r = await deps.client.conversations.history({ channel, include_all_metadata: true, limit: 200 });
    for (const m of r.messages ?? []) {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { draft_id?: unknown } } }).metadata;
      if (meta?.event_type === CARD_EVENT && Number(meta.event_payload?.draft_id) === draftId && m.ts) return { channel, ts: m.ts };
    }
    return null;
  } catch (err) {
    // Cannot tell (e.g. channels:history not granted): post; a duplicate card heals itself when clicked.
    deps.log.warn({ draftId, err: (err as Error).message }, 'slack: could not look for an earlier card before re-posting');
    return null;
  }
}

export async function sendCard(deps: SlackDeps, row: OutboxRow): Promise<Record<string, unknown>> {
  const draft = row.draftId ? await deps.rt.store.getDraft(row.draftId) : null;
  if (!draft) return { skipped: 'draft_not_found' };
  // Already posted (a crash after posting, before the row was marked sent, or a card adopted on a click).
  const existing = await cardRef(deps, draft.id);
  if (existing) return { ...existing, already: true };
  if (draft.state !== 'pending') return { skipped: `draft_${draft.state}` };
  const channel = typeof row.payload.channel === 'string' ? row.payload.channel : deps.slack.reviewChannel;
  if (!channel) throw hint('no Slack review channel configured (SLACK_REVIEW_CHANNEL)', false);

  // An earlier attempt failed: its card may be in the channel all the same.
  if (row.attempts > 1) {
    const found = await findPostedCard(deps, channel, draft.id);
    if (found) return adopt(deps, draft.id, found, { recovered: true });
  }

  const wait = deps.pacer.take(channel, `outbox:${row.id}`, deps.rt.now().getTime());
  if (wait > 0) throw hint(`paced: one message per second in ${channel}`, true, wait);

  const card = cardFor(deps, draft, true);
  let posted: { channel?: string; ts?: string };
  try {
    posted = await deps.client.chat.postMessage({
      channel,
      text: card.text,
      blocks: card.blocks,
      unfurl_links: false,
      unfurl_media: false,
      // https://docs.slack.dev/reference/methods/chat.postMessage#arg_metadata
      metadata: { event_type: CARD_EVENT, event_payload: { draft_id: draft.id, ticket_id: draft.ticketId } },
    });
  } catch (err) {
    throw reportFailure(deps, CARDS_PROBLEM, toRetryHint('chat.postMessage', err), err, channel);
  }
  recovered(deps, CARDS_PROBLEM);
  if (!posted.ts) throw hint('Slack chat.postMessage returned no ts', true);
  return adopt(deps, draft.id, { channel: posted.channel ?? channel, ts: posted.ts });
}

async function adopt(deps: SlackDeps, draftId: number, ref: CardRef, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  await deps.rt.store.setMeta(cardKey(draftId), JSON.stringify(ref));
  // A decision made while we were posting found no card to update; look once more now that the card exists.
  const after = await deps.rt.store.getDraft(draftId);
  if (after && after.state !== 'pending') await queueCardUpdate(deps, after, ':after_post');
  return { ...ref, ...extra };
}

export async function sendCardUpdate(deps: SlackDeps, row: OutboxRow): Promise<Record<string, unknown>> {
  const draft = row.draftId ? await deps.rt.store.getDraft(row.draftId) : null;
  if (!draft) return { skipped: 'draft_not_found' };
  // A duplicate card someone clicked names itself in the row; otherwise the draft's card.
  const { channel, ts } = row.payload as { channel?: unknown; ts?: unknown };
  const ref = typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : await cardRef(deps, draft.id);
  // No card (none posted, or not yet: sendCard checks the state again after posting).
  if (!ref) return { skipped: 'no_card' };
  const card = cardFor(deps, draft, true);
  try {
    await deps.client.chat.update({ channel: ref.channel, ts: ref.ts, text: card.text, blocks: card.blocks });
  } catch (err) {
    throw reportFailure(deps, CARDS_PROBLEM, toRetryHint('chat.update', err), err, ref.channel);
  }
  return { ...ref, state: draft.state };
}
