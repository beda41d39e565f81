// Sends one outbox row to Zendesk. Every write first re-reads the ticket: stale work is dropped, and the PUT is a
// safe_update against the updated_at we just read (409 = someone changed it meanwhile: retry). Every write carries
// its row's mark as audit metadata; after an ambiguous failure (timeout, 5xx, a crash after the PUT) we look for the
// mark in the audits before writing again, so nothing is sent twice (write-mark.ts).
import { markDraftPosted } from '../drafts/mark-posted.js';
import { notifyDecided } from '../drafts/notify-decided.js';
import { supersedeOvertaken } from '../drafts/supersede-overtaken.js';
import { NOT_SENT_REASON } from '../drafts/not-sent.js';
import type { OutboxRow } from '../store/types.js';
import type { ZTicket } from './api-types.js';
import type { WorkerContext } from './context.js';
import { formatDraftNote, formatNoticeNote, replyHtml } from './draft-note.js';
import { readThread } from './read-thread.js';
import { checkAuthor } from './reply-author.js';
import { editTags, replaceClassificationTags, TAGS } from './triage.js';
import { DONE_STATUSES } from './worker.js';
import { findMarkedAudit, mayHaveArrived, writeMark } from './write-mark.js';

type P = Record<string, unknown>;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function sendZendeskRow(ctx: WorkerContext, row: OutboxRow): Promise<P> {
  switch (row.kind) {
    case 'zendesk.note':
      return typeof row.payload.notice === 'string' ? sendNotice(ctx, row) : sendDraftNote(ctx, row);
    case 'zendesk.public_reply':
      return sendPublicReply(ctx, row);
    case 'zendesk.tags':
      return sendTags(ctx, row);
    default:
      throw new Error(`not a Zendesk outbox row: ${row.kind}`);
  }
}

/**
 * True when another attempt of this row reached Zendesk (its mark is on an audit). Asked after the ticket was read:
 * a write that lands after that read changes updated_at and our safe_update PUT gets a 409; one that landed before
 * it is on the audits. The row in hand is what the claim returned, and it can be out of date: the lease may have
 * run out while this worker was busy (a slow call, earlier rows of its batch), and another instance claimed the row
 * again and sent it. So the audits are skipped only on a first attempt whose claim is still the row's latest.
 */
async function arrivedBefore(ctx: WorkerContext, row: OutboxRow): Promise<boolean> {
  if (!mayHaveArrived(row) && (await ctx.store.holdsClaim(row))) return false;
  return findMarkedAudit(await ctx.zendesk.listAudits(row.ticketId), row) !== null;
}

const put = (ctx: WorkerContext, row: OutboxRow, ticket: ZTicket, update: Parameters<WorkerContext['zendesk']['updateTicket']>[1]) =>
  ctx.zendesk.updateTicket(row.ticketId, { ...update, metadata: writeMark(row), safe_update: true, updated_stamp: ticket.updated_at });

async function sendNotice(ctx: WorkerContext, row: OutboxRow): Promise<P> {
  const ticket = await ctx.zendesk.getTicket(row.ticketId);
  // A notice answers a tag an agent added; if that tag is gone (another instance handled it meanwhile), so is the
  // reason to write.
  const about = strings(row.payload.remove);
  if (about.length && !about.some((t) => ticket.tags.includes(t))) return { skipped: 'tag_gone' };
  if (await arrivedBefore(ctx, row)) return { already: true };
  await put(ctx, row, ticket, {
    comment: { html_body: formatNoticeNote(String(row.payload.notice)), public: false },
    tags: editTags(ticket.tags, strings(row.payload.add), strings(row.payload.remove)),
  });
  return { notice: true };
}

