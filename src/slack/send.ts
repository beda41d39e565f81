// Outbox senders for Slack: `slack.card` posts a draft's card to the review channel (paced per channel), and
// `slack.card_update` re-renders it after a decision (chat.update). Both render the draft as it is *now*, so a late
// or reordered row can never show an outdated state.
import type { OutboxRow } from '../store/types.js';
import { cardFor, cardKey, cardRef, queueCardUpdate } from './card-queue.js';
import type { SlackDeps } from './deps.js';
import { hint, toRetryHint } from './slack-errors.js';

export async function sendCard(deps: SlackDeps, row: OutboxRow): Promise<Record<string, unknown>> {
  const draft = row.draftId ? await deps.rt.store.getDraft(row.draftId) : null;
  if (!draft) return { skipped: 'draft_not_found' };
  // Already posted (a crash after posting, before the row was marked sent): do not post twice.
  const existing = await cardRef(deps, draft.id);
  if (existing) return { ...existing, already: true };
  if (draft.state !== 'pending') return { skipped: `draft_${draft.state}` };
  const channel = typeof row.payload.channel === 'string' ? row.payload.channel : deps.slack.reviewChannel;
  if (!channel) throw hint('no Slack review channel configured (SLACK_REVIEW_CHANNEL)', false);

  const wait = deps.pacer.take(channel, `outbox:${row.id}`, deps.rt.now().getTime());
  if (wait > 0) throw hint(`paced: one message per second in ${channel}`, true, wait);

  const card = cardFor(deps, draft, true);
  let posted: { channel?: string; ts?: string };
  try {
    posted = await deps.client.chat.postMessage({ channel, text: card.text, blocks: card.blocks, unfurl_links: false, unfurl_media: false });
  } catch (err) {
    throw toRetryHint('chat.postMessage', err);
  }
  if (!posted.ts) throw hint('Slack chat.postMessage returned no ts', true);
  const ref = { channel: posted.channel ?? channel, ts: posted.ts };
  await deps.rt.store.setMeta(cardKey(draft.id), JSON.stringify(ref));
  // A decision made while we were posting found no card to update; look once more now that the card exists.
  const after = await deps.rt.store.getDraft(draft.id);
  if (after && after.state !== 'pending') await queueCardUpdate(deps, after, ':after_post');
  return ref;
}

export async function sendCardUpdate(deps: SlackDeps, row: OutboxRow): Promise<Record<string, unknown>> {
  const draft = row.draftId ? await deps.rt.store.getDraft(row.draftId) : null;
  if (!draft) return { skipped: 'draft_not_found' };
  const ref = await cardRef(deps, draft.id);
  // No card (none posted, or not yet: sendCard checks the state again after posting).
  if (!ref) return { skipped: 'no_card' };
  const card = cardFor(deps, draft, true);
  try {
    await deps.client.chat.update({ channel: ref.channel, ts: ref.ts, text: card.text, blocks: card.blocks });
  } catch (err) {
    throw toRetryHint('chat.update', err);
  }
  return { ...ref, state: draft.state };
}
