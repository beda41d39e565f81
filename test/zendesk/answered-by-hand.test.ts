// An approval must not post a second answer: someone else answered the customer publicly in Zendesk after the draft
// was made (an agent quicker than the approver), or anyone did after the approval (a send that failed for a while
// and was retried after a person had answered by hand). The approver's own word before approving ("thanks, we are on
// it") does not stop their reply. Through the real app, worker and outbox against the loopback fake: no public reply
// from the service, the draft ends rejected with the reason, the ticket gets a private note saying so and loses the
// approve tag (left there, it would approve the customer's next draft).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveDraft } from '../../src/drafts/index.js';
import { commentAdded, tagsChanged } from '../helpers/harness.js';
import { useHarnessWorld } from '../helpers/harness-world.js';
import { Client, PASSWORDS, draftFromWebhook, startReviewApp, type ReviewApp } from '../review/helpers.js';

const HYBRID = {
  subject: 'Keep our AD sync - archiving to modern auth',
  body: "Hi,\nMailStore Server 24.1 syncs users with our on-premises Active Directory (usernames like 'mjones').\nWe want to keep the Active Directory sync as it is and only move archiving to modern authentication.\nThanks, Mark",
};
// Generous bounds for a machine busy with other work: the test waits for conditions, never for a time.
const SETTLE_MS = 90_000;

describe('an approval by the Zendesk tag after the customer was answered by hand', () => {
  const w = useHarnessWorld();

  /** A customer's hybrid ticket, delivered and drafted by the worker (its private note written), and an agent. */
  async function drafted(customerName: string, agentName: string) {
    const { zd, h, store } = w;
    const mail = (name: string, domain: string) => `${name.split(' ')[0]!.toLowerCase()}@${domain}`;
    const customer = zd.addUser({ name: customerName, email: mail(customerName, 'example.org'), role: 'end-user' });
    const agent = zd.addUser({ name: agentName, email: mail(agentName, 'mailstore.example'), role: 'agent' });
    const t = zd.addTicket({ ...HYBRID, requester: customer });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(() => zd.privateNotes(t.id).length === 1, SETTLE_MS);
    return { agent, t, draft: (await store.latestDraft(String(t.id)))! };
  }

  it('posts nothing, rejects the draft with the reason, says so in a private note and removes the approve tag', async () => {
    const { zd, h, store } = w;
    const { agent, t, draft } = await drafted('Mark Jones', 'Anna Agent');
    const ben = zd.addUser({ name: 'Ben Agent', email: 'ben@mailstore.example', role: 'agent' });
    expect(draft.branch).toBe('hybrid');

    // Ben answers the customer himself (in Zendesk's agent interface: no API write of ours); Anna, who did not see
    // it, tags the ticket.
    zd.addComment(t.id, ben, 'Hi Mark, I have sent you the steps for keeping AD by phone just now.', true);
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], agent);
    await h.deliver(tagsChanged(t.id, agent.id));
    // (A public reply ends the wait too, so the old code fails on what went out rather than on a timeout.)
    await h.settle(() => zd.publicReplies(t.id).length > 0 || zd.privateNotes(t.id).length === 2, SETTLE_MS);
    await h.app.m365.drain();

    expect(zd.publicReplies(t.id)).toEqual([]);
    expect(await store.getDraft(draft.id)).toMatchObject({ state: 'rejected', reason: 'not sent: the customer was answered in Zendesk after it was drafted' });
    const told = zd.privateNotes(t.id)[1]!;
    expect(told.comment.html_body).toContain(`draft #${draft.id} was approved (zendesk:${agent.id}) but not sent: the customer was answered publicly in Zendesk after it was drafted, so it would have been a second answer. Nothing was sent.`);
    expect(zd.mustTicket(t.id).tags).not.toContain('m365_approve');
    expect((await store.listAudit({ draftId: draft.id })).map((a) => a.action)).toContain('reply.not_sent');
  }, 180_000);

  it("the approver's own acknowledgement before approving does not stop the reply: it goes out once", async () => {
    const { zd, h, store } = w;
    const { agent, t, draft } = await drafted('Lena Ott', 'Carla Agent');
    zd.addComment(t.id, agent, 'Thanks Lena, we are on it and will send you the steps shortly.', true);
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], agent);
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => zd.publicReplies(t.id).length > 0 || zd.privateNotes(t.id).length === 2, SETTLE_MS);
    await h.app.m365.drain();
    expect(zd.publicReplies(t.id)).toHaveLength(1);
    expect(await store.getDraft(draft.id)).toMatchObject({ state: 'posted' });
  }, 180_000);

  it('anyone answering after the approval (the send failed meanwhile) stops it too, the approver included', async () => {
    const { zd, h, store } = w;
    const { agent, t, draft } = await drafted('Ida Roth', 'Dora Agent');
    // Dora answers by hand now; her approval is recorded as of an hour ago (its send has been failing since).
    zd.addComment(t.id, agent, 'Hi Ida, here are the steps, sorry for the wait.', true);
    expect((await approveDraft(store, { draftId: draft.id, actor: 'review:dora', door: 'review', authorId: String(agent.id), now: new Date(Date.now() - 3_600_000) })).ok).toBe(true);
    await h.settle(() => zd.publicReplies(t.id).length > 0 || zd.privateNotes(t.id).length === 2, SETTLE_MS);
    await h.app.m365.drain();
    expect(zd.publicReplies(t.id)).toEqual([]);
    expect(await store.getDraft(draft.id)).toMatchObject({ state: 'rejected', reason: 'not sent: the customer was answered in Zendesk after it was drafted' });
  }, 180_000);
});

describe('an approval on the review page after the customer was answered by hand', () => {
  let r: ReviewApp;
  beforeEach(async () => {
    r = await startReviewApp();
  });
  afterEach(async () => r?.close());

  it('posts nothing; the ticket gets the note (no approve tag to wait for), the page shows the draft rejected with why', async () => {
    const d = await draftFromWebhook(r, HYBRID);
    const ticketId = Number(d.ticketId);
    const ben = r.zd.addUser({ name: 'Ben Agent', email: 'ben@mailstore.example', role: 'agent' });
    r.zd.addComment(ticketId, ben, 'Hi Mark, I have sent you the steps for keeping AD by phone just now.', true);
    const anna = new Client(r.app);
    await anna.login('anna', PASSWORDS.anna);
    await anna.get('/queue');
    expect((await anna.post(`/queue/drafts/${d.id}/approve`, { _csrf: anna.csrf() })).statusCode).toBe(303);
    await r.app.m365.drain();
    await r.app.m365.drain();

    expect(r.zd.publicReplies(ticketId)).toEqual([]);
    expect(await r.store.getDraft(d.id)).toMatchObject({ state: 'rejected', reason: 'not sent: the customer was answered in Zendesk after it was drafted' });
    const notes = r.zd.privateNotes(ticketId).map((n) => String(n.comment.html_body));
    expect(notes.at(-1)).toContain(`draft #${d.id} was approved (review:anna) but not sent: the customer was answered publicly in Zendesk`);
    const rejected = (await anna.get('/queue?view=decided')).body;
    expect(rejected).toMatch(new RegExp(`id="draft-${d.id}"[^>]*data-state="rejected"`));
    // Anna approved it: the card says so, and why it did not go out (not "Rejected by review:anna").
    expect(rejected).toContain('Approved by review:anna via review, but not sent: the customer was answered in Zendesk after it was drafted. Nothing was sent.');
  }, 180_000);
});
