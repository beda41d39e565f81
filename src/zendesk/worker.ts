// Handles one stored event: read the ticket through the API (authoritative: the webhook only says something
// changed), act on approve/reject tags, and draft a reply when the customer said something new. Our own writes
// come back as events too; they find no new customer statement and no tag, so they do nothing (no loops).
import { createHash } from 'node:crypto';
import { classify } from '../classify/index.js';
import { notifyDecided } from '../drafts/notify-decided.js';
import { renderReply } from '../replies/index.js';
import type { EventRow } from '../store/types.js';
import { handleApprovalTags } from './approval-tags.js';
import type { WorkerContext } from './context.js';
import { fixTagsOf, handleFixTags } from './fix-tags.js';
import { readThread } from './read-thread.js';
import { classificationTags, TAGS, triageFor } from './triage.js';
import { approveInsertedReply } from '../zendesk-app/inserted-reply.js';

export type EventOutcome =
  | 'drafted'
  | 'auto-sent'
  | 'off-topic'
  | 'no-new-statement'
  | 'own-change'
  | 'approval'
  | 'correction'
  | 'unchanged'
  | 'closed'
  | 'answered';

// Solved and closed tickets need no draft (and certainly no auto-sent reply): a customer who writes again on a
// solved ticket reopens it ("If an end user comments on a ticket with a status set to Pending, Solved, or On-hold,
// the ticket status is changed to Open"), and closed tickets cannot be updated at all.
// https://support.zendesk.com/hc/en-us/articles/4408894213018-About-native-system-ticket-rules
export const DONE_STATUSES: readonly string[] = ['solved', 'closed'];

export async function processEvent(ctx: WorkerContext, evt: EventRow): Promise<EventOutcome> {
  const { zendesk, store, config } = ctx;
  const payload = (evt.payload ?? {}) as { actorId?: string | null };
  const me = await zendesk.me();
  const ticket = await zendesk.getTicket(evt.ticketId);

  const fixes = fixTagsOf(ticket.tags, config.zendesk.fixTagPrefix);
  if (fixes.length) {
    await handleFixTags(ctx, ticket, fixes);
    return 'correction';
  }
  const tagged = ticket.tags.includes(config.zendesk.approveTag) || ticket.tags.includes(config.zendesk.rejectTag);
  if (tagged) {
    await handleApprovalTags(ctx, ticket);
    return 'approval';
  }
  if (payload.actorId && payload.actorId === String(me.id)) return 'own-change';
  if (DONE_STATUSES.includes(ticket.status)) return 'closed';

  const { comments, users } = await zendesk.listComments(evt.ticketId);
  const { thread, version, answered } = readThread(ticket, comments, users, me.id);
  if (!version || !thread.body) return 'no-new-statement';
  const latest = await store.latestDraft(evt.ticketId);
  // An agent answered the newest statement publicly already; the next customer message gets a draft again. That
  // answer may be the draft itself, inserted from the sidebar app: then it counts as that agent's approval.
  if (answered) {
    const current = latest && latest.ticketVersion === version && latest.state === 'pending' ? latest : null;
    if (current && ctx.config.zendeskApp && (await approveInsertedReply(ctx, current, comments, users, me.id))) return 'approval';
    return 'answered';
  }
  if (latest && latest.ticketVersion === version) return 'unchanged';

  const started = performance.now();
  const classification = classify(thread);
  ctx.metrics.observe('classify_seconds', (performance.now() - started) / 1000);
  ctx.metrics.inc('classifications_total', { branch: classification.branch });
  const now = ctx.now();

  if (classification.branch === 'off-topic') {
    // Triage only. A pending draft for an earlier statement no longer answers the ticket.
    const superseded = await store.withTx(async (tx) => {
      const old = latest?.state === 'pending' ? await tx.transitionDraft(latest.id, ['pending'], 'superseded', { decidedAt: now }) : null;
      await tx.enqueue(
      {
        idempotencyKey: `tags:${evt.ticketId}:${version}`,
        kind: 'zendesk.tags',
        ticketId: evt.ticketId,
          payload: { add: classificationTags(classification), remove: [TAGS.needsApproval], version, replace: true },
        },
        now,
      );
      await tx.audit({ action: 'ticket.off_topic', ticketId: evt.ticketId, eventKey: evt.key, details: { confidence: classification.confidence, version } }, now);
      return old;
    });
    if (superseded) await notifyDecided(ctx.onDraftDecided, superseded, store, ctx.log);
    ctx.log.info({ ticketId: evt.ticketId, branch: 'off-topic', confidence: classification.confidence }, 'ticket triaged as off-topic');
    return 'off-topic';
  }

  const reply = renderReply(
    {
      branch: classification.branch,
      language: classification.slots.language,
      product: classification.slots.product,
      slots: classification.slots,
      ...(thread.requesterName ? { requesterName: thread.requesterName } : {}),
    },
    'markdown',
  );
  const inputHash = createHash('sha256').update(JSON.stringify([thread, reply.templateId, reply.version])).digest('hex');

  const auto = config.autoSend && classification.autoSend && !(await ctx.autoSendKilled());
  const triage = triageFor(classification, config.triage);
  const tags = [...classificationTags(classification), auto ? TAGS.autoSent : TAGS.needsApproval];
  // Draft, note, auto reply, audit and the hooks' rows commit together: a crash in between must not leave a draft
  // whose note never goes out (the next event would find the version already drafted).
  let draft;
  try {
    draft = await store.withTx(async (tx) => {
      const { draft, superseded } = await tx.createDraft(
        { ticketId: evt.ticketId, ticketVersion: version, inputHash, thread, classification, templateId: reply.templateId, templateVersion: reply.version, text: reply.text },
        now,
        auto ? 'auto' : 'pending',
      );
      await tx.enqueue(
        {
          idempotencyKey: `note:${draft.id}`,
          kind: 'zendesk.note',
          ticketId: evt.ticketId,
          draftId: draft.id,
          payload: { version, tags, priority: triage.priority ?? null, groupId: triage.groupId ?? null, superseded: superseded.map((d) => d.id), autoSent: auto },
        },
        now,
      );
      if (auto) {
        await tx.enqueue(
          {
            idempotencyKey: `public_reply:${draft.id}`,
            kind: 'zendesk.public_reply',
            ticketId: evt.ticketId,
            draftId: draft.id,
            payload: { text: draft.text, door: 'auto', authorId: null },
          },
          now,
        );
      }
      await tx.audit(
        {
          action: auto ? 'draft.auto' : 'draft.created',
          ticketId: evt.ticketId,
          draftId: draft.id,
          eventKey: evt.key,
          details: {
            inputHash,
            slots: classification.slots,
            branch: classification.branch,
            confidence: classification.confidence,
            template: `${reply.templateId}@${reply.version}`,
            superseded: superseded.map((d) => d.id),
          },
        },
        now,
      );
      for (const hook of ctx.onDraftCreated) await hook(draft, tx);
      return draft;
    });
  } catch (err) {
    // Another instance drafted this very statement first (unique ticket + version): nothing left to do.
    if ((err as { code?: string }).code === '23505') return 'unchanged';
    throw err;
  }
  if (auto) ctx.metrics.inc('auto_sends_total');
  ctx.metrics.inc('drafts_total', { branch: classification.branch });
  ctx.log.info(
    { ticketId: evt.ticketId, draftId: draft.id, branch: classification.branch, confidence: classification.confidence, auto },
    'draft created',
  );
  return auto ? 'auto-sent' : 'drafted';
}