async function sendDraftNote(ctx: WorkerContext, row: OutboxRow): Promise<P> {
  const draft = row.draftId ? await ctx.store.getDraft(row.draftId) : null;
  if (!draft) return { skipped: 'draft_not_found' };
  // An auto-send that was stopped (notSent, below) before its note went out: the note would say "sent
  // automatically" after the note that says it was not.
  if (row.payload.autoSent === true && draft.state === 'rejected') return { skipped: 'not_sent' };
  const ticket = await ctx.zendesk.getTicket(row.ticketId);
  if (await arrivedBefore(ctx, row)) return { already: true };
  const { comments, users } = await ctx.zendesk.listComments(row.ticketId);
  const me = await ctx.zendesk.me();
  const { version, answered } = readThread(ticket, comments, users, me.id);
  if (version !== row.payload.version) {
    // The customer wrote again since this draft was made; the newer statement gets its own draft.
    ctx.log.info({ ticketId: row.ticketId, draftId: draft.id }, 'draft note dropped: ticket moved on');
    return { skipped: 'stale' };
  }
  // Solved or answered meanwhile: a draft would only invite a second answer (an auto-send row checks the same).
  // A corrected draft was asked for by an agent on this very ticket (often right after an auto-sent reply answered
  // it), so its note goes out unless the ticket is closed, where Zendesk refuses every update.
  const asked = draft.correctedFrom !== null;
  if (asked ? ticket.status === 'closed' : DONE_STATUSES.includes(ticket.status) || (answered && row.payload.autoSent !== true)) {
    ctx.log.info({ ticketId: row.ticketId, draftId: draft.id, status: ticket.status }, 'draft note dropped: ticket solved or answered meanwhile');
    return { skipped: answered ? 'answered' : 'closed' };
  }
  const html = formatDraftNote({
    draftId: draft.id,
    replyText: draft.text,
    classification: { slots: draft.slots, branch: draft.branch, confidence: draft.confidence, autoSend: draft.autoSendEligible, evidence: draft.evidence },
    template: { id: draft.templateId, version: draft.templateVersion },
    approveTag: ctx.config.zendesk.approveTag,
    rejectTag: ctx.config.zendesk.rejectTag,
    autoSent: row.payload.autoSent === true,
    superseded: Array.isArray(row.payload.superseded) ? (row.payload.superseded as number[]) : [],
  });
  const r = await put(ctx, row, ticket, {
    comment: { html_body: html, public: false },
    // This row carries a new classification: our classification tags are replaced, every other tag is kept.
    tags: replaceClassificationTags(ticket.tags, strings(row.payload.tags)),
    ...(typeof row.payload.priority === 'string' ? { priority: row.payload.priority } : {}),
    ...(typeof row.payload.groupId === 'number' ? { group_id: row.payload.groupId } : {}),
  });
  return { commentId: r.audit?.events?.find((e) => e.type === 'Comment')?.id ?? null };
}

function authorOf(payload: P): number | null {
  const direct = payload.authorId;
  if (typeof direct === 'string' && /^\d+$/.test(direct)) return Number(direct);
  if (typeof direct === 'number') return direct;
  const actor = typeof payload.authorActor === 'string' ? /^zendesk:(\d+)$/.exec(payload.authorActor) : null;
  return actor ? Number(actor[1]) : null;
}

async function sendPublicReply(ctx: WorkerContext, row: OutboxRow): Promise<P> {
  const draft = row.draftId ? await ctx.store.getDraft(row.draftId) : null;
  if (!draft) return { skipped: 'draft_not_found' };
  const now = ctx.now();
  if (draft.state === 'posted') return { already: true };
  if (draft.state === 'rejected') return { skipped: 'rejected' };
  // Only an overtaken approval (below) leaves approved|auto for superseded: a retry of its row posts nothing.
  if (draft.state === 'superseded') return { skipped: 'superseded' };
  const text = String(row.payload.text ?? draft.editedText ?? draft.text);
  const api = await ctx.apiUser();
  const author = authorOf(row.payload) ?? api.userId;
  const door = String(row.payload.door ?? 'unknown');
  const ticket = await ctx.zendesk.getTicket(row.ticketId);
  const recovered = await arrivedBefore(ctx, row);
  if (!recovered) {
    const { comments, users } = await ctx.zendesk.listComments(row.ticketId);
    const seen = readThread(ticket, comments, users, api.userId);
    // Every door: the customer wrote after the statement this draft answers (its webhook is late or lost), so the
    // reply would answer what they no longer say. Nothing is posted; the newer statement gets its own draft.
    if (seen.version !== draft.ticketVersion) return overtaken(ctx, row, ticket, draft.id, seen.version);
    // Someone else answered the customer first, or anyone did after the approval (a send that failed for a while and
    // was retried from the dead letters): ours would be a second answer. The approver's own word before approving
    // ("thanks, we are on it") is theirs to follow up. Nobody approved an auto-send row: any answer stops it, and so
    // does a solved ticket (an agent who approves on a solved ticket means it).
    const approvedAt = draft.decidedAt?.getTime() ?? 0;
    const handAnswered = door === 'auto' ? seen.answered : seen.answers.some((a) => a.authorId !== author || Date.parse(a.at) > approvedAt);
    if (handAnswered) return notSent(ctx, row, draft.id, 'answered');
    if (door === 'auto' && DONE_STATUSES.includes(ticket.status)) return notSent(ctx, row, draft.id, 'solved');
    // The last line of defence for every door: an author Zendesk would flag, or whose reply would not be public.
    const check = await checkAuthor(ctx.zendesk, author, api);
    if (!check.ok) return refuseAuthor(ctx, row, draft.id, author, check.reason);
    await put(ctx, row, ticket, {
      comment: { html_body: replyHtml(text), public: true, author_id: author },
      tags: editTags(ticket.tags, [door === 'auto' ? TAGS.autoSent : TAGS.approved], [ctx.config.zendesk.approveTag, TAGS.needsApproval]),
    });
  }
  const marked = await markDraftPosted(ctx.store, draft.id, now);
  if (marked.ok) await notifyDecided(ctx.onDraftDecided, marked.draft, ctx.store, ctx.log);
  await ctx.store.audit({ action: 'reply.posted', ticketId: row.ticketId, draftId: draft.id, actor: String(row.payload.authorActor ?? row.payload.door ?? ''), details: { door: row.payload.door ?? null, authorId: author, recovered } }, now);
  ctx.metrics.inc('public_replies_total', { door });
  return recovered ? { already: true } : { posted: true };
}

