// What every door gets back from the draft lifecycle. The codes are the stable ones of architecture.md; the message
// is a sentence a person can act on, ready for an HTTP body, a Slack reply or a Zendesk notice.
import type { DraftRow, DraftState } from '../store/types.js';

export type DraftErrorCode = 'draft_not_pending' | 'draft_not_found' | 'payload_invalid';

export type DraftResult =
  | { ok: true; draft: DraftRow }
  | { ok: false; code: DraftErrorCode; message: string; state: DraftState | null; draft: DraftRow | null };

export const draftNotFound = (draftId: number): DraftResult => ({
  ok: false,
  code: 'draft_not_found',
  message: `there is no draft #${draftId}.`,
  state: null,
  draft: null,
});

const WHY: Record<DraftState, string> = {
  pending: 'it is still pending',
  approved: 'it was already approved; its reply is on its way or has been posted',
  posted: 'its reply has already been posted',
  rejected: 'it was rejected',
  superseded: 'a newer customer message replaced it with a newer draft',
  auto: 'it was sent automatically',
};

export const draftNotPending = (draft: DraftRow, verb: string): DraftResult => ({
  ok: false,
  code: 'draft_not_pending',
  message: `draft #${draft.id} cannot be ${verb}: ${WHY[draft.state]}.`,
  state: draft.state,
  draft,
});
