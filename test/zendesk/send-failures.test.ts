// The sender (src/zendesk/send.ts) when Zendesk says no, the ways Zendesk's documentation says it does: a collision
// with someone else's change (409, safe_update), a rate limit (429 with Retry-After), a closed ticket (422), and a
// ticket that moved on before our write went out. Real app, real webhook deliveries, the loopback fake Zendesk
// (its behaviours carry the doc URLs); each test asserts what an agent, the customer or an admin would see.
// Nothing is written twice when Zendesk applied a write but its answer was lost; auto-send posts nothing once the
// ticket was answered or solved (README "Auto-send eligibility", src/zendesk/send.ts).
import { describe, expect, it } from 'vitest';
import { approveDraft } from '../../src/drafts/index.js';
import type { FakeUser } from '../fakes/zendesk.js';
import { commentAdded, tagsChanged } from '../helpers/harness.js';
import { useHarnessWorld } from '../helpers/harness-world.js';
import { quiesce } from '../helpers/poll.js';
import { HANG_PAST_TIMEOUT_MS } from '../helpers/timeouts.js';

const ADMIN_TOKEN = 'admin-token-for-send-tests-0123456789';
const HYBRID = {
  subject: 'Keep our AD sync - archiving to modern auth',
  body: "Hi,\nMailStore Server 24.1 syncs users with our on-premises Active Directory (usernames like 'mjones').\nOur mailboxes are in Exchange Online. We want to keep the Active Directory sync as it is and only move\narchiving to modern authentication. No renaming of users, please.\nThanks, Mark",
};

let customer: FakeUser;
let anna: FakeUser;
let bob: FakeUser;
const w = useHarnessWorld(
  (zd) => {
    customer = zd.addUser({ name: 'Mark Jones', email: 'mark@example.org', role: 'end-user' });
    bob = zd.addUser({ name: 'Bob Agent', email: 'bob@mailstore.example', role: 'agent' });
    anna = zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
  },
  { ADMIN_TOKEN },
);

async function drafted() {
  const t = w.zd.addTicket({ ...HYBRID, requester: customer });
  await w.h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
  await w.h.settle(() => w.zd.privateNotes(t.id).length === 1);
  return { t, draft: (await w.store.latestDraft(String(t.id)))! };
}

async function approveByTag(ticketId: number, agent: FakeUser) {
  w.zd.setTags(ticketId, [...w.zd.mustTicket(ticketId).tags, 'm365_approve'], agent);
  await w.h.deliver(tagsChanged(ticketId, agent.id));
}

