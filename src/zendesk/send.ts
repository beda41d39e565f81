// Sends one outbox row to Zendesk. Every write first re-reads the ticket: stale work is dropped, work that already
// arrived (a crash after the PUT, a timed-out PUT that Zendesk applied) is recognised and not sent twice, and the
// PUT itself is a safe_update against the updated_at we just read (409 = someone changed it meanwhile: retry).
import { markDraftPosted } from '../drafts/mark-posted.js';
import { notifyDecided } from '../drafts/notify-decided.js';
import type { OutboxRow } from '../store/types.js';
import type { ZComment } from './api-types.js';
import type { WorkerContext } from './context.js';
import { formatDraftNote, formatNoticeNote, NOTE_MARKER } from './draft-note.js';
import { readThread } from './read-thread.js';
import { mergeTags, TAGS } from './triage.js';

type P = Record<string, unknown>;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const normalise = (s: string) => s.replace(/[\s*_`#>\\-]+/g, ' ').trim().slice(0, 2000);

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

async function sendNotice(ctx: WorkerContext, row: OutboxRow): Promise<P> {
  const ticket = await ctx.zendesk.getTicket(row.ticketId);
  // A notice answers a tag an agent added; if that tag is gone (another instance handled it meanwhile), so is the
  // reason to write.
  const about = strings(row.payload.remove);
  if (about.length && !about.some((t) => ticket.tags.includes(t))) return { skipped: 'tag_gone' };
  await ctx.zendesk.updateTicket(row.ticketId, {
    comment: { body: formatNoticeNote(String(row.payload.notice)), public: false },
    tags: mergeTags(ticket.tags, strings(row.payload.add), strings(row.payload.remove)),
    safe_update: true,
    updated_stamp: ticket.updated_at,
  });
  return { notice: true };
}

async function sendDraftNote(ctx: WorkerContext, row: OutboxRow): Promise<P> {
  const draft = row.draftId ? await ctx.store.getDraft(row.draftId) : null;
  if (!draft) return { skipped: 'draft_not_found' };
  const ticket = await ctx.zendesk.getTicket(row.ticketId);
  const { comments, users } = await ctx.zendesk.listComments(row.ticketId);
  if (comments.some((c) => !c.public && c.body.includes(NOTE_MARKER(draft.id)))) return { already: true };
  const me = await ctx.zendesk.me();
  const { version } = readThread(ticket, comments, users, me.id);
  if (version !== row.payload.version) {
    // The customer wrote again since this draft was made; the newer statement gets its own draft.
    ctx.log.info({ ticketId: row.ticketId, draftId: draft.id }, 'draft note dropped: ticket moved on');
    return { skipped: 'stale' };
  }
  const text = formatDraftNote({
    draftId: draft.id,
    replyText: draft.text,
    classification: { slots: draft.slots, branch: draft.branch, confidence: draft.confidence, autoSend: draft.autoSendEligible, evidence: draft.evidence },
    template: { id: draft.templateId, version: draft.templateVersion },
    approveTag: ctx.config.zendesk.approveTag,
    rejectTag: ctx.config.zendesk.rejectTag,
    autoSent: row.payload.autoSent === true,
    superseded: Array.isArray(row.payload.superseded) ? (row.payload.superseded as number[]) : [],
  });
  const r = await ctx.zendesk.updateTicket(row.ticketId, {
    comment: { body: text, public: false },
    tags: mergeTags(ticket.tags, strings(row.payload.tags)),
    ...(typeof row.payload.priority === 'string' ? { priority: row.payload.priority } : {}),
    ...(typeof row.payload.groupId === 'number' ? { group_id: row.payload.groupId } : {}),
    safe_update: true,
    updated_stamp: ticket.updated_at,
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
  const text = String(row.payload.text ?? draft.editedText ?? draft.text);
  const me = await ctx.zendesk.me();
  const author = authorOf(row.payload) ?? me.id;
  const ticket = await ctx.zendesk.getTicket(row.ticketId);
  const { comments } = await ctx.zendesk.listComments(row.ticketId);
  const target = normalise(text);
  // Only comments after the customer statement this draft answers can be our reply: no clock comparison needed.
  const answered = comments.findIndex((c: ZComment) => String(c.id) === draft.ticketVersion);
  const posted = comments.slice(answered + 1).find((c: ZComment) => c.public && c.author_id === author && normalise(c.body) === target);
  const approvedTag = row.payload.door === 'auto' ? TAGS.autoSent : TAGS.approved;
  if (!posted) {
    await ctx.zendesk.updateTicket(row.ticketId, {
      comment: { body: text, public: true, author_id: author },
      tags: mergeTags(ticket.tags, [approvedTag], [ctx.config.zendesk.approveTag, TAGS.needsApproval]),
      safe_update: true,
      updated_stamp: ticket.updated_at,
    });
  }
  const marked = await markDraftPosted(ctx.store, draft.id, now);
  if (marked.ok) await notifyDecided(ctx.onDraftDecided, marked.draft, ctx.store, ctx.log);
  await ctx.store.audit({ action: 'reply.posted', ticketId: row.ticketId, draftId: draft.id, actor: String(row.payload.authorActor ?? row.payload.door ?? ''), details: { door: row.payload.door ?? null, authorId: author, recovered: Boolean(posted) } }, now);
  ctx.metrics.inc('public_replies_total', { door: String(row.payload.door ?? 'unknown') });
  return posted ? { already: true } : { posted: true };
}

async function sendTags(ctx: WorkerContext, row: OutboxRow): Promise<P> {
  const ticket = await ctx.zendesk.getTicket(row.ticketId);
  const tags = mergeTags(ticket.tags, strings(row.payload.add), strings(row.payload.remove));
  if (tags.length === ticket.tags.length && tags.every((t) => ticket.tags.includes(t))) return { unchanged: true };
  await ctx.zendesk.updateTicket(row.ticketId, { tags, safe_update: true, updated_stamp: ticket.updated_at });
  return { tags };
}
