// Issue 16, Zendesk: the things a real Zendesk does that the old fake hid. Each test runs the real app against the
// loopback fake, which now behaves as Zendesk's documentation says (the URLs are beside each behaviour in
// test/fakes/zendesk.ts), and each failed on the code before this change.
import { hashSync } from '@node-rs/argon2';
import { afterEach, describe, expect, it } from 'vitest';
import { approveDraft } from '../../src/drafts/index.js';
import type { Store } from '../../src/store/types.js';
import { createReconciler } from '../../src/zendesk/reconcile.js';
import { FakeZendesk, ZENDESK_SYSTEM_USER, type FakeUser } from '../fakes/zendesk.js';
import { commentAdded, eventForAudit, startHarness, tagsChanged, type Harness } from '../helpers/harness.js';
import { quiesce } from '../helpers/poll.js';
import { HANG_PAST_TIMEOUT_MS } from '../helpers/timeouts.js';
import { storeKinds } from '../store/helpers.js';

const HYBRID = {
  subject: 'Keep our AD sync - archiving to modern auth',
  body: "Hi,\nMailStore Server 24.1 syncs users with our on-premises Active Directory (usernames like 'mjones').\nOur mailboxes are in Exchange Online. We want to keep the Active Directory sync as it is and only move\narchiving to modern authentication. No renaming of users, please.\nThanks, Mark",
};
const CLASSIFICATION = ['m365_topic_conversion', 'm365_branch_hybrid', 'm365_lang_en'];

const [pglite] = storeKinds();

