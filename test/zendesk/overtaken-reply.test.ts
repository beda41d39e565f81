// Issue 12, item 2: an approval must not post a reply the customer has already overtaken. The customer writes
// "change of plans, we rename" after the draft was made, its webhook is late (never delivered here), and an agent
// approves the old draft by the Zendesk tag, in Slack or on the review page. Through the real app, worker and
// outbox against the loopback fakes: no public reply reaches Zendesk, the approver is told in that door, and the
// worker drafts the newer statement without waiting for its webhook.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OVERTAKEN_REASON } from '../../src/drafts/index.js';
import type { DraftRow, Store } from '../../src/store/types.js';
import { FakeZendesk, type FakeUser } from '../fakes/zendesk.js';
import { commentAdded, startHarness, tagsChanged, type Harness } from '../helpers/harness.js';
import { Client, PASSWORDS, draftFromWebhook, startReviewApp, type ReviewApp } from '../review/helpers.js';
import { APPROVER, buttonClick, FakeSlack, LDAP_KEEP, type SlackApp, useSlackWorld } from '../slack/helpers.js';
import { storeKinds } from '../store/helpers.js';
import { replyHtml } from '../../src/zendesk/draft-note.js';

const HYBRID = {
  subject: 'Keep our AD sync - archiving to modern auth',
  body: "Hi,\nMailStore Server 24.1 syncs users with our on-premises Active Directory (usernames like 'mjones').\nOur mailboxes are in Exchange Online. We want to keep the Active Directory sync as it is and only move\narchiving to modern authentication. No renaming of users, please.\nThanks, Mark",
};
// Generous bounds for a machine busy with other work: the tests wait for conditions, never for a time.
const SETTLE_MS = 90_000;
const TEST_MS = 180_000;
const CHANGE_OF_PLANS = 'Change of plans: management decided we rename the users to their email addresses and switch completely to Microsoft 365.';

/** What every door must end with: nothing public, the old draft superseded by a pending draft for the new statement. */
async function expectRedrafted(store: Store, zd: FakeZendesk, ticketId: number, old: DraftRow, newest: number): Promise<DraftRow> {
  expect(zd.publicReplies(ticketId)).toEqual([]);
  const next = (await store.latestDraft(String(ticketId)))!;
  expect(next).toMatchObject({ state: 'pending', branch: 'rename', ticketVersion: String(newest) });
  expect(await store.getDraft(old.id)).toMatchObject({ state: 'superseded', reason: OVERTAKEN_REASON, supersededBy: next.id });
  const audit = (await store.listAudit({ draftId: old.id })).filter((a) => a.action === 'draft.superseded');
  expect(audit).toHaveLength(1);
  expect(audit[0]!.details).toMatchObject({ overtaken: true, answered: old.ticketVersion, newest: String(newest) });
  return next;
}

describe.each(storeKinds())('an approval the customer overtook, by the Zendesk tag, on $name', ({ open }) => {
  let store: Store;
  let zd: FakeZendesk;
  let h: Harness;
  let customer: FakeUser;
  let agent: FakeUser;

  beforeEach(async () => {
    zd = await new FakeZendesk().start();
    customer = zd.addUser({ name: 'Mark Jones', email: 'mark@example.org', role: 'end-user' });
    agent = zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
    store = await open();
    h = await startHarness({ store, zd });
  });
  afterEach(async () => {
    await h?.close();
    await store?.close();
    await zd?.stop();
  });

  it('posts nothing, tells the agent in a private note, removes the tag and drafts the new statement; the late webhook adds nothing', async () => {
    const t = zd.addTicket({ ...HYBRID, requester: customer });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(() => zd.privateNotes(t.id).length === 1, SETTLE_MS);
    const old = (await store.latestDraft(String(t.id)))!;
    expect(old.branch).toBe('hybrid');

    const late = zd.addComment(t.id, customer, CHANGE_OF_PLANS, true); // its webhook is late: not delivered yet
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], agent);
    await h.deliver(tagsChanged(t.id, agent.id));
    // (A public reply ends the wait too, so the old code fails on what went out rather than on a timeout.)
    await h.settle(async () => zd.publicReplies(t.id).length > 0 || ((await store.latestDraft(String(t.id)))!.id !== old.id && zd.privateNotes(t.id).length === 3), SETTLE_MS);

    const next = await expectRedrafted(store, zd, t.id, old, late.id);
    const [, told, newNote] = zd.privateNotes(t.id);
    expect(told!.comment.html_body).toContain(`draft #${old.id} was approved (zendesk:${agent.id}) but not sent: the customer wrote again`);
    expect(newNote!.comment.html_body).toContain(`Supersedes draft #${old.id}`);
    expect(zd.mustTicket(t.id).tags).not.toContain('m365_approve');
    expect(zd.mustTicket(t.id).tags).toContain('m365_branch_rename');

    // The late webhook finally arrives: the statement is drafted already, nothing more happens.
    await h.deliver(commentAdded(t.id, late.id, customer.id));
    await h.app.m365.drain();
    expect(zd.publicReplies(t.id)).toEqual([]);
    expect(zd.privateNotes(t.id)).toHaveLength(3);
    expect((await store.latestDraft(String(t.id)))!.id).toBe(next.id);

    // Approving the new draft posts the new statement's reply, once.
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], agent);
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => zd.publicReplies(t.id).length === 1, SETTLE_MS);
    expect(await store.getDraft(next.id)).toMatchObject({ state: 'posted' });
  }, TEST_MS);
});

