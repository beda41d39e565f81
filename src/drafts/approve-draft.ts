// The one way a draft becomes a public reply. The Zendesk tag, the Slack button and the review page all call this:
// the state change, the outbox row and the audit entry commit together, and the state change only succeeds for a
// pending draft, so a second approval (another door, another instance, a replayed event) enqueues nothing.
import type { Door, DraftRow, Store } from '../store/types.js';
import { recordLabel } from './record-label.js';
import { readingOf, trueReading } from './reading.js';
import { draftNotFound, draftNotPending, type DraftResult } from './result.js';

export type ApprovalDoor = Exclude<Door, 'auto'>;

export interface ApproveInput {
  draftId: number;
  /** Who approved, e.g. `zendesk:123`, `slack:U123`, `review:anna@example.com`. */
  actor: string;
  door: ApprovalDoor;
  /** The approver's edited reply; omitted (or equal to the draft) = send the draft as written. */
  editedText?: string | null;
  /** The Zendesk user the public reply is posted as, when the door knows it. */
  authorId?: string | null;
  /** Keep the thread with the label (false when LABEL_RETENTION_DAYS is 0). Default true. */
  keepLabelText?: boolean;
  now: Date;
}

export const publicReplyKey = (draftId: number): string => `public_reply:${draftId}`;

export async function approveDraft(store: Store, input: ApproveInput): Promise<DraftResult> {
  const { draftId, actor, door, now } = input;
  const edited = input.editedText ?? null;
  if (edited !== null && edited.trim() === '') {
    return {
      ok: false,
      code: 'payload_invalid',
      message: 'the edited reply is empty; write the reply or approve the draft as it is.',
      state: null,
      draft: null,
    };
  }
  return store.withTx(async (tx) => {
    const current = await tx.getDraft(draftId);
    if (!current) return draftNotFound(draftId);
    const editedText = edited !== null && edited !== current.text ? edited : null;
    const draft = await tx.transitionDraft(draftId, ['pending'], 'approved', {
      decidedAt: now,
      decidedBy: actor,
      door,
      editedText,
    });
    if (!draft) return draftNotPending((await tx.getDraft(draftId)) ?? current, 'approved');
    const enqueued = await tx.enqueue(
      {
        idempotencyKey: publicReplyKey(draftId),
        kind: 'zendesk.public_reply',
        ticketId: draft.ticketId,
        draftId,
        payload: { text: editedText ?? draft.text, authorActor: actor, authorId: input.authorId ?? null, door },
      },
      now,
    );
    await tx.audit(auditEntry(draft, actor, door, enqueued), now);
    // No correction: the agent confirms what the classifier read (a corrected draft's label already says otherwise).
    const confirmed = trueReading(readingOf(draft).slots);
    await recordLabel(tx, draft, { outcome: 'confirmed', labels: confirmed, actor, door, keepText: input.keepLabelText ?? true, now });
    return { ok: true, draft };
  });
}

function auditEntry(draft: DraftRow, actor: string, door: ApprovalDoor, enqueued: boolean) {
  return {
    action: 'draft.approved',
    ticketId: draft.ticketId,
    draftId: draft.id,
    actor,
    // enqueued false would mean a public reply row for this draft already existed (it is sent once either way).
    details: { door, edited: draft.editedText !== null, enqueued },
  };
}