describe(`Zendesk as documented (${pglite!.name})`, { timeout: 120_000 }, () => {
  let store: Store | undefined;
  let h: Harness | undefined;
  let zd: FakeZendesk;
  let customer: FakeUser;
  let anna: FakeUser;
  let bob: FakeUser;

  afterEach(async () => {
    await h?.close();
    await store?.close();
    await zd?.stop();
    h = undefined;
    store = undefined;
  });

  async function boot(o: { env?: Record<string, string>; apiUserRole?: FakeUser['role'] } = {}) {
    zd = await new FakeZendesk().start();
    if (o.apiUserRole) zd.bot.role = o.apiUserRole;
    customer = zd.addUser({ name: 'Mark Jones', email: 'mark@example.org', role: 'end-user' });
    bob = zd.addUser({ name: 'Bob Agent', email: 'bob@mailstore.example', role: 'agent' });
    anna = zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
    store = await pglite!.open();
    h = await startHarness({ store, zd, ...(o.env ? { env: o.env } : {}) });
  }

  async function drafted(content = HYBRID) {
    const t = zd.addTicket({ ...content, requester: customer });
    await h!.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h!.settle(() => zd.privateNotes(t.id).length === 1);
    return { t, draft: (await store!.latestDraft(String(t.id)))! };
  }

  const notices = (ticketId: number) => zd.stored(ticketId).filter((c) => !c.public && /m365-guide:/.test(c.html_body)).map((c) => c.plain_body);

  it('1: sends notes and replies as html_body, so paragraphs, lists and separators survive (a body would be collapsed)', async () => {
    await boot();
    const { t, draft } = await drafted();
    const [sent] = zd.privateNotes(t.id);
    expect(sent!.comment.body).toBeUndefined();
    const note = zd.stored(t.id).at(-1)!;
    expect(note.public).toBe(false);
    expect(note.html_body.match(/<p>/g)!.length).toBeGreaterThanOrEqual(5);
    expect(note.html_body).toContain('<hr>');
    expect(note.html_body).toMatch(/<ul>[\s\S]*<li><strong>Step 1:<\/strong>/); // the reply numbers its own steps in words
    expect(note.html_body).not.toMatch(/<h\d>/); // after a collapse, the line above `---` became a heading
    expect(note.html_body).not.toMatch(/\{\{/);

    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], anna);
    await h!.deliver(tagsChanged(t.id, anna.id));
    await h!.settle(() => zd.publicReplies(t.id).length === 1);
    const reply = zd.stored(t.id).at(-1)!;
    expect(reply).toMatchObject({ public: true, author_id: anna.id });
    const paragraphs = draft.text.split(/\n{2,}/).length;
    expect(reply.html_body.match(/<p>/g)!.length).toBeGreaterThanOrEqual(paragraphs - 1);
    expect(reply.plain_body).toContain('\n\n');
  });

  it('2: posts the reply as the agent who added the approve tag (from the audits), whatever event arrives first', async () => {
    await boot();
    const { t } = await drafted();
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], anna);
    const annaChange = zd.mustTicket(t.id).audits.at(-1)!;
    zd.addComment(t.id, bob, 'Internal: I will call them too.', false);
    const bobChange = zd.mustTicket(t.id).audits.at(-1)!;
    // Unordered delivery: Bob's later change arrives first, while the approve tag is already on the ticket.
    await h!.deliver(eventForAudit(bobChange));
    await h!.deliver(eventForAudit(annaChange));
    await h!.settle(() => zd.publicReplies(t.id).length === 1);
    await h!.app.m365.drain();
    expect(zd.publicReplies(t.id)).toHaveLength(1);
    expect(zd.publicReplies(t.id)[0]!.comment.author_id).toBe(anna.id);
    expect(await store!.latestDraft(String(t.id))).toMatchObject({ state: 'posted', decidedBy: `zendesk:${anna.id}` });
  });

  it('2: says so in a private note, and sends nothing, when the audits do not name an agent who added the tag', async () => {
    await boot();
    const { t } = await drafted();
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], ZENDESK_SYSTEM_USER); // a trigger added it
    await h!.deliver(tagsChanged(t.id, bob.id)); // the event names someone else
    await h!.settle(() => notices(t.id).length === 1);
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    expect(notices(t.id)[0]).toMatch(/added by Zendesk itself.*nothing was sent/);
    expect(zd.mustTicket(t.id).tags).not.toContain('m365_approve');
    expect(await store!.latestDraft(String(t.id))).toMatchObject({ state: 'pending' });
  });

  it('3: with an agent (not admin) as API user, says at boot what is lost, skips the reconcile poll instead of a 403 each time', async () => {
    await boot({ apiUserRole: 'agent' });
    const api = await h!.app.m365.apiUser!.get();
    expect(api).toMatchObject({ kind: 'agent', reconcile: false, authorForOthers: false });
    await createReconciler(h!.app.m365.worker!, h!.app.m365.apiUser!).tick();
    expect(zd.requests.filter((r) => r.path.startsWith('/api/v2/incremental'))).toHaveLength(0);
    const ready = (await (await fetch(`${h!.url}/readyz`)).json()) as { ok: boolean; zendesk: { reconcile: boolean; notes: string[] } };
    expect(ready.ok).toBe(true); // the webhook still works: not a reason to take the instance out
    expect(ready.zendesk.reconcile).toBe(false);
    expect(ready.zendesk.notes.join(' ')).toMatch(/reconcile poll is off.*admin/);
    // The fake refuses the export to non-admins, as Zendesk does.
    const direct = await fetch(`${zd.url}/api/v2/incremental/tickets.json?start_time=0`, { headers: { authorization: 'Basic ' + Buffer.from(`${zd.email}/token:${zd.token}`).toString('base64') } });
    expect(direct.status).toBe(403);
  });

  it('3: asks the export to leave deleted tickets out', async () => {
    await boot();
    const kept = zd.addTicket({ ...HYBRID, requester: customer });
    const gone = zd.addTicket({ ...HYBRID, requester: customer });
    zd.deleteTicket(gone.id);
    await createReconciler(h!.app.m365.worker!, h!.app.m365.apiUser!).tick();
    const asked = zd.requests.find((r) => r.path === '/api/v2/incremental/tickets')!;
    expect(asked.query.get('exclude_deleted')).toBe('true');
    await h!.settle(() => zd.privateNotes(kept.id).length === 1);
    expect(await store!.latestDraft(String(gone.id))).toBeNull();
  });

  it('4: approving and rejecting keep the ticket’s classification tags', async () => {
    await boot();
    const a = await drafted();
    zd.setTags(a.t.id, [...zd.mustTicket(a.t.id).tags, 'm365_approve'], anna);
    await h!.deliver(tagsChanged(a.t.id, anna.id));
    await h!.settle(() => zd.publicReplies(a.t.id).length === 1);
    expect(zd.mustTicket(a.t.id).tags).toEqual(expect.arrayContaining([...CLASSIFICATION, 'm365_approved']));
    expect(zd.mustTicket(a.t.id).tags).not.toContain('m365_needs_approval');

    const b = await drafted();
    zd.setTags(b.t.id, [...zd.mustTicket(b.t.id).tags, 'm365_reject'], anna);
    await h!.deliver(tagsChanged(b.t.id, anna.id));
    await h!.settle(() => zd.mustTicket(b.t.id).tags.includes('m365_rejected') && !zd.mustTicket(b.t.id).tags.includes('m365_reject'));
    expect(zd.mustTicket(b.t.id).tags).toEqual(expect.arrayContaining(CLASSIFICATION));
  });

  it('5: recognises a reply Zendesk applied but never confirmed by its metadata mark in the audit, not by its (sanitised) text', async () => {
    await boot();
    const { t, draft } = await drafted();
    // The reviewer's edit holds text Zendesk would strip from a body ("<Mark>"), so the stored text differs.
    const edited = 'Dear <Mark>,\n\nyes, keep the Active Directory sync as it is.\n\nBest regards';
    const r = await approveDraft(store!, { draftId: draft.id, actor: 'review:anna', door: 'review', editedText: edited, authorId: String(anna.id), now: new Date() });
    expect(r.ok).toBe(true);
    // Applied, but answered only after the client gave up (a hang shorter than the timeout would just succeed).
    zd.failNext({ hangMs: HANG_PAST_TIMEOUT_MS, apply: true }, { method: 'PUT' });
    await h!.settle(async () => (await store!.getDraft(draft.id))?.state === 'posted', 50_000);
    await quiesce(h!.app);
    expect(zd.publicReplies(t.id)).toHaveLength(1);
    expect(zd.requests.filter((r) => r.method === 'PUT' && r.body?.ticket?.comment?.public === true)).toHaveLength(1); // the retry found the mark and did not write again
    const put = zd.publicReplies(t.id)[0]!.body.ticket;
    expect(put.metadata).toEqual({ m365_guide_write: `public_reply:${draft.id}` });
    expect(zd.mustTicket(t.id).audits.filter((a) => a.metadata.custom.m365_guide_write === `public_reply:${draft.id}`)).toHaveLength(1);
    expect(zd.stored(t.id).at(-1)!.plain_body).toContain('Dear <Mark>');
    expect((await store!.listAudit({ ticketId: String(t.id) })).find((a) => a.action === 'reply.posted')).toMatchObject({ details: { recovered: true } });
  }, 90_000);

  it('6: refuses a light agent as author (Zendesk would keep the reply private) and says why', async () => {
    await boot();
    const light = zd.addUser({ name: 'Lia Light', email: 'lia@mailstore.example', role: 'agent', role_type: 1 });
    const { t } = await drafted();
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], light);
    await h!.deliver(tagsChanged(t.id, light.id));
    await h!.settle(() => notices(t.id).length === 1);
    expect(notices(t.id)[0]).toMatch(/light agent/);
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    expect(await store!.latestDraft(String(t.id))).toMatchObject({ state: 'pending' });
  });

  it('6: refuses a chat-only author named by another door, before anything is published', async () => {
    await boot();
    const chat = zd.addUser({ name: 'Cho Chat', email: 'cho@mailstore.example', role: 'agent', role_type: 2, chat_only: true });
    const { t, draft } = await drafted();
    await approveDraft(store!, { draftId: draft.id, actor: 'slack:U0CHAT', door: 'slack', authorId: String(chat.id), now: new Date() });
    await h!.settle(async () => (await store!.getDraft(draft.id))?.state === 'rejected' && notices(t.id).length === 1);
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    expect(notices(t.id)[0]).toMatch(/chat-only.*SLACK_USER_MAP/s);
    expect((await store!.getDraft(draft.id))!.reason).toMatch(/chat-only/);
  });

  it('6: with a non-admin API user, refuses replies in another agent’s name (Zendesk would flag them)', async () => {
    await boot({ apiUserRole: 'agent' });
    const { t } = await drafted();
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], anna);
    await h!.deliver(tagsChanged(t.id, anna.id));
    await h!.settle(() => notices(t.id).length === 1);
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    expect(zd.stored(t.id).some((c) => c.metadata.flags?.includes(11))).toBe(false);
    expect(notices(t.id)[0]).toMatch(/not an admin/);
  });

  it('6: role-checks the configured authors (REVIEW_USERS zendeskUserId) at boot and names the variable', async () => {
    zd = await new FakeZendesk().start();
    const light = zd.addUser({ name: 'Lia Light', email: 'lia@mailstore.example', role: 'agent', role_type: 1 });
    store = await pglite!.open();
    h = await startHarness({
      store,
      zd,
      env: {
        REVIEW_USERS: JSON.stringify([{ login: 'lia', passwordHash: hashSync('correct horse battery'), zendeskUserId: String(light.id) }]),
        REVIEW_SESSION_SECRET: 'review-session-secret-for-tests-only-0123456789',
        REVIEW_COOKIE_SECURE: 'false',
      },
    });
    await h.app.m365.apiUser!.get();
    const ready = (await (await fetch(`${h.url}/readyz`)).json()) as { zendesk: { notes: string[] } };
    expect(ready.zendesk.notes.join('\n')).toMatch(new RegExp(`REVIEW_USERS \\(login "lia"\\) zendeskUserId = ${light.id}: .*light agent`));
  });

  it('7: drafts nothing for a solved ticket or for a statement an agent already answered publicly', async () => {
    await boot({ env: { AUTO_SEND: 'on', AUTO_SEND_UNEARNED: 'allow' } });
    const solved = zd.addTicket({ ...HYBRID, requester: customer, status: 'solved' });
    await h!.deliver(commentAdded(solved.id, solved.comments[0]!.id, customer.id));
    const answered = zd.addTicket({ ...HYBRID, requester: customer });
    zd.addComment(answered.id, anna, 'Hi Mark, keep the AD sync and follow the hybrid article. Best, Anna', true);
    await h!.deliver(commentAdded(answered.id, answered.comments[0]!.id, customer.id));
    await h!.app.m365.drain();
    for (const t of [solved, answered]) {
      expect(zd.writes(t.id)).toHaveLength(0);
      expect(await store!.latestDraft(String(t.id))).toBeNull();
    }
    // The customer writing again reopens the ticket (Zendesk's own rule) and gets a draft.
    const c = zd.addComment(solved.id, customer, 'Sorry, one more question: we want to keep the AD sync, is that fine?', true);
    expect(zd.mustTicket(solved.id).status).toBe('open');
    await h!.deliver(commentAdded(solved.id, c.id, customer.id));
    await h!.settle(() => zd.privateNotes(solved.id).length === 1);
  });

  it('8: follows next_page to the newest comments when Zendesk writes its own (differently cased) host into the link', async () => {
    await boot();
    zd.canonicalUrl = zd.url.replace('127.0.0.1', 'SUPPORT.Example.COM');
    const t = zd.addTicket({ ...HYBRID, requester: customer });
    for (let i = 0; i < 120; i++) zd.addComment(t.id, bob, `Internal note ${i}`, false);
    const last = zd.addComment(t.id, customer, 'Update: management decided differently. We will rename the users to their email addresses and switch completely to Microsoft 365.', true);
    await h!.deliver(commentAdded(t.id, last.id, customer.id));
    await h!.settle(() => zd.privateNotes(t.id).length === 1);
    expect(await store!.latestDraft(String(t.id))).toMatchObject({ ticketVersion: String(last.id), branch: 'rename' });
    expect(zd.requests.some((r) => r.path.endsWith('/comments') && r.query.get('page') === '2')).toBe(true);
  });
});
