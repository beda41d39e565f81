// Corrections through the Zendesk door with the loopback Zendesk: an approval by tag confirms the reading as a label,
// `m365_fix_hybrid` re-drafts the ticket as hybrid (private note, tag removed, label corrected, audited), and a
// corrected auto-send turns auto-send off on two instances sharing one PostgreSQL: the next eligible ticket gets a
// private note, not a public reply, until an admin turns auto-send back on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { replyHtml } from '../../src/zendesk/draft-note.js';
import { FakeZendesk, ZENDESK_SYSTEM_USER, type FakeUser } from '../fakes/zendesk.js';
import { commentAdded, startHarness, tagsChanged, type Harness } from '../helpers/harness.js';
import { postgresSchemaStores, storeKinds } from '../store/helpers.js';

const ADMIN = 'admin-token-0123456789';
// Classified rename-or-hybrid (AD, usernames would change, no choice yet), far below the auto-send band.
const UNDECIDED = {
  subject: 'Moving to Microsoft 365 modern authentication',
  body: 'Hello,\nMailStore Server 24.1 uses Active Directory integration, our usernames are like jdoe. What are our options for Microsoft 365 Modern Authentication?\nThanks',
};
// Classified hybrid at 0.92: inside the auto-send band.
const keepAd = (n: number) => ({
  subject: `AD sync stays, archiving to modern auth #${n}`,
  body: "MailStore Server syncs with our on-prem Active Directory, usernames like 'kbaker'. We keep the AD sync exactly as it is and only move archiving of our Exchange Online mailboxes to modern authentication. No user renames.",
});

const addTag = (zd: FakeZendesk, id: number, tag: string) => zd.setTags(id, [...zd.mustTicket(id).tags, tag]);

