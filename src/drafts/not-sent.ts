// A reply that was approved (or due to be sent automatically) and then not posted because the ticket moved on first
// (src/zendesk/send.ts notSent): its draft ends `rejected` with one of these reasons, and the cards say "approved,
// but not sent" rather than "rejected by" the person who approved it.
import type { DraftRow } from '../store/types.js';

export const NOT_SENT_REASON = {
  answered: 'not sent: the customer was answered in Zendesk after it was drafted',
  solved: 'not sent: the ticket was solved after it was drafted',
} as const;

export const isNotSent = (d: Pick<DraftRow, 'state' | 'reason'>): boolean =>
  d.state === 'rejected' && (d.reason === NOT_SENT_REASON.answered || d.reason === NOT_SENT_REASON.solved);

/** "the customer was answered in Zendesk after it was drafted": the reason without its "not sent: ". */
export const notSentWhy = (d: Pick<DraftRow, 'reason'>): string => (d.reason ?? '').replace(/^not sent: /, '');
