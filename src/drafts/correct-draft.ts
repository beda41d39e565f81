// The one way an agent says what the right reading was. The review page's "Wrong reading?", Slack's reject form and
// the Zendesk fix tag all call this (and the Zendesk sidebar app will too). In one transaction:
// - a pending draft is replaced by a new pending draft rendered from the templates for the corrected reading (branch
//   from the decision table), ready to approve; its private note goes out through the outbox;
// - an auto-sent draft (the customer already has the reply) gets the same corrected draft, and auto-send is turned
//   off on every instance (the circuit breaker: the stored kill switch), the ticket is flagged for an agent;
// - a correction to off-topic closes the pending draft without a reply;
// - the label of the statement becomes the corrected reading; the audit records who, where, old and new reading.
// Like approval, the state change checks the old state, so two doors or instances cannot both correct one draft.
import { createHash } from 'node:crypto';
import type { Branch, Classification, Slots } from '../classify/types.js';
import { tripBreaker } from '../ops/auto-send-switch.js';
import { renderReply } from '../replies/index.js';
import type { DraftRow, Store, TrueReading } from '../store/types.js';
import { classificationTags, TAGS } from '../zendesk/triage.js';
import type { ApprovalDoor } from './approve-draft.js';
import { changedSlots, classificationOf, readingOf, slotsForBranch, trueReading } from './reading.js';
import { isAutoSentDraft, recordLabel } from './record-label.js';
import { draftNotFound, draftNotPending } from './result.js';

/** Added to a ticket whose auto-sent reply was corrected: an agent should answer the customer. */
export const AUTO_SEND_CORRECTED_TAG = 'm365_auto_send_corrected';

export interface CorrectInput {
  draftId: number;
  /** Who corrected, e.g. `review:anna`, `slack:U123`, `zendesk:123`. */
  actor: string;
  door: ApprovalDoor;
  /** The slots the agent gave (the picker's five, or any of the six); the others stay as the classifier read them. */
  slots?: Partial<Slots>;
  /** Only the right branch (the Zendesk tag): the slots change as little as the decision table allows. */
  branch?: Branch;
  /** Kept with the replaced draft (Slack's reject form asks for one). */
  reason?: string | null;
  /** Keep the thread with the label (false when LABEL_RETENTION_DAYS is 0). Default true. */
  keepLabelText?: boolean;
  /** Run in the transaction for the corrected draft (the Slack card), like the worker's draft hooks. */
  onCreated?: ReadonlyArray<(draft: DraftRow, tx: Store) => Promise<void>>;
  now: Date;
}

export type CorrectErrorCode = 'draft_not_pending' | 'draft_not_found' | 'payload_invalid' | 'reading_unchanged';

export type CorrectResult =
  | {
      ok: true;
      /** The draft that was corrected, as it is now (superseded, rejected for off-topic, or still posted). */
      draft: DraftRow;
      /** The new pending draft; null for off-topic or when the customer has written again since. */
      corrected: DraftRow | null;
      labels: TrueReading;
      /** Auto-send was turned off because this reading had been sent automatically. */
      tripped: boolean;
    }
  | { ok: false; code: CorrectErrorCode; message: string; state: DraftRow['state'] | null; draft: DraftRow | null };

const fail = (code: CorrectErrorCode, message: string, draft: DraftRow | null = null): CorrectResult => ({ ok: false, code, message, state: draft?.state ?? null, draft });

/** The right reading from the input, or why there is none. Pure. */
export function correctedSlots(draft: Pick<DraftRow, 'slots'>, input: Pick<CorrectInput, 'slots' | 'branch'>): { ok: true; slots: Slots } | { ok: false; message: string } {
  if (input.slots && Object.keys(input.slots).length) {
    const slots = { ...draft.slots, ...input.slots };
    if (input.branch && trueReading(slots).branch !== input.branch) {
      return { ok: false, message: `the slots you chose lead to ${trueReading(slots).branch}, not ${input.branch}; change one of them.` };
    }
    return { ok: true, slots };
  }
  if (input.branch) return slotsForBranch(draft.slots, input.branch);
  return { ok: false, message: 'give the right branch or at least one slot.' };
}