describe.each(storeKinds())('corrections through Zendesk tags on $name', ({ open }) => {
  let store: Store;
  let zd: FakeZendesk;
  let h: Harness;
  let customer: FakeUser;
  let agent: FakeUser;

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
    customer = zd.addUser({ name: 'Mark Jones', email: 'mark@example.org', role: 'end-user' });
    agent = zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
  });
  afterAll(async () => zd.stop());
  afterEach(async () => {
    await h?.close();
    await store?.close();
  });

  async function drafted(content: { subject: string; body: string }, env: Record<string, string> = {}) {
    store = await open();
    h = await startHarness({ store, zd, env });
    const t = zd.addTicket({ ...content, requester: customer });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    return t;
  }

  it('an approval by tag confirms the reading: the label holds the thread, the reading as labels, who and where', async () => {
    const t = await drafted(UNDECIDED);
    const draft = (await store.latestDraft(String(t.id)))!;
    addTag(zd, t.id, 'm365_approve');
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => zd.publicReplies(t.id).length === 1);
    const label = await store.getLabel(draft.id);
    expect(label).toMatchObject({
      ticketId: String(t.id),
      outcome: 'confirmed',
      labels: { ...draft.slots, branch: 'rename-or-hybrid' },
      reading: { branch: 'rename-or-hybrid', slots: draft.slots },
      actor: `zendesk:${agent.id}`,
      door: 'zendesk',
      templateId: draft.templateId,
      templateVersion: draft.templateVersion,
      autoSent: false,
    });
    expect(label!.thread).toEqual(draft.thread);
    expect(label!.thread!.body).toBe(UNDECIDED.body);
  });

  it('m365_fix_hybrid re-drafts the ticket as hybrid in a private note, removes the tag, and the label says hybrid', async () => {
    const t = await drafted(UNDECIDED);
    const first = (await store.latestDraft(String(t.id)))!;
    expect(first.branch).toBe('rename-or-hybrid');
    addTag(zd, t.id, 'm365_fix_hybrid');
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => zd.privateNotes(t.id).length === 2 && !zd.mustTicket(t.id).tags.includes('m365_fix_hybrid'));

    const note = zd.privateNotes(t.id)[1]!.comment.html_body as string;
    expect(note).toMatch(/branch <code>hybrid<\/code>/);
    expect(note).toContain(`Supersedes draft #${first.id}`);
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    const tags = zd.mustTicket(t.id).tags;
    expect(tags).toEqual(expect.arrayContaining(['m365_branch_hybrid', 'm365_choice_hybrid', 'm365_needs_approval']));
    expect(tags).not.toContain('m365_branch_rename_or_hybrid');

    const corrected = (await store.latestDraft(String(t.id)))!;
    expect(corrected).toMatchObject({ state: 'pending', branch: 'hybrid', correctedFrom: first.id, ticketVersion: first.ticketVersion });
    expect(corrected.slots).toEqual({ ...first.slots, choice: 'hybrid' });
    expect(await store.getDraft(first.id)).toMatchObject({ state: 'superseded', supersededBy: corrected.id, decidedBy: `zendesk:${agent.id}`, door: 'zendesk' });
    expect(await store.getLabel(first.id)).toMatchObject({ outcome: 'corrected', labels: { ...first.slots, choice: 'hybrid', branch: 'hybrid' }, reading: { branch: 'rename-or-hybrid' }, door: 'zendesk' });
    const audit = (await store.listAudit({ ticketId: String(t.id) })).find((a) => a.action === 'draft.corrected');
    expect(audit).toMatchObject({ actor: `zendesk:${agent.id}`, details: { door: 'zendesk', old: { branch: 'rename-or-hybrid', choice: 'undecided' }, new: { branch: 'hybrid', choice: 'hybrid' }, changed: ['choice'] } });

    // Replays of the tag event (our own note and tag change come back too) change nothing more.
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.app.m365.drain();
    expect(zd.privateNotes(t.id)).toHaveLength(2);

    // The corrected draft is approved like any other: the public reply is the hybrid text, and the label stays corrected.
    addTag(zd, t.id, 'm365_approve');
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => zd.publicReplies(t.id).length === 1);
    expect(zd.publicReplies(t.id)[0]!.comment.html_body).toBe(replyHtml(corrected.text));
    expect(await store.getLabel(first.id)).toMatchObject({ outcome: 'corrected', labels: { branch: 'hybrid' } });
    expect(await store.getLabel(corrected.id)).toBeNull();
  });

  it('a fix tag that names no branch, or two fix tags, get a notice and change nothing', async () => {
    const t = await drafted(UNDECIDED);
    addTag(zd, t.id, 'm365_fix_hybird');
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => zd.privateNotes(t.id).length === 2);
    expect(zd.privateNotes(t.id)[1]!.comment.html_body).toMatch(/names no branch; use one of .*m365_fix_hybrid/);
    expect(zd.mustTicket(t.id).tags).not.toContain('m365_fix_hybird');
    expect(await store.latestDraft(String(t.id))).toMatchObject({ branch: 'rename-or-hybrid', state: 'pending' });

    addTag(zd, t.id, 'm365_fix_hybrid');
    addTag(zd, t.id, 'm365_fix_rename');
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => zd.privateNotes(t.id).length === 3);
    expect(zd.privateNotes(t.id)[2]!.comment.html_body).toMatch(/several fix tags were added \(<code>m365_fix_hybrid<\/code>, <code>m365_fix_rename<\/code>\); nothing was done\. Add the one right branch\./);
    expect(zd.mustTicket(t.id).tags.filter((x) => x.startsWith('m365_fix_'))).toEqual([]);
    expect(await store.latestDraft(String(t.id))).toMatchObject({ branch: 'rename-or-hybrid', state: 'pending', correctedFrom: null });
  });

  it('a fix tag together with the approve tag: nothing is corrected or sent, a note says to correct first, every one of those tags goes', async () => {
    const t = await drafted(UNDECIDED);
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_fix_hybrid', 'm365_approve']);
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => zd.privateNotes(t.id).length === 2);
    await h.app.m365.drain();
    expect(zd.privateNotes(t.id)[1]!.comment.html_body).toMatch(/a fix tag and <code>m365_approve<\/code>\/<code>m365_reject<\/code> were added together; nothing was done\. Add the fix tag first, then approve the corrected draft\./);
    expect(zd.mustTicket(t.id).tags.filter((x) => x === 'm365_fix_hybrid' || x === 'm365_approve')).toEqual([]);
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    expect(await store.latestDraft(String(t.id))).toMatchObject({ branch: 'rename-or-hybrid', state: 'pending', correctedFrom: null });
  });

  it('a fix tag on a ticket with no draft gets a note; one naming the reading already drafted changes nothing and only the tag goes', async () => {
    const t = await drafted(UNDECIDED);
    const first = (await store.latestDraft(String(t.id)))!;
    const classification = zd.mustTicket(t.id).tags;
    addTag(zd, t.id, 'm365_fix_rename_or_hybrid');
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => !zd.mustTicket(t.id).tags.includes('m365_fix_rename_or_hybrid'));
    await h.app.m365.drain();
    expect(zd.privateNotes(t.id)).toHaveLength(1); // only the draft note
    expect([...zd.mustTicket(t.id).tags].sort()).toEqual([...classification].sort());
    expect(await store.latestDraft(String(t.id))).toMatchObject({ id: first.id, branch: 'rename-or-hybrid', state: 'pending' });
    expect(await store.getLabel(first.id)).toBeNull();

    const undrafted = zd.addTicket({ subject: 'Invoice question', body: 'Please send the invoice again.', requester: customer });
    addTag(zd, undrafted.id, 'm365_fix_hybrid');
    await h.deliver(tagsChanged(undrafted.id, agent.id));
    await h.settle(() => zd.privateNotes(undrafted.id).length === 1);
    expect(zd.privateNotes(undrafted.id)[0]!.comment.html_body).toContain('there is no draft on this ticket to correct.');
    expect(zd.mustTicket(undrafted.id).tags).not.toContain('m365_fix_hybrid');
  });

  it('m365_fix_off_topic closes the draft without a reply: no new draft, the ticket is tagged off-topic and stops asking for approval', async () => {
    const t = await drafted(UNDECIDED);
    const first = (await store.latestDraft(String(t.id)))!;
    addTag(zd, t.id, 'm365_fix_off_topic');
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(() => !zd.mustTicket(t.id).tags.includes('m365_fix_off_topic'));
    await h.app.m365.drain();
    expect(zd.privateNotes(t.id)).toHaveLength(1); // the first draft's note only: nothing new to approve
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    expect(await store.latestDraft(String(t.id))).toMatchObject({ id: first.id, state: 'rejected' });
    const tags = zd.mustTicket(t.id).tags;
    expect(tags).toEqual(expect.arrayContaining(['m365_off_topic', 'm365_rejected']));
    expect(tags).not.toContain('m365_needs_approval');
    // The reading's tags go with it (README: an off-topic ticket carries the off-topic and language tags only), so
    // views and reports on m365_branch_* no longer count it; the agent's other tags stay.
    expect(tags.filter((tag) => /^m365_(topic_|branch_|product_|ds_|names_|choice_)/.test(tag))).toEqual([]);
    expect(tags).toContain('m365_lang_en');
    expect(await store.getLabel(first.id)).toMatchObject({ outcome: 'corrected', labels: { branch: 'off-topic' }, door: 'zendesk' });
  });

  it('a corrected auto-send turns auto-send off: the next eligible ticket gets a private note, not a public reply', async () => {
    const first = await drafted(keepAd(1), { AUTO_SEND: 'on', AUTO_SEND_UNEARNED: 'allow', ADMIN_TOKEN: ADMIN });
    await h.settle(() => zd.publicReplies(first.id).length === 1);
    const auto = (await store.latestDraft(String(first.id)))!;
    addTag(zd, first.id, 'm365_fix_rename');
    await h.deliver(tagsChanged(first.id, agent.id));
    await h.settle(() => !zd.mustTicket(first.id).tags.includes('m365_fix_rename') && zd.privateNotes(first.id).length === 2);
    expect(zd.mustTicket(first.id).tags).toEqual(expect.arrayContaining(['m365_auto_send_corrected', 'm365_needs_approval', 'm365_branch_rename']));
    const state = await (await fetch(`${h.url}/admin/auto-send`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    expect(state).toMatchObject({ enabled: false, killed: true, breaker: { ticketId: String(first.id), draftId: auto.id, from: 'hybrid', to: 'rename', door: 'zendesk' } });

    const next = zd.addTicket({ ...keepAd(2), requester: customer });
    await h.deliver(commentAdded(next.id, next.comments[0]!.id, customer.id));
    await h.settle(() => zd.privateNotes(next.id).length === 1);
    await h.app.m365.drain();
    expect(zd.publicReplies(next.id)).toHaveLength(0);
    expect(await store.latestDraft(String(next.id))).toMatchObject({ state: 'pending', autoSendEligible: true });
  }, 90_000);

  it('a fix tag a trigger added (no agent in the audits) changes nothing; a note says to add it yourself', async () => {
    const t = await drafted(UNDECIDED);
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_fix_hybrid'], ZENDESK_SYSTEM_USER);
    await h.deliver(tagsChanged(t.id, agent.id)); // the event names someone else
    await h.settle(() => zd.privateNotes(t.id).length === 2);
    expect(zd.privateNotes(t.id)[1]!.comment.html_body).toMatch(/<code>m365_fix_hybrid<\/code> was added by Zendesk itself \(a trigger or automation\), not by an agent; nothing was changed\. Add the tag again yourself\./);
    expect(zd.mustTicket(t.id).tags).not.toContain('m365_fix_hybrid');
    expect(await store.latestDraft(String(t.id))).toMatchObject({ branch: 'rename-or-hybrid', state: 'pending', correctedFrom: null });
  });

  it('the same fix tag event twice before the tag is gone (Zendesk retries, a second instance): one corrected draft, one note', async () => {
    const t = await drafted(UNDECIDED);
    addTag(zd, t.id, 'm365_fix_hybrid');
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.app.m365.pollers.events!.runOnce(); // both events, while the tag is still on the ticket
    await h.settle(() => !zd.mustTicket(t.id).tags.includes('m365_fix_hybrid'));
    await h.app.m365.drain();
    expect(zd.privateNotes(t.id)).toHaveLength(2); // the first draft's note and the corrected one
    const corrected = (await store.latestDraft(String(t.id)))!;
    expect(corrected).toMatchObject({ branch: 'hybrid', state: 'pending' });
    const drafts = await store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM drafts WHERE ticket_id = $1', [String(t.id)]);
    expect(drafts).toEqual([{ n: 2 }]);
    expect(zd.mustTicket(t.id).tags).toEqual(expect.arrayContaining(['m365_branch_hybrid', 'm365_needs_approval']));
  });
});

