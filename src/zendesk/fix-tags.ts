// The Zendesk door for corrections: an agent adds `<prefix><branch>` (default m365_fix_hybrid, m365_fix_rename,
// m365_fix_full_guide, m365_fix_modern_direct, m365_fix_rename_or_hybrid, m365_fix_off_topic) to say which branch
// was right. The same correctDraft() as the review page and Slack re-drafts the ticket for that branch as a private
// note (or, for off_topic, closes the draft without a reply); the tag is removed once handled. A repeat event (our
// own note or tag change comes back as one) finds the correction already made and only removes the tag.
import { correctDraft } from '../drafts/correct-draft.js';
import { notifyDecided } from '../drafts/notify-decided.js';
import { classificationOf, isBranch } from '../drafts/reading.js';
import type { Branch } from '../classify/types.js';
import type { DraftRow } from '../store/types.js';
import type { ZTicket } from './api-types.js';
import { tagAdder } from './approval-tags.js';
import type { WorkerContext } from './context.js';
import { classificationTags, TAGS } from './triage.js';

export interface FixTag {
  tag: string;
  /** null when the suffix names no branch (a typo): answered with a notice. */
  branch: Branch | null;
}

/** Pure: the fix tags on a ticket. Branch names use `_` in tags (Zendesk tags have no `-` convention of ours). */
export function fixTagsOf(tags: readonly string[], prefix: string): FixTag[] {
  return tags
    .filter((t) => t.startsWith(prefix) && t.length > prefix.length)
    .map((tag) => {
      const name = tag.slice(prefix.length).replace(/_/g, '-');
      return { tag, branch: isBranch(name) ? name : null };
    });
}

// Zendesk replaces the whole tag list and mergeTags drops classification tags it is not given: removing the fix tag
// must restate the tags of the reading that now stands.
const tagsOf = (d: Pick<DraftRow, 'slots' | 'branch' | 'confidence' | 'evidence' | 'state'>): string[] => [
  ...classificationTags(classificationOf(d)),
  ...(d.state === 'pending' ? [TAGS.needsApproval] : []),
];

export const fixTagFor = (prefix: string, branch: Branch): string => `${prefix}${branch.replace(/-/g, '_')}`;

export async function handleFixTags(ctx: WorkerContext, ticket: ZTicket, fixes: FixTag[]): Promise<void> {
  const { store, config } = ctx;
  const ticketId = String(ticket.id);
  const { approveTag, rejectTag, fixTagPrefix } = config.zendesk;
  const now = ctx.now();
  const remove = fixes.map((f) => f.tag);
  const notice = (text: string, alsoRemove: string[] = []) =>
    store.enqueue(
      { idempotencyKey: `tags:fix:${ticketId}:${ticket.updated_at}`, kind: 'zendesk.note', ticketId, payload: { notice: text, add: [], remove: [...remove, ...alsoRemove] } },
      now,
    );
  const cleanup = (draftId: number, add: string[]) =>
    store.enqueue({ idempotencyKey: `tags:fix-done:${draftId}:${remove.join(',')}`, kind: 'zendesk.tags', ticketId, draftId, payload: { add, remove } }, now);

  if (ticket.tags.includes(approveTag) || ticket.tags.includes(rejectTag)) {
    return void (await notice(`a fix tag and \`${approveTag}\`/\`${rejectTag}\` were added together; nothing was done. Add the fix tag first, then approve the corrected draft.`, [approveTag, rejectTag]));
  }
  if (fixes.length > 1) return void (await notice(`several fix tags were added (${remove.map((t) => `\`${t}\``).join(', ')}); nothing was done. Add the one right branch.`));
  const fix = fixes[0]!;
  if (!fix.branch) {
    const known = ['full-guide', 'modern-direct', 'rename-or-hybrid', 'rename', 'hybrid', 'off-topic'].map((b) => `\`${fixTagFor(fixTagPrefix, b as Branch)}\``);
    return void (await notice(`\`${fix.tag}\` names no branch; use one of ${known.join(', ')}.`));
  }
  const draft = await store.latestDraft(ticketId);
  if (!draft) return void (await notice('there is no draft on this ticket to correct.'));
  // Already handled (a replayed event, our own write coming back): only the tag is left to remove.
  if (draft.correctedFrom !== null && draft.branch === fix.branch) return void (await cleanup(draft.id, tagsOf(draft)));
  // Who added the fix tag, from the ticket's audits (as for the approve tag), never from the event's actor.
  const adder = await tagAdder(ctx, ticketId, fix.tag);
  if (!adder.ok) return void (await notice(`${adder.why}; nothing was changed. Add the tag again yourself.`));
  const agent = adder.user;

  const res = await correctDraft(store, {
    draftId: draft.id,
    actor: `zendesk:${agent.id}`,
    door: 'zendesk',
    branch: fix.branch,
    keepLabelText: config.labels.retentionDays > 0,
    onCreated: ctx.onDraftCreated,
    now,
  });
  if (!res.ok) {
    if (res.code === 'reading_unchanged' && res.draft) return void (await cleanup(res.draft.id, tagsOf(res.draft)));
    return void (await notice(`${res.message.charAt(0).toUpperCase()}${res.message.slice(1)} Nothing was changed.`));
  }
  const { branch, ...slots } = res.labels;
  await cleanup(draft.id, res.corrected ? tagsOf(res.corrected) : tagsOf({ ...draft, slots, branch, state: res.draft.state }));
  ctx.metrics.inc('corrections_total', { door: 'zendesk' });
  if (res.tripped) {
    ctx.metrics.inc('auto_send_breaker_trips_total');
    ctx.log.warn({ ticketId, draftId: draft.id, from: draft.branch, to: res.labels.branch }, 'auto-sent reply corrected: auto-send turned off');
  }
  if (res.draft.state !== draft.state) await notifyDecided(ctx.onDraftDecided, res.draft, store, ctx.log);
  ctx.log.info({ ticketId, draftId: draft.id, correctedDraftId: res.corrected?.id ?? null, from: draft.branch, to: res.labels.branch, door: 'zendesk' }, 'reading corrected');
}
