// An approved (or auto-sent) draft whose statement the customer overtook before its public reply went out: the
// sender found a newer customer comment than the draft answers (a late webhook, a delivery lost until the reconcile
// poll). Nothing is posted; the draft leaves approved|auto for superseded in one conditional state change with its
// audit entry, so a second sender (a retry, another instance) can neither post it nor supersede it twice. The
// approval stays on the draft (decidedBy, door), so every door can say whose approval was not sent.
import type { DraftRow, Store } from '../store/types.js';

/** The reason stored on an overtaken draft; the doors tell it apart from a draft superseded while pending by it. */
export const OVERTAKEN_REASON = 'the customer wrote again before the approved reply was posted; nothing was sent';

export const isOvertaken = (d: Pick<DraftRow, 'state' | 'reason'>): boolean => d.state === 'superseded' && d.reason === OVERTAKEN_REASON;

export interface OvertakenInput {
  draftId: number;
  /** The id of the customer's newest comment, the statement the draft does not answer. */
  version: string | null;
  now: Date;
}

/** The draft as superseded, or null when it was no longer approved|auto (already handled). */
export async function supersedeOvertaken(store: Store, input: OvertakenInput): Promise<DraftRow | null> {
  const { draftId, version, now } = input;
  return store.withTx(async (tx) => {
    const current = await tx.getDraft(draftId);
    if (!current) return null;
    // The worker may have drafted the newer statement already (its webhook arrived meanwhile): link it now.
    // Otherwise the newer draft links this one when it is created (drafts-repo createDraft).
    const latest = await tx.latestDraft(current.ticketId);
    const newer = latest && latest.id !== draftId && latest.ticketVersion === version ? latest.id : null;
    const draft = await tx.transitionDraft(draftId, ['approved', 'auto'], 'superseded', {
      reason: OVERTAKEN_REASON,
      ...(newer !== null ? { supersededBy: newer } : {}),
    });
    if (!draft) return null;
    await tx.audit(
      {
        action: 'draft.superseded',
        ticketId: draft.ticketId,
        draftId,
        actor: draft.decidedBy ?? 'auto',
        details: { overtaken: true, answered: draft.ticketVersion, newest: version, door: draft.door, newerDraftId: newer },
      },
      now,
    );
    return draft;
  });
}