const pg = postgresSchemaStores();

describe.runIf(pg)('the auto-send circuit breaker on two instances sharing one PostgreSQL', () => {
  let zd: FakeZendesk;
  let apps: Harness[] = [];
  let stores: Store[] = [];
  let cleanup: () => Promise<void>;
  const env = { AUTO_SEND: 'on', AUTO_SEND_UNEARNED: 'allow', ADMIN_TOKEN: ADMIN };

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
    const shared = await pg!();
    stores = shared.stores;
    cleanup = shared.cleanup;
    apps = [
      await startHarness({ store: stores[0]!, zd, env, workerId: 'instance-a' }),
      await startHarness({ store: stores[1]!, zd, env, workerId: 'instance-b' }),
    ];
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await cleanup?.();
    await zd.stop();
  });

  const admin = async (h: Harness, path: string, body?: unknown) => {
    const r = await fetch(`${h.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, json: (await r.json()) as any };
  };

  it('a corrected auto-send turns auto-send off on both instances; the next eligible ticket gets a private note only', async () => {
    const [a, b] = apps as [Harness, Harness];
    const customer = zd.addUser({ name: 'Kim', email: 'kim@example.org', role: 'end-user' });
    const agent = zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
    for (const h of apps) expect((await admin(h, '/admin/auto-send')).json).toMatchObject({ enabled: true, killed: false, breaker: null });

    const first = zd.addTicket({ ...keepAd(1), requester: customer });
    await a.deliver(commentAdded(first.id, first.comments[0]!.id, customer.id));
    await a.settle(() => zd.publicReplies(first.id).length === 1);
    const auto = (await stores[0]!.latestDraft(String(first.id)))!;
    expect(auto).toMatchObject({ branch: 'hybrid', state: 'posted' });

    // The customer did want to rename: the agent corrects the auto-sent reading on instance A.
    addTag(zd, first.id, 'm365_fix_rename');
    await a.deliver(tagsChanged(first.id, agent.id));
    await a.settle(() => !zd.mustTicket(first.id).tags.includes('m365_fix_rename') && zd.privateNotes(first.id).length === 2);

    for (const h of apps) {
      const state = (await admin(h, '/admin/auto-send')).json;
      expect(state).toMatchObject({ enabled: false, killed: true, breaker: { ticketId: String(first.id), draftId: auto.id, from: 'hybrid', to: 'rename', actor: `zendesk:${agent.id}`, door: 'zendesk' } });
    }
    expect(zd.mustTicket(first.id).tags).toEqual(expect.arrayContaining(['m365_auto_send_corrected', 'm365_needs_approval', 'm365_branch_rename']));
    expect(await stores[1]!.getLabel(auto.id)).toMatchObject({ outcome: 'corrected', autoSent: true, labels: { branch: 'rename', choice: 'rename' } });
    const audit = await stores[1]!.listAudit({ ticketId: String(first.id) });
    expect(audit.find((x) => x.action === 'auto_send.tripped')).toMatchObject({ draftId: auto.id, actor: `zendesk:${agent.id}` });
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^m365_auto_send_enabled 0$/m);
    expect(metrics).toMatch(/^m365_auto_send_breaker_open 1$/m);

    // The next eligible ticket, handled by instance B, is drafted as a private note and waits for an agent.
    const next = zd.addTicket({ ...keepAd(2), requester: customer });
    await b.deliver(commentAdded(next.id, next.comments[0]!.id, customer.id));
    await b.settle(() => zd.privateNotes(next.id).length === 1);
    await a.app.m365.drain();
    await b.app.m365.drain();
    expect(zd.publicReplies(next.id)).toHaveLength(0);
    expect(await stores[1]!.latestDraft(String(next.id))).toMatchObject({ state: 'pending', autoSendEligible: true });
    expect(zd.privateNotes(next.id)[0]!.comment.html_body).toMatch(/drafted a reply\.<\/strong> Nothing has been sent/);

    // Only an admin turns it back on (audited); then eligible tickets are auto-sent again.
    expect((await admin(b, '/admin/auto-send', {})).status).toBe(400);
    expect((await admin(b, '/admin/auto-send', { enabled: true })).json).toMatchObject({ enabled: true, breaker: null });
    expect((await admin(a, '/admin/auto-send')).json).toMatchObject({ enabled: true, killed: false });
    const resumed = (await stores[0]!.listAudit({ limit: 50 })).find((x) => x.action === 'auto_send.resumed');
    expect(resumed).toMatchObject({ actor: 'admin', details: { clearedTrip: { draftId: auto.id } } });
    const third = zd.addTicket({ ...keepAd(3), requester: customer });
    await a.deliver(commentAdded(third.id, third.comments[0]!.id, customer.id));
    await a.settle(() => zd.publicReplies(third.id).length === 1);
  }, 90_000);
});