// The customer overtook the draft. The approver hears it in their door: in Zendesk (approve tag, sidebar app) a
// private note, written before the draft changes state and with its own mark, so a retry finds it instead of writing
// it twice, and the approve tag goes with it (left on the ticket it would approve the newer draft); Slack's card and
// the review page show the superseded draft through the decided hooks. The stored event makes the worker draft the
// newer statement now, not when its webhook (or the reconcile poll) finally brings it.
async function overtaken(ctx: WorkerContext, row: OutboxRow, ticket: ZTicket, draftId: number, version: string | null): Promise<P> {
  const now = ctx.now();
  const door = String(row.payload.door ?? 'unknown');
  if (door === 'zendesk') {
    const noteRow = { ...row, idempotencyKey: `overtaken:${row.idempotencyKey}` };
    const via = String(row.payload.authorActor ?? 'the approve tag');
    const notice = `draft #${draftId} was approved (${via}) but not sent: the customer wrote again after it was drafted, so it no longer answers them. A new draft for their newer message follows; approve that one instead.`;
    if (!(await arrivedBefore(ctx, noteRow))) {
      await put(ctx, noteRow, ticket, { comment: { html_body: formatNoticeNote(notice), public: false }, tags: editTags(ticket.tags, [], [ctx.config.zendesk.approveTag]) });
    }
  }
  const superseded = await ctx.store.withTx(async (tx) => {
    const d = await supersedeOvertaken(tx, { draftId, version, now });
    if (d && d.supersededBy === null) {
      await tx.insertEvent({ key: `overtaken:${draftId}`, source: 'reconcile', ticketId: row.ticketId, type: 'reply.overtaken', payload: { draftId, version } }, now);
    }
    return d;
  });
  if (superseded) await notifyDecided(ctx.onDraftDecided, superseded, ctx.store, ctx.log);
  ctx.metrics.inc('public_replies_overtaken_total', { door });
  ctx.log.info({ ticketId: row.ticketId, draftId, door }, 'public reply not sent: the customer wrote again');
  return { skipped: 'overtaken', version };
}

