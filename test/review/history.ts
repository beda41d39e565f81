// Two weeks of decided drafts for the analytics page: approvals (some edited) through each door, rejections with
// reasons, auto-sends and auto-sends a newer draft corrected. Every draft is made by the real worker from a webhook
// event, at its time in the past (the app's clock), and auto-sends go through the real auto-send path (the app runs
// with autoSend). The agents' decisions are then set directly with their past times and doors (no outbox rows), so
// draining the outbox in a test sends only what the test itself approved.
import type { Thread } from '../../src/classify/types.js';
import type { DraftRow } from '../../src/store/types.js';
import { draftFromWebhook, type ReviewApp } from './helpers.js';
import { TICKETS } from './tickets.js';

const DAY = 86_400_000;
const THREADS: Thread[] = [TICKETS.keepAd, TICKETS.basicAuth, TICKETS.ldap, TICKETS.unknownDs, TICKETS.spe];
/** The tickets the reader puts in the auto-send band (draftFromWebhook fails if one is not). */
const AUTO_THREADS: Thread[] = [TICKETS.keepAd, TICKETS.basicAuth, TICKETS.unknownDs];
const REASONS = ['Wrong branch', 'Customer already decided', 'Needs a personal answer'];

const edit = (text: string, n: number) =>
  n % 2 ? text.replace(/\n\n[^\n]+/, '\n\nThanks for the details, here is the short version for your setup.') : `${text}\n\nPS: we are happy to help on a call.`;

/** `r` must run with auto-send (startReviewApp({ autoSend: true })). */
export async function seedHistory(r: ReviewApp, now: Date, days = 13): Promise<DraftRow[]> {
  const made: DraftRow[] = [];
  let n = 0;
  for (let day = days; day >= 1; day--) {
    const perDay = 2 + ((day * 7) % 4);
    for (let i = 0; i < perDay; i++, n++) {
      const created = new Date(now.getTime() - day * DAY + i * 3_600_000);
      const decided = new Date(created.getTime() + (8 + ((n * 37) % 300)) * 60_000);
      const kind = n % 8; // 0-2 approved, 3 approved with edits, 4-5 rejected, 6 auto-sent, 7 auto-sent then corrected
      const thread = kind >= 6 ? AUTO_THREADS[n % AUTO_THREADS.length]! : THREADS[n % THREADS.length]!;
      // An auto-sent draft comes back posted: the outbox sent its reply as it was drafted.
      const d = await draftFromWebhook(r, thread, { now: created, state: kind >= 6 ? 'auto' : 'pending' });
      made.push(d);
      if (kind <= 3) {
        await r.store.transitionDraft(d.id, ['pending'], 'posted', {
          decidedAt: decided, decidedBy: n % 3 ? 'review:anna' : 'slack:U01BEN', door: n % 3 ? 'review' : 'slack',
          editedText: kind === 3 ? edit(d.text, n) : null, postedAt: decided,
        });
      } else if (kind <= 5) {
        await r.store.transitionDraft(d.id, ['pending'], 'rejected', { decidedAt: decided, decidedBy: 'review:anna', door: 'review', reason: REASONS[n % REASONS.length]! });
      }
      if (kind === 7) {
        const followUp: Thread = { ...thread, comments: [{ author: 'agent', body: 'A correction from our side: please check the Directory Services type first.' }, { author: 'customer', body: 'Thanks, we checked it.' }] };
        const later = await draftFromWebhook(r, followUp, { now: decided, ticketId: Number(d.ticketId) });
        await r.store.transitionDraft(later.id, ['pending'], 'posted', { decidedAt: new Date(decided.getTime() + 1_800_000), decidedBy: 'review:anna', door: 'review', postedAt: new Date(decided.getTime() + 1_800_000) });
      }
    }
  }
  return made;
}