/** Our PUTs of a public comment to the ticket, in order, whether Zendesk applied them or not. */
const replyPuts = (ticketId: number) =>
  w.zd.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v2/tickets/${ticketId}` && r.body?.ticket?.comment?.public === true) as Array<{ at: number; applied?: boolean }>;
/** Notes the service wrote to tell agents something (not draft notes), as Zendesk stored them. */
const notices = (ticketId: number) => w.zd.stored(ticketId).filter((c) => !c.public && /m365-guide:/.test(c.html_body)).map((c) => c.plain_body);

describe('sending to Zendesk when Zendesk says no', () => {
  it('409: an agent changed the ticket between our read and our write; the reply is posted once and the agent’s change stays', async () => {
    const { t, draft } = await drafted();
    // Bob tags the ticket while our reply is on its way: our safe_update carries the updated_at we read before.
    w.zd.collideOnNextWrite(t.id, () => w.zd.setTags(t.id, [...w.zd.mustTicket(t.id).tags, 'vip_customer'], bob));
    await approveByTag(t.id, anna);
    await w.h.settle(() => w.zd.publicReplies(t.id).length === 1);
    await quiesce(w.h.app);
    // The first write was refused (nothing applied), the second went out after re-reading the ticket.
    expect(replyPuts(t.id).map((p) => p.applied === true)).toEqual([false, true]);
    expect(w.zd.publicReplies(t.id)).toHaveLength(1);
    expect(w.zd.stored(t.id).filter((c) => c.public && c.author_id === anna.id)).toHaveLength(1);
    const tags = w.zd.mustTicket(t.id).tags;
    expect(tags).toContain('vip_customer'); // Bob's change was not overwritten with the tags we had read
    expect(tags).toContain('m365_approved');
    expect(tags).not.toContain('m365_approve');
    expect(await w.store.getDraft(draft.id)).toMatchObject({ state: 'posted' });
  });

  it('429: a rate-limited reply waits at least Retry-After before it tries again, then goes out once', async () => {
    const { t } = await drafted();
    // "the API responds with a 429 Too Many Requests status code ... a Retry-After header that tells you how many
    // seconds to wait before retrying" https://developer.zendesk.com/api-reference/introduction/rate-limits/
    w.zd.failNext(
      { status: 429, retryAfter: 3, body: JSON.stringify({ error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' }) },
      { method: 'PUT', path: new RegExp(`^/api/v2/tickets/${t.id}$`) },
    );
    await approveByTag(t.id, anna);
    await w.h.settle(() => w.zd.publicReplies(t.id).length === 1, 60_000);
    await quiesce(w.h.app);
    const [refused, posted, ...more] = replyPuts(t.id);
    expect(more).toEqual([]);
    expect(refused!.applied).toBeUndefined();
    expect(posted!.applied).toBe(true);
    // A lower bound only: a slow machine makes the gap longer, never shorter.
    expect(posted!.at - refused!.at).toBeGreaterThanOrEqual(3_000);
    expect(w.zd.publicReplies(t.id)).toHaveLength(1);
  }, 90_000);

  it('422: an approval for a ticket closed meanwhile posts nothing, is not retried, and an admin sees Zendesk’s reason', async () => {
    const { t, draft } = await drafted();
    // "Tickets with a status set to Closed can't be updated" (the fake answers 422 RecordInvalid, see its route).
    w.zd.setStatus(t.id, 'closed', bob);
    const r = await approveDraft(w.store, { draftId: draft.id, actor: 'review:anna', door: 'review', authorId: String(anna.id), now: new Date() });
    expect(r.ok).toBe(true);
    await quiesce(w.h.app);
    expect(w.zd.publicReplies(t.id)).toHaveLength(0);
    expect(replyPuts(t.id)).toHaveLength(1); // refused for good: no second try
    const res = await fetch(`${w.h.url}/admin/outbox`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const dead = ((await res.json()) as { rows: Array<{ kind: string; ticketId: string; lastError: string }> }).rows.filter((x) => x.ticketId === String(t.id));
    expect(dead).toEqual([expect.objectContaining({ kind: 'zendesk.public_reply', lastError: expect.stringMatching(/422.*Record validation errors/) })]);
    expect((await w.store.listAudit({ ticketId: String(t.id) })).map((a) => a.action)).toContain('outbox.dead');
  });

  it('a draft note for a ticket solved, or answered by an agent, before the note went out is not written', async () => {
    const solved = w.zd.addTicket({ ...HYBRID, requester: customer });
    const answered = w.zd.addTicket({ ...HYBRID, requester: customer });
    for (const t of [solved, answered]) await w.h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    // The worker drafts both; their notes wait in the outbox while, in Zendesk, the tickets move on.
    await w.h.app.m365.pollers.events!.runOnce();
    expect(await w.store.latestDraft(String(solved.id))).not.toBeNull();
    expect(await w.store.latestDraft(String(answered.id))).not.toBeNull();
    w.zd.setStatus(solved.id, 'solved', anna);
    w.zd.addComment(answered.id, anna, 'Hi Mark, keep the AD sync and follow the hybrid article. Best, Anna', true);
    await quiesce(w.h.app);
    expect(w.zd.writes(solved.id)).toEqual([]);
    expect(w.zd.writes(answered.id)).toEqual([]);
    expect(w.zd.mustTicket(solved.id).status).toBe('solved');
  });

  it('a notice about tags the agent removed again before it went out is not written', async () => {
    const { t } = await drafted();
    const before = w.zd.mustTicket(t.id).tags;
    w.zd.setTags(t.id, [...before, 'm365_approve', 'm365_reject'], anna);
    await w.h.deliver(tagsChanged(t.id, anna.id));
    await w.h.app.m365.pollers.events!.runOnce(); // queues the notice "both tags were added"
    w.zd.setTags(t.id, before, anna); // Anna saw her mistake and removed both
    await quiesce(w.h.app);
    expect(notices(t.id)).toEqual([]);
    expect(w.zd.mustTicket(t.id).tags).toEqual(before);
    expect(w.zd.publicReplies(t.id)).toHaveLength(0);
  });

  it('a note Zendesk applied but never confirmed (the answer came after the timeout) is not written twice', async () => {
    const { t, draft } = await drafted();
    // The approval names nobody Zendesk knows, so the service writes a note instead of the reply; that PUT hangs.
    w.zd.failNext({ hangMs: HANG_PAST_TIMEOUT_MS, apply: true }, { method: 'PUT', path: new RegExp(`^/api/v2/tickets/${t.id}$`) });
    await approveDraft(w.store, { draftId: draft.id, actor: 'review:lea', door: 'review', authorId: '990000002', now: new Date() });
    await w.h.settle(async () => (await w.store.listOutbox({ states: ['sent'] })).some((r) => r.idempotencyKey === `refused:${draft.id}`), 50_000);
    await quiesce(w.h.app);
    expect(notices(t.id)).toHaveLength(1);
    expect(w.zd.publicReplies(t.id)).toHaveLength(0);
  }, 90_000);

  it('a review-page approval naming a Zendesk user who does not exist, or was deleted, posts nothing and says what to fix', async () => {
    const gone = await drafted();
    const missing = 990_000_001; // a zendeskUserId in REVIEW_USERS that names nobody (a typo)
    await approveDraft(w.store, { draftId: gone.draft.id, actor: 'review:lea', door: 'review', authorId: String(missing), now: new Date() });
    const deleted = await drafted();
    const carl = w.zd.addUser({ name: 'Carl Former', email: 'carl@mailstore.example', role: 'agent' });
    w.zd.deleteUser(carl.id);
    await approveDraft(w.store, { draftId: deleted.draft.id, actor: 'review:carl', door: 'review', authorId: String(carl.id), now: new Date() });
    await quiesce(w.h.app);
    for (const { t } of [gone, deleted]) expect(w.zd.publicReplies(t.id)).toHaveLength(0);
    expect(notices(gone.t.id)).toEqual([expect.stringMatching(new RegExp(`cannot be posted as Zendesk user ${missing}: there is no Zendesk user ${missing}\\..*Nothing was sent to the customer\\. Set this reviewer's zendeskUserId in REVIEW_USERS to a full agent\\.`, 's'))]);
    expect(notices(deleted.t.id)).toEqual([expect.stringMatching(new RegExp(`Zendesk user ${carl.id} is deactivated\\..*REVIEW_USERS`, 's'))]);
    expect(await w.store.getDraft(gone.draft.id)).toMatchObject({ state: 'rejected', reason: expect.stringMatching(/there is no Zendesk user/) });
    expect(await w.store.getDraft(deleted.draft.id)).toMatchObject({ state: 'rejected', reason: expect.stringMatching(/deactivated/) });
  });
});