// The ticket moved on after the draft was made: someone answered the customer publicly, or (auto-send only) it was
// solved. Nothing is published; the draft ends as rejected with the reason, the ticket gets a private note saying
// so (its own outbox row; an auto-send's draft note already said "sent automatically", this one corrects it), an
// approve tag goes with it (left on the ticket it would approve the next draft; a notice that removes tags is only
// written while one of them is there, so other doors remove none), and Slack's card and the review page show it.
async function notSent(ctx: WorkerContext, row: OutboxRow, draftId: number, cause: 'answered' | 'solved'): Promise<P> {
  const door = String(row.payload.door ?? 'unknown');
  const why = cause === 'answered' ? 'the customer was answered publicly in Zendesk after it was drafted, so it would have been a second answer' : 'the ticket was solved after it was drafted';
  const what = door === 'auto' ? `draft #${draftId} was not sent automatically after all` : `draft #${draftId} was approved (${String(row.payload.authorActor ?? door)}) but not sent`;
  await rejectUnposted(ctx, row, draftId, {
    reason: NOT_SENT_REASON[cause],
    note: { key: `not-sent:${draftId}`, notice: `${what}: ${why}. Nothing was sent.`, remove: door === 'zendesk' ? [ctx.config.zendesk.approveTag] : [] },
    audit: { action: 'reply.not_sent', actor: String(row.payload.authorActor ?? door), details: { cause, door } },
  });
  ctx.metrics.inc('public_replies_not_sent_total', { door, cause });
  ctx.log.info({ ticketId: row.ticketId, draftId, door, cause }, 'public reply not sent: the ticket moved on first');
  return { skipped: cause };
}

// The approved author cannot post (light agent, chat-only, not an agent, or a non-admin API user writing for
// someone else). Nothing is published; the draft ends as rejected with the reason, the ticket gets a private note
// saying what to fix (its own outbox row, so it is retried like any note), and the audit and the approving door
// (Slack card, review page) show it.
async function refuseAuthor(ctx: WorkerContext, row: OutboxRow, draftId: number, author: number, reason: string): Promise<P> {
  const via = String(row.payload.authorActor ?? row.payload.door ?? 'the approval');
  const door = String(row.payload.door);
  const fix =
    door === 'slack'
      ? 'Map the approver to a full agent in SLACK_USER_MAP (or give them one with the same e-mail).'
      : door === 'review'
        ? "Set this reviewer's zendeskUserId in REVIEW_USERS to a full agent."
        : 'Approve it as a full agent.';
  await rejectUnposted(ctx, row, draftId, {
    reason: `cannot be posted as Zendesk user ${author}: ${reason}`,
    note: { key: `refused:${draftId}`, notice: `draft #${draftId} was approved (${via}) but cannot be posted as Zendesk user ${author}: ${reason} Nothing was sent to the customer. ${fix}`, remove: [] },
    audit: { action: 'reply.refused', actor: via, details: { authorId: author, reason } },
  });
  ctx.log.warn({ ticketId: row.ticketId, draftId, authorId: author }, 'public reply refused: the author cannot post it');
  return { refused: reason };
}

interface Unposted {
  /** The draft's reason, shown on Slack's card and the review page. */
  reason: string;
  /** The private note that tells Zendesk (its own outbox row, retried like any note) and the tags it removes. */
  note: { key: string; notice: string; remove: string[] };
  audit: { action: string; actor: string; details: Record<string, unknown> };
}

/** An approved (or auto-send) reply that will not be posted: the draft ends rejected, the note and audit with it. */
async function rejectUnposted(ctx: WorkerContext, row: OutboxRow, draftId: number, u: Unposted): Promise<void> {
  const now = ctx.now();
  const rejected = await ctx.store.withTx(async (tx) => {
    const d = await tx.transitionDraft(draftId, ['approved', 'auto'], 'rejected', { decidedAt: now, reason: u.reason });
    await tx.enqueue({ idempotencyKey: u.note.key, kind: 'zendesk.note', ticketId: row.ticketId, draftId, payload: { notice: u.note.notice, add: [], remove: u.note.remove } }, now);
    await tx.audit({ ...u.audit, ticketId: row.ticketId, draftId }, now);
    return d;
  });
  if (rejected) await notifyDecided(ctx.onDraftDecided, rejected, ctx.store, ctx.log);
}

async function sendTags(ctx: WorkerContext, row: OutboxRow): Promise<P> {
  const ticket = await ctx.zendesk.getTicket(row.ticketId);
  // Rows with a classification (an off-topic triage; older rows carry `version`) replace our classification tags;
  // cleanup rows (a rejection) add and remove only their own.
  const classified = row.payload.replace === true || typeof row.payload.version === 'string';
  const tags = classified
    ? replaceClassificationTags(ticket.tags, strings(row.payload.add), strings(row.payload.remove))
    : editTags(ticket.tags, strings(row.payload.add), strings(row.payload.remove));
  if (tags.length === ticket.tags.length && tags.every((t) => ticket.tags.includes(t))) return { unchanged: true };
  if (await arrivedBefore(ctx, row)) return { already: true };
  await put(ctx, row, ticket, { tags });
  return { tags };
}
