// Pure: a stored label as one line of the corpus format (../shared/corpus/README.md), so `m365-guide eval` and the
// training command read an export like any labelled file. Only confirmed and corrected labels with their text are
// exported: "reading unknown" has no labels, and a purged or erased thread has nothing left to learn from.
// `source` is extra (eval ignores unknown fields): where the label came from, for the team's own bookkeeping.
import type { LabelRow } from '../store/types.js';
import { redactThread } from './redact.js';

export interface ExportOptions {
  redact: boolean;
}

export const isExportable = (l: LabelRow): boolean => l.thread !== null && l.labels !== null && l.outcome !== 'unknown';

export function corpusLine(l: LabelRow, o: ExportOptions): Record<string, unknown> | null {
  if (!isExportable(l)) return null;
  const thread = o.redact ? redactThread(l.thread!) : l.thread!;
  const t = l.labels!;
  return {
    id: `zendesk-${l.ticketId}-${l.draftId}`,
    subject: thread.subject,
    body: thread.body,
    ...(thread.comments?.length ? { comments: thread.comments } : {}),
    ...(!o.redact && thread.requesterName ? { requesterName: thread.requesterName } : {}),
    labels: {
      topic: t.topic,
      directoryService: t.directoryService,
      usernamesChange: t.usernamesChange,
      choice: t.choice,
      product: t.product,
      language: t.language,
      branch: t.branch,
    },
    trap: '',
    source: {
      ticketId: l.ticketId,
      draftId: l.draftId,
      outcome: l.outcome,
      reading: { ...l.reading.slots, branch: l.reading.branch },
      autoSent: l.autoSent,
      door: l.door,
      decidedBy: l.actor,
      decidedAt: l.decidedAt.toISOString(),
      template: `${l.templateId}@${l.templateVersion}`,
      redacted: o.redact,
    },
  };
}
