// Rejecting closes a pending draft for good (with the reason, for the audit and the analytics page). Like approval,
// it is one conditional state change, so it cannot undo an approval that won the race.
import type { Store } from '../store/types.js';
import { TAGS } from '../zendesk/triage.js';
import type { ApprovalDoor } from './approve-draft.js';
import { recordLabel } from './record-label.js';
import { draftNotFound, draftNotPending, type DraftResult } from './result.js';

export interface RejectInput {
  draftId: number;
  actor: string;
  door: ApprovalDoor;
  reason: string;
  /** Keep the thread with the label (false when LABEL_RETENTION_DAYS is 0). Default true. */
  keepLabelText?: boolean;
  now: Date;
}

export async function rejectDraft(store: Store, input: RejectInput): Promise<DraftResult> {
  const { draftId, actor, door, reason, now } = input;
  return store.withTx(async (tx) => {
    const draft = await tx.transitionDraft(draftId, ['pending'], 'rejected', {
      decidedAt: now,
      decidedBy: actor,
      door,
      reason,
    });
    if (!draft) {
      const current = await tx.getDraft(draftId);
      return current ? draftNotPending(current, 'rejected') : draftNotFound(draftId);
    }
    // Whichever door rejected, the ticket leaves the "needs approval" view in Zendesk.
    await tx.enqueue(
      { idempotencyKey: `tags:rejected:${draftId}`, kind: 'zendesk.tags', ticketId: draft.ticketId, draftId, payload: { add: [TAGS.rejected], remove: [TAGS.needsApproval] } },
      now,
    );
    await tx.audit(
      { action: 'draft.rejected', ticketId: draft.ticketId, draftId, actor, details: { door, reason } },
      now,
    );
    // Rejected without a correction: the reading is neither confirmed nor corrected.
    await recordLabel(tx, draft, { outcome: 'unknown', labels: null, actor, door, keepText: input.keepLabelText ?? true, now });
    return { ok: true, draft };
  });
}
