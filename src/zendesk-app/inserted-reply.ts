// "Insert into reply" counts as an approval once the agent sends it: when the ticket's next public comment after the
// customer statement a pending draft answers is by an agent who inserted that draft from the sidebar (audit
// `draft.inserted`), and it carries the draft, the worker approves the draft as that agent through approveDraft.
// The draft is marked posted in the same transaction, so the public reply row that approval enqueues sends nothing;
// the label is `confirmed`.
import { approveDraft } from '../drafts/index.js';
import { markDraftPosted } from '../drafts/mark-posted.js';
import { notifyDecided } from '../drafts/notify-decided.js';
import type { DraftRow } from '../store/types.js';
import type { ZComment, ZUser } from '../zendesk/api-types.js';
import type { WorkerContext } from '../zendesk/context.js';
import { shownText } from './sidebar-view.js';

/** Share of the draft's words the comment must contain: agents may add a greeting or fix a word. */
export const CARRY_SHARE = 0.9;

function words(text: string): string[] {
  // Link targets go: the composer shows a link's label, and Zendesk's plain body may drop the URL.
  const plain = text.replace(/\]\((?:https?:\/\/|mailto:)[^)]*\)/gi, ' ').replace(/(?:https?:\/\/|mailto:)\S+/gi, ' ');
  return plain.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
}

/** Pure: whether `comment` contains (nearly) every word of `draft`, counted with multiplicity. */
export function carriesDraft(comment: string, draft: string): boolean {
  const want = words(draft);
  if (want.length === 0) return false;
  const have = new Map<string, number>();
  for (const w of words(comment)) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found += 1;
      have.set(w, n - 1);
    }
  }
  return found / want.length >= CARRY_SHARE;
}

/** Pure: the first public comment after the statement the draft answers, if an agent (not the bot) wrote it. */
export function nextAgentReply(draft: Pick<DraftRow, 'ticketVersion'>, comments: ZComment[], users: ZUser[], botUserId: number): ZComment | null {
  const byId = new Map(users.map((u) => [u.id, u]));
  const sorted = [...comments].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  const at = sorted.findIndex((c) => String(c.id) === draft.ticketVersion);
  if (at < 0) return null;
  const next = sorted.slice(at + 1).find((c) => c.public);
  if (!next || next.author_id === botUserId) return null;
  const role = byId.get(next.author_id)?.role;
  return role === 'agent' || role === 'admin' ? next : null;
}

export async function approveInsertedReply(ctx: WorkerContext, draft: DraftRow, comments: ZComment[], users: ZUser[], botUserId: number): Promise<boolean> {
  const reply = nextAgentReply(draft, comments, users, botUserId);
  if (!reply) return false;
  const actor = `zendesk-app:${reply.author_id}`;
  const inserts = (await ctx.store.listAudit({ draftId: draft.id })).filter((a) => a.action === 'draft.inserted' && a.actor === actor);
  if (inserts.length === 0) return false;
  const body = reply.body ?? '';
  const texts = [draft.text, ...(inserts.some((a) => a.details.language !== draft.language) ? [shownText(draft, true).text] : [])];
  if (!texts.some((t) => carriesDraft(body, t))) return false;
  // Approved and posted in one transaction: the agent's own comment is the reply, so the public-reply row the
  // approval queues finds the draft posted and sends nothing (send.ts), whoever claims it first.
  const r = await ctx.store.withTx(async (tx) => {
    const approved = await approveDraft(tx, {
      draftId: draft.id,
      actor,
      door: 'zendesk',
      // What the customer actually received is the approved text.
      editedText: body,
      authorId: String(reply.author_id),
      keepLabelText: ctx.config.labels.retentionDays > 0,
      now: ctx.now(),
    });
    return approved.ok ? markDraftPosted(tx, draft.id, ctx.now()) : approved;
  });
  if (!r.ok) return false;
  ctx.metrics.inc('approvals_total', { door: 'zendesk-app' });
  ctx.log.info({ ticketId: draft.ticketId, draftId: draft.id, actor }, 'inserted draft sent by the agent: recorded as their approval');
  await notifyDecided(ctx.onDraftDecided, r.draft, ctx.store, ctx.log);
  return true;
}
