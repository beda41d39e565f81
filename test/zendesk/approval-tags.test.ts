// The Zendesk door for decisions (src/zendesk/approval-tags.ts) when the tags do not add up: both tags at once, a tag
// on a ticket with no draft, a reject tag on a draft already posted, a tag added by an agent who was deleted before
// the service read it. Each case leaves one private note that says what happened, removes the tags, and posts nothing.
import { describe, expect, it } from 'vitest';
import type { FakeUser } from '../fakes/zendesk.js';
import { commentAdded, tagsChanged } from '../helpers/harness.js';
import { useHarnessWorld } from '../helpers/harness-world.js';
import { quiesce } from '../helpers/poll.js';

const HYBRID = {
  subject: 'Keep our AD sync - archiving to modern auth',
  body: "Hi,\nMailStore Server 24.1 syncs users with our on-premises Active Directory (usernames like 'mjones').\nOur mailboxes are in Exchange Online. We want to keep the Active Directory sync as it is and only move\narchiving to modern authentication. No renaming of users, please.\nThanks, Mark",
};

let customer: FakeUser;
let anna: FakeUser;
const w = useHarnessWorld((zd) => {
  customer = zd.addUser({ name: 'Mark Jones', email: 'mark@example.org', role: 'end-user' });
  anna = zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
});

async function drafted() {
  const t = w.zd.addTicket({ ...HYBRID, requester: customer });
  await w.h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
  await w.h.settle(() => w.zd.privateNotes(t.id).length === 1);
  return { t, draft: (await w.store.latestDraft(String(t.id)))! };
}

/** `agent` adds `tags` in Zendesk and the webhook tells the service; everything that follows runs to the end. */
async function addTags(ticketId: number, tags: string[], agent: FakeUser) {
  w.zd.setTags(ticketId, [...w.zd.mustTicket(ticketId).tags, ...tags], agent);
  await w.h.deliver(tagsChanged(ticketId, agent.id));
  await quiesce(w.h.app);
}

const notices = (ticketId: number) => w.zd.stored(ticketId).filter((c) => !c.public && /m365-guide:/.test(c.html_body)).map((c) => c.plain_body);
const ourTagsGone = (ticketId: number) => expect(w.zd.mustTicket(ticketId).tags.filter((t) => t === 'm365_approve' || t === 'm365_reject')).toEqual([]);

describe('approve and reject tags that do not add up', () => {
  it('both tags at once: nothing is sent or rejected, a note says to add only one, both tags go', async () => {
    const { t, draft } = await drafted();
    await addTags(t.id, ['m365_approve', 'm365_reject'], anna);
    expect(notices(t.id)).toEqual([expect.stringContaining('both m365_approve and m365_reject were added; nothing was done. Add only one of them.')]);
    ourTagsGone(t.id);
    expect(w.zd.publicReplies(t.id)).toHaveLength(0);
    expect(await w.store.getDraft(draft.id)).toMatchObject({ state: 'pending' });
  });

  it('a tag on a ticket the service never drafted: a note says there is no draft, the tag goes', async () => {
    const forApprove = w.zd.addTicket({ subject: 'Invoice question', body: 'Please send the invoice again.', requester: customer });
    const forReject = w.zd.addTicket({ subject: 'Invoice question', body: 'Please send the invoice again.', requester: customer });
    await addTags(forApprove.id, ['m365_approve'], anna);
    await addTags(forReject.id, ['m365_reject'], anna);
    expect(notices(forApprove.id)).toEqual([expect.stringContaining('there is no draft on this ticket to approve.')]);
    expect(notices(forReject.id)).toEqual([expect.stringContaining('there is no draft on this ticket to reject.')]);
    ourTagsGone(forApprove.id);
    ourTagsGone(forReject.id);
    expect(w.zd.publicReplies(forApprove.id)).toHaveLength(0);
  });

  it('a reject tag on a draft already posted: the reply stays the only one, a note says it cannot be rejected, the tag goes', async () => {
    const { t, draft } = await drafted();
    await addTags(t.id, ['m365_approve'], anna);
    expect(w.zd.publicReplies(t.id)).toHaveLength(1);
    await addTags(t.id, ['m365_reject'], anna);
    expect(notices(t.id)).toEqual([expect.stringContaining(`draft #${draft.id} is posted and cannot be rejected.`)]);
    ourTagsGone(t.id);
    expect(w.zd.publicReplies(t.id)).toHaveLength(1);
    expect(await w.store.getDraft(draft.id)).toMatchObject({ state: 'posted' });
    expect(w.zd.mustTicket(t.id).tags).not.toContain('m365_rejected');
  });

  it('a tag added by an agent who was deleted before the service read it: nothing is sent or rejected, a note says why', async () => {
    const approved = await drafted();
    const rejected = await drafted();
    const carl = w.zd.addUser({ name: 'Carl Leaving', email: 'carl@mailstore.example', role: 'agent' });
    w.zd.setTags(approved.t.id, [...w.zd.mustTicket(approved.t.id).tags, 'm365_approve'], carl);
    w.zd.setTags(rejected.t.id, [...w.zd.mustTicket(rejected.t.id).tags, 'm365_reject'], carl);
    w.zd.deleteUser(carl.id); // an admin deletes Carl's account; the webhooks arrive after that
    for (const { t } of [approved, rejected]) await w.h.deliver(tagsChanged(t.id, carl.id));
    await quiesce(w.h.app);
    expect(notices(approved.t.id)).toEqual([expect.stringContaining(`m365_approve was added by Zendesk user ${carl.id}, who is not an active agent; nothing was sent.`)]);
    expect(notices(rejected.t.id)).toEqual([expect.stringContaining(`m365_reject was added by Zendesk user ${carl.id}, who is not an active agent; nothing was done.`)]);
    for (const { t, draft } of [approved, rejected]) {
      ourTagsGone(t.id);
      expect(w.zd.publicReplies(t.id)).toHaveLength(0);
      expect(await w.store.getDraft(draft.id)).toMatchObject({ state: 'pending' });
    }
  });
});
