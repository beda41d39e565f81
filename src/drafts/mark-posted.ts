// Called by the outbox sender once Zendesk has the public reply. approved|auto → posted happens once; a repeat
// (a resend after a lost answer) finds the draft already posted and changes nothing.
import type { Store } from '../store/types.js';
import { draftNotFound, draftNotPending, type DraftResult } from './result.js';

export async function markDraftPosted(store: Store, draftId: number, now: Date): Promise<DraftResult> {
  const draft = await store.transitionDraft(draftId, ['approved', 'auto'], 'posted', { postedAt: now });
  if (draft) return { ok: true, draft };
  const current = await store.getDraft(draftId);
  return current ? draftNotPending(current, 'marked as posted') : draftNotFound(draftId);
}