// Classified hybrid at 0.92: inside the auto-send band (test/zendesk/corrections.test.ts uses the same wording).
const KEEP_AD = {
  subject: 'AD sync stays, archiving to modern auth',
  body: "MailStore Server syncs with our on-prem Active Directory, usernames like 'kbaker'. We keep the AD sync exactly as it is and only move archiving of our Exchange Online mailboxes to modern authentication. No user renames.",
};

describe('auto-send when the ticket moved on before the reply went out', () => {
  const auto = useHarnessWorld(() => undefined, { AUTO_SEND: 'on', AUTO_SEND_UNEARNED: 'allow' });

  it('an agent answered first, or the ticket was solved: the customer gets no second, automatic answer', async () => {
    const mark = auto.zd.addUser({ name: 'Mark Jones', email: 'mark@example.org', role: 'end-user' });
    const agent = auto.zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
    const answered = auto.zd.addTicket({ ...KEEP_AD, requester: mark });
    const solved = auto.zd.addTicket({ ...KEEP_AD, requester: mark });
    for (const t of [answered, solved]) await auto.h.deliver(commentAdded(t.id, t.comments[0]!.id, mark.id));
    await auto.h.app.m365.pollers.events!.runOnce(); // both drafted for auto-send; the replies wait in the outbox
    for (const t of [answered, solved]) expect(await auto.store.latestDraft(String(t.id))).toMatchObject({ state: 'auto' });
    auto.zd.addComment(answered.id, agent, 'Hi Mark, keep the AD sync and follow the hybrid article. Best, Anna', true);
    auto.zd.setStatus(solved.id, 'solved', agent);
    await quiesce(auto.h.app);
    expect(auto.zd.publicReplies(answered.id)).toEqual([]);
    expect(auto.zd.publicReplies(solved.id)).toEqual([]);
    expect(auto.zd.stored(answered.id).filter((c) => c.public).map((c) => c.author_id)).toEqual([mark.id, agent.id]);
    // The draft note said "sent this reply automatically"; a second note corrects it, and the draft is not left
    // "due to be sent automatically" for ever.
    for (const [t, why] of [[answered, 'the customer was answered publicly in Zendesk after it was drafted, so it would have been a second answer'], [solved, 'the ticket was solved after it was drafted']] as const) {
      const draft = (await auto.store.latestDraft(String(t.id)))!;
      expect(draft).toMatchObject({ state: 'rejected', reason: expect.stringMatching(/^not sent: /) });
      const notes = auto.zd.privateNotes(t.id).map((n) => String(n.comment.html_body));
      const fix = notes.findIndex((n) => n.includes(`draft #${draft.id} was not sent automatically after all: ${why}. Nothing was sent.`));
      expect(fix).toBeGreaterThanOrEqual(0);
      expect(notes.slice(fix + 1).some((n) => n.includes('sent this reply automatically'))).toBe(false);
    }
  });
});
