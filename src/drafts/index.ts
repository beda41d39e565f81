// The draft lifecycle every door uses: pending → approved → posted, pending → rejected, pending → superseded
// (store.createDraft), approved|auto → superseded (the customer overtook it before it was posted), auto → posted.
// Nothing else makes a draft public.
export { approveDraft, publicReplyKey, type ApprovalDoor, type ApproveInput } from './approve-draft.js';
export { markDraftPosted } from './mark-posted.js';
export { isOvertaken, OVERTAKEN_REASON, supersedeOvertaken } from './supersede-overtaken.js';
export { isNotSent, NOT_SENT_REASON, notSentWhy } from './not-sent.js';
export { rejectDraft, type RejectInput } from './reject-draft.js';
export type { DraftErrorCode, DraftResult } from './result.js';