describe('an auto-send the customer overtook', () => {
  it('posts nothing for the old statement; the new statement gets its own draft', async () => {
    const store = await storeKinds()[0]!.open();
    const zd = await new FakeZendesk().start();
    const h = await startHarness({ store, zd, env: { AUTO_SEND: 'on', AUTO_SEND_UNEARNED: 'allow' } });
    try {
      const customer = zd.addUser({ name: 'Mark Jones', email: 'mark@example.org', role: 'end-user' });
      const t = zd.addTicket({ ...HYBRID, requester: customer });
      await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
      await h.app.m365.pollers.events!.runOnce(); // drafted for auto-send; the reply is still in the outbox
      const old = (await store.latestDraft(String(t.id)))!;
      expect(old.state).toBe('auto');
      const late = zd.addComment(t.id, customer, CHANGE_OF_PLANS, true);
      await h.settle(async () => zd.publicReplies(t.id).length > 0 || (await store.latestDraft(String(t.id)))!.id !== old.id, SETTLE_MS);
      await h.app.m365.drain();
      expect(zd.publicReplies(t.id).map((w) => w.comment.html_body)).not.toContain(replyHtml(old.text));
      const next = (await store.latestDraft(String(t.id)))!;
      expect(next).toMatchObject({ branch: 'rename', ticketVersion: String(late.id) });
      expect(await store.getDraft(old.id)).toMatchObject({ state: 'superseded', reason: OVERTAKEN_REASON, supersededBy: next.id });
    } finally {
      await h.close();
      await store.close();
      await zd.stop();
    }
  }, TEST_MS);
});

describe.each(storeKinds())('an approval the customer overtook, in Slack, on $name', ({ open }) => {
  const world = useSlackWorld(open);
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  beforeAll(() => void ({ slack, zd, store, s } = world));

  /** Runs the worker, outbox and Slack listeners, letting the card pacer's clock move on between rounds. */
  async function settle(rounds = 4) {
    for (let i = 0; i < rounds; i++) {
      await s.settle();
      s.clock.advance(2000);
    }
  }
  const cardText = (ts: string) =>
    slack
      .callsTo('chat.update')
      .filter((c) => c.args.ts === ts)
      .map((c) => JSON.stringify(c.args.blocks));

  it('posts nothing; the card says the approval was not sent and links the new draft, which gets its own card', async () => {
    zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
    slack.addUser({ id: APPROVER, name: 'sam', email: 'sam@mailstore.example' });
    const customer = zd.addUser({ name: 'Kim Baker', email: 'kim@customer.example', role: 'end-user' });
    const t = zd.addTicket({ subject: LDAP_KEEP.subject, body: LDAP_KEEP.body, requester: customer });
    expect((await s.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id))).status).toBe(200);
    await settle();
    const old = (await store.latestDraft(String(t.id)))!;
    expect(old).toMatchObject({ state: 'pending', branch: 'hybrid' });
    const ref = JSON.parse((await store.getMeta(`slack.card:${old.id}`))!) as { channel: string; ts: string };

    const late = zd.addComment(t.id, customer, CHANGE_OF_PLANS, true); // its webhook is late: not delivered
    const res = await s.interact(buttonClick({ actionId: 'draft_approve', value: String(old.id), userId: APPROVER, responseUrl: slack.responseUrl('overtaken'), ts: ref.ts }));
    expect(res.status).toBe(200);
    await settle();

    const next = await expectRedrafted(store, zd, t.id, old, late.id);
    const updates = cardText(ref.ts);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    const last = updates.at(-1)!;
    expect(last).toContain('but *not sent*: the customer wrote again');
    expect(last).toContain(`draft #${next.id}`);
    expect(last).not.toContain('draft_approve');
    expect(await store.getMeta(`slack.card:${next.id}`)).not.toBeNull();
  }, TEST_MS);
});

describe('an approval the customer overtook, on the review page', () => {
  let r: ReviewApp;
  beforeEach(async () => {
    r = await startReviewApp();
  });
  afterEach(async () => r?.close());

  it('posts nothing; the draft shows it was approved but not sent, with a link to the new draft', async () => {
    const old = await draftFromWebhook(r, HYBRID);
    const ticketId = Number(old.ticketId);
    const late = r.zd.addComment(ticketId, r.customer, CHANGE_OF_PLANS, true); // its webhook is late: not delivered
    const anna = new Client(r.app);
    await anna.login('anna', PASSWORDS.anna);
    await anna.get('/queue');
    const approved = await anna.post(`/queue/drafts/${old.id}/approve`, { _csrf: anna.csrf() });
    expect(approved.statusCode).toBe(303);
    const landed = approved.headers.location as string;
    await r.app.m365.drain();

    const next = await expectRedrafted(r.store, r.zd, ticketId, old, late.id);
    // The page the approver landed on, reloaded: the approval was not sent, and where the new draft is.
    const page = (await anna.get(landed)).body;
    expect(page).toContain(`Draft #${old.id} was approved but not sent: the customer wrote again`);
    expect(page).toContain(`href="/queue#draft-${next.id}"`);
    expect(page).toMatch(new RegExp(`id="draft-${next.id}"[^>]*data-state="pending"`));
    // The superseded view shows who approved it and links the newer draft.
    const superseded = (await anna.get('/queue?view=superseded')).body;
    expect(superseded).toMatch(new RegExp(`id="draft-${old.id}"[^>]*data-state="superseded"`));
    expect(superseded).toContain('Approved by review:anna via review, but not sent: the customer wrote again');
    expect(superseded).toContain(`<a href="/queue#draft-${next.id}">#${next.id}</a>`);
  }, TEST_MS);
});
