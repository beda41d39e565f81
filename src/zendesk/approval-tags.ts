// The Zendesk door for approvals: an agent adds the approve (or reject) tag to the ticket. The same approveDraft()
// as Slack and the review page decides, so a second tag, a replayed event or another instance posts nothing more.
import { approveDraft } from '../drafts/approve-draft.js';
import { notifyDecided } from '../drafts/notify-decided.js';
import { rejectDraft } from '../drafts/reject-draft.js';
import type { ZTicket, ZUser } from './api-types.js';
import type { WorkerContext } from './context.js';
import { isZendeskError } from './client.js';

export async function resolveAgent(ctx: WorkerContext, actorId: string | null, ticket: ZTicket): Promise<ZUser | null> {
  // The event names who changed the ticket; without it the assignee is the best guess for "the agent on it".
  for (const id of [actorId, ticket.assignee_id ? String(ticket.assignee_id) : null]) {
    if (!id) continue;
    try {
      const user = await ctx.zendesk.getUser(id);
      if (user.role === 'agent' || user.role === 'admin') return user;
    } catch (err) {
      if (!isZendeskError(err) || err.failure !== 'not_found') throw err;
    }
  }
  return null;
}

export async function handleApprovalTags(ctx: WorkerContext, ticket: ZTicket, actorId: string | null): Promise<void> {
  const { store, config } = ctx;
  const ticketId = String(ticket.id);
  const { approveTag, rejectTag } = config.zendesk;
  const approve = ticket.tags.includes(approveTag);
  const reject = ticket.tags.includes(rejectTag);
  const now = ctx.now();
  const cleanupKey = `tags:cleanup:${ticketId}:${ticket.updated_at}`;
  const notice = async (text: string, extra: string[] = []) => {
    await store.enqueue(
      { idempotencyKey: cleanupKey, kind: 'zendesk.note', ticketId, payload: { notice: text, add: extra, remove: [approveTag, rejectTag] } },
      now,
    );
  };

  const draft = await store.latestDraft(ticketId);
  if (approve && reject) return notice(`both \`${approveTag}\` and \`${rejectTag}\` were added; nothing was done. Add only one of them.`);
  if (!draft) return notice(`there is no draft on this ticket to ${approve ? 'approve' : 'reject'}.`);
  const agent = await resolveAgent(ctx, actorId, ticket);
  if (!agent) return notice('could not tell which agent added the tag (no agent in the event and no assignee); nothing was sent. Assign the ticket and add the tag again.');

  const actor = `zendesk:${agent.id}`;
  if (approve) {
    const res = await approveDraft(store, { draftId: draft.id, actor, door: 'zendesk', now, authorId: String(agent.id), keepLabelText: config.labels.retentionDays > 0 });
    if (res.ok) {
      ctx.metrics.inc('approvals_total', { door: 'zendesk' });
      await notifyDecided(ctx.onDraftDecided, res.draft, store, ctx.log);
      ctx.log.info({ ticketId, draftId: draft.id, door: 'zendesk' }, 'draft approved');
      return; // the public reply removes the approve tag in the same update
    }
    // Approved but not yet posted: the pending public reply removes the tag; a repeat event needs no answer.
    if (res.state === 'approved') return;
    return notice(`draft #${draft.id} is ${res.state ?? 'not pending'} and cannot be approved; nothing was sent.`);
  }
  const res = await rejectDraft(store, { draftId: draft.id, actor, door: 'zendesk', reason: 'rejected in Zendesk with the reject tag', now, keepLabelText: config.labels.retentionDays > 0 });
  if (res.ok) {
    ctx.metrics.inc('rejections_total', { door: 'zendesk' });
    await notifyDecided(ctx.onDraftDecided, res.draft, store, ctx.log);
    await store.enqueue({ idempotencyKey: cleanupKey, kind: 'zendesk.tags', ticketId, payload: { add: [], remove: [rejectTag] } }, now);
    return;
  }
  return notice(`draft #${draft.id} is ${res.state ?? 'not pending'} and cannot be rejected.`);
}