export async function correctDraft(store: Store, input: CorrectInput): Promise<CorrectResult> {
  const { draftId, actor, door, now } = input;
  return store.withTx<CorrectResult>(async (tx) => {
    const current = await tx.getDraft(draftId);
    if (!current) return draftNotFound(draftId) as CorrectResult;
    const wanted = correctedSlots(current, input);
    if (!wanted.ok) return fail('payload_invalid', wanted.message, current);
    const labels = trueReading(wanted.slots);
    const changed = changedSlots(current.slots, wanted.slots);
    if (changed.length === 0) {
      return fail('reading_unchanged', `draft #${draftId} already reads the ticket that way (${current.branch}); approve it instead.`, current);
    }
    const autoSent = isAutoSentDraft(current);
    const reason = input.reason ?? `reading corrected: ${changed.map((s) => `${s} ${current.slots[s]} → ${wanted.slots[s]}`).join(', ')}`;

    // The decision that can only happen once: a pending draft leaves `pending`; an auto-sent one gets one correction
    // (the unique index on corrected_from turns a second one into a conflict, answered below).
    let old: DraftRow | null = current;
    if (!autoSent) {
      old = await tx.transitionDraft(draftId, ['pending'], labels.branch === 'off-topic' ? 'rejected' : 'superseded', {
        decidedAt: now,
        decidedBy: actor,
        door,
        reason,
      });
      if (!old) return draftNotPending((await tx.getDraft(draftId)) ?? current, 'corrected') as CorrectResult;
    } else if (await tx.getLabel(current.id).then((l) => l?.outcome === 'corrected')) {
      return fail('draft_not_pending', `the reading of auto-sent draft #${draftId} was already corrected.`, current);
    }

    // Only the latest statement gets a new draft: if the customer wrote again, that statement has its own.
    const latest = await tx.latestDraft(current.ticketId);
    const answersLatest = latest !== null && latest.ticketVersion === current.ticketVersion;
    let corrected: DraftRow | null = null;
    if (labels.branch !== 'off-topic' && answersLatest) {
      corrected = await createCorrected(tx, current, wanted.slots, labels.branch, now);
      if (!autoSent) await tx.transitionDraft(draftId, ['superseded'], 'superseded', { supersededBy: corrected.id });
      const tags = [...classificationTags(classificationOf(corrected)), TAGS.needsApproval, ...(autoSent ? [AUTO_SEND_CORRECTED_TAG] : [])];
      await tx.enqueue(
        { idempotencyKey: `note:${corrected.id}`, kind: 'zendesk.note', ticketId: current.ticketId, draftId: corrected.id, payload: { version: current.ticketVersion, tags, priority: null, groupId: null, superseded: autoSent ? [] : [draftId], autoSent: false } },
        now,
      );
      for (const hook of input.onCreated ?? []) await hook(corrected, tx);
    } else {
      // Off-topic (no reply) or a statement that moved on: the tags still say what is right.
      const add = labels.branch === 'off-topic' ? [...classificationTags(classificationOf({ ...current, slots: wanted.slots, branch: 'off-topic' })), TAGS.rejected] : [];
      await tx.enqueue(
        { idempotencyKey: `tags:corrected:${draftId}`, kind: 'zendesk.tags', ticketId: current.ticketId, draftId, payload: { add: [...add, ...(autoSent ? [AUTO_SEND_CORRECTED_TAG] : [])], remove: labels.branch === 'off-topic' ? [TAGS.needsApproval] : [], ...(labels.branch === 'off-topic' ? { replace: true } : {}) } },
        now,
      );
    }

    await recordLabel(tx, current, { outcome: 'corrected', labels, actor, door, keepText: input.keepLabelText ?? true, now });
    await tx.audit(
      {
        action: 'draft.corrected',
        ticketId: current.ticketId,
        draftId,
        actor,
        details: { door, old: { ...readingOf(current).slots, branch: current.branch }, new: labels, changed, autoSent, correctedDraft: corrected?.id ?? null },
      },
      now,
    );
    if (autoSent) {
      await tripBreaker(tx, { ticketId: current.ticketId, draftId, actor, door, at: now.toISOString(), from: current.branch, to: labels.branch }, now);
    }
    return { ok: true, draft: old ?? current, corrected, labels, tripped: autoSent };
  }).catch((err: unknown): CorrectResult => {
    // Another door corrected the same draft at the same moment (one correction per draft): report, change nothing.
    if ((err as { code?: string }).code === '23505') return fail('draft_not_pending', `draft #${draftId} was just corrected by someone else.`);
    throw err;
  });
}

async function createCorrected(tx: Store, from: DraftRow, slots: Slots, branch: Exclude<Branch, 'off-topic'>, now: Date): Promise<DraftRow> {
  const reply = renderReply(
    { branch, language: slots.language, product: slots.product, slots, ...(from.thread.requesterName ? { requesterName: from.thread.requesterName } : {}) },
    'markdown',
  );
  // An agent's reading is certain and never auto-sent; the classifier's evidence stays where it still agrees.
  const classification: Classification = {
    slots,
    branch,
    confidence: 1,
    autoSend: false,
    evidence: from.evidence.filter((e) => String(slots[e.slot]) === e.value),
  };
  const inputHash = createHash('sha256').update(JSON.stringify([from.thread, reply.templateId, reply.version, slots])).digest('hex');
  const { draft } = await tx.createDraft(
    { ticketId: from.ticketId, ticketVersion: from.ticketVersion, inputHash, thread: from.thread, classification, templateId: reply.templateId, templateVersion: reply.version, text: reply.text, correctedFrom: from.id },
    now,
    'pending',
  );
  return draft;
}
