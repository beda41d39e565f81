// Every agent decision labels the ticket: an approval confirms the classifier's reading, a correction replaces it,
// a rejection without one leaves it unknown. The label belongs to the draft the classifier made; a corrected draft
// (and a correction of a correction) leads back to it, so one customer statement is one labelled ticket.
import type { ApprovalDoor } from './approve-draft.js';
import type { DraftRow, LabelOutcome, Store, TrueReading } from '../store/types.js';
import { readingOf } from './reading.js';

export interface LabelDecision {
  outcome: LabelOutcome;
  labels: TrueReading | null;
  actor: string;
  door: ApprovalDoor;
  /** false when LABEL_RETENTION_DAYS is 0: the label is counted, the thread is not kept. */
  keepText: boolean;
  now: Date;
}

/** The draft the classifier made for this statement (a draft is its own origin unless it is a correction). */
export async function originalDraft(tx: Store, draft: DraftRow): Promise<DraftRow> {
  let d = draft;
  // Chains are as long as an agent corrected the same statement; the bound only guards against a cycle.
  for (let i = 0; i < 50 && d.correctedFrom !== null; i++) {
    const parent = await tx.getDraft(d.correctedFrom);
    if (!parent) break;
    d = parent;
  }
  return d;
}

export const isAutoSentDraft = (d: DraftRow): boolean => d.state === 'auto' || (d.state === 'posted' && (d.door === null || d.door === 'auto'));

/** Writes the label for `draft`'s statement. A correction overwrites; a confirmation or "unknown" never does. */
export async function recordLabel(tx: Store, draft: DraftRow, l: LabelDecision): Promise<void> {
  const origin = await originalDraft(tx, draft);
  await tx.recordLabel(
    {
      draftId: origin.id,
      ticketId: origin.ticketId,
      outcome: l.outcome,
      thread: l.keepText ? origin.thread : null,
      reading: readingOf(origin),
      labels: l.labels,
      autoSent: isAutoSentDraft(origin),
      actor: l.actor,
      door: l.door,
      templateId: origin.templateId,
      templateVersion: origin.templateVersion,
      decidedAt: l.now,
    },
    l.outcome === 'corrected' ? 'replace' : 'first',
  );
}
