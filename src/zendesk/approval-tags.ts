// The Zendesk door for approvals: an agent adds the approve (or reject) tag to the ticket. The same approveDraft()
// as Slack and the review page decides, so a second tag, a replayed event or another instance posts nothing more.
import { approveDraft } from '../drafts/approve-draft.js';
import { notifyDecided } from '../drafts/notify-decided.js';
import { rejectDraft } from '../drafts/reject-draft.js';
import type { ZTicket, ZUser } from './api-types.js';
import { userKind } from './api-user.js';
import type { WorkerContext } from './context.js';
import { isZendeskError } from './client.js';
import { authorProblem } from './reply-author.js';
import { whoAddedTag } from './tag-adder.js';

export type Adder = { ok: true; user: ZUser } | { ok: false; why: string };

// Who added the tag, from the ticket's audits (the newest change that added it), never from the event being
// processed: its actor caused that event, events arrive in any order, and the tags are read as they are now. If the
// audits do not name an agent, we say so instead of guessing (the assignee or the last actor would post the reply
// in someone else's name).
export async function tagAdder(ctx: WorkerContext, ticketId: string, tag: string): Promise<Adder> {
  const id = whoAddedTag(await ctx.zendesk.listAudits(ticketId), tag);
  if (id === null) return { ok: false, why: `could not find in the ticket's history who added \`${tag}\`` };
  if (id <= 0) return { ok: false, why: `\`${tag}\` was added by Zendesk itself (a trigger or automation), not by an agent` };
  try {
    const user = await ctx.zendesk.getUser(String(id));
    if (userKind(user) === 'end-user' || userKind(user) === 'inactive') return { ok: false, why: `\`${tag}\` was added by Zendesk user ${id}, who is not an active agent` };
    return { ok: true, user };
  } catch (err) {
    if (isZendeskError(err) && err.failure === 'not_found') return { ok: false, why: `\`${tag}\` was added by Zendesk user ${id}, who no longer exists` };
    throw err;
  }
}

export async function handleApprovalTags(ctx: WorkerContext, ticket: ZTicket): Promise<void> {
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
  const adder = await tagAdder(ctx, ticketId, approve ? approveTag : rejectTag);
  if (!adder.ok) return notice(`${adder.why}; nothing was ${approve ? 'sent' : 'done'}. Remove the tag and add it again yourself.`);
  const agent = adder.user;
  if (approve) {
    const problem = authorProblem(agent, await ctx.apiUser());
    if (problem) return notice(`\`${approveTag}\` was added by ${agent.name} (${agent.id}), who cannot be the author of the public reply: ${problem} Nothing was sent; an agent with a full Support seat can add the tag instead.`);
  }

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
