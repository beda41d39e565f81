// End to end through real HTTP: signed webhook → stored event → worker → outbox → loopback fake Zendesk.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { FakeZendesk, type FakeUser } from '../fakes/zendesk.js';
import { commentAdded, startHarness, tagsChanged, type Harness } from '../helpers/harness.js';
import { storeKinds } from '../store/helpers.js';
import { replyHtml } from '../../src/zendesk/draft-note.js';
import { quiesce } from '../helpers/poll.js';
import { HANG_PAST_TIMEOUT_MS } from '../helpers/timeouts.js';
import { forEachStore } from '../store/helpers.js';

const HYBRID = {
  subject: 'Keep our AD sync - archiving to modern auth',
  body: "Hi,\nMailStore Server 24.1 syncs users with our on-premises Active Directory (usernames like 'mjones').\nOur mailboxes are in Exchange Online. We want to keep the Active Directory sync as it is and only move\narchiving to modern authentication. No renaming of users, please.\nThanks, Mark",
};
const FOLLOW_UP_RENAME = 'Update: management decided differently. We will rename the users to their email addresses and switch completely to Microsoft 365.';

// One store per file (booting PGlite per test cost seconds each under load); tables are emptied before every test.
forEachStore('Zendesk webhook flow', (ctx) => {
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
  });

  async function boot(env: Record<string, string> = {}) {
    store = ctx.store;
    h = await startHarness({ store, zd, env });
  }

  async function newTicketDrafted(content = HYBRID) {
    const t = zd.addTicket({ ...content, requester: customer });
    const first = t.comments[0]!;
    const r = await h.deliver(commentAdded(t.id, first.id, customer.id));
    expect(r).toEqual({ status: 200, json: { ok: true, duplicate: false } });
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    return t;
  }

  it('turns a new ticket into exactly one private draft note with branch, evidence, tags, triage and how to approve', async () => {
    await boot({ TRIAGE_MAP: '{"default":{"priority":"normal"},"hybrid":{"priority":"high","groupId":360001}}' });
    const t = await newTicketDrafted();
    const [note] = zd.privateNotes(t.id);
    expect(note!.comment.public).toBe(false);
    expect(note!.comment.html_body).toMatch(/branch <code>hybrid<\/code>/);
    expect(note!.comment.html_body).toContain('2.6');
    expect(note!.comment.html_body).toContain('m365_approve');
    expect(note!.comment.html_body).toMatch(/Evidence/);
    expect(zd.mustTicket(t.id).tags).toEqual(expect.arrayContaining(['m365_topic_conversion', 'm365_branch_hybrid', 'm365_lang_en', 'm365_needs_approval']));
    expect(zd.mustTicket(t.id)).toMatchObject({ priority: 'high', group_id: 360001 });
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    const draft = await store.latestDraft(String(t.id));
    expect(draft).toMatchObject({ state: 'pending', branch: 'hybrid' });
  });

  it('acknowledges a duplicate delivery and does nothing more; our own note does not loop', async () => {
    await boot();
    const t = zd.addTicket({ ...HYBRID, requester: customer });
    const evt = commentAdded(t.id, t.comments[0]!.id, customer.id);
    expect((await h.deliver(evt, { invocationId: 'inv-1' })).json).toEqual({ ok: true, duplicate: false });
    expect((await h.deliver(evt, { invocationId: 'inv-1' })).json).toEqual({ ok: true, duplicate: true });
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    // Our own write comes back as an event (comment by the bot): it must not produce another draft.
    const ours = zd.mustTicket(t.id).comments.at(-1)!;
    await h.deliver(commentAdded(t.id, ours.id, zd.bot.id));
    await h.deliver(tagsChanged(t.id, zd.bot.id));
    await quiesce(h.app);
    expect(zd.privateNotes(t.id)).toHaveLength(1);
    expect(await store.countEvents()).toBe(3);
  });

  it('drafts again for a follow-up; the superseded draft can no longer be approved', async () => {
    await boot();
    const t = await newTicketDrafted();
    const first = await store.latestDraft(String(t.id));
    const c = zd.addComment(t.id, customer, FOLLOW_UP_RENAME, true);
    await h.deliver(commentAdded(t.id, c.id, customer.id));
    await h.settle(() => zd.privateNotes(t.id).length === 2);
    const second = await store.latestDraft(String(t.id));
    expect(second).toMatchObject({ branch: 'rename', state: 'pending' });
    expect(await store.getDraft(first!.id)).toMatchObject({ state: 'superseded', supersededBy: second!.id });
    expect(zd.privateNotes(t.id)[1]!.comment.html_body).toContain(`Supersedes draft #${first!.id}`);
    expect(zd.mustTicket(t.id).tags).toContain('m365_branch_rename');
    expect(zd.mustTicket(t.id).tags).not.toContain('m365_branch_hybrid');
  });

  it('posts exactly one public reply in the agent’s name when the approve tag is added, and removes the tag', async () => {
    await boot();
    const t = await newTicketDrafted();
    const draft = await store.latestDraft(String(t.id));
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve']);
    const evt = tagsChanged(t.id, agent.id);
    await h.deliver(evt);
    await h.deliver(evt); // a Zendesk retry of the same event (new invocation)
    await h.settle(() => zd.publicReplies(t.id).length === 1);
    // A second approval after the tag is gone (an agent re-adds it) and a replay change nothing.
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve']);
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(async () => !zd.mustTicket(t.id).tags.includes('m365_approve'));
    await quiesce(h.app);
    const replies = zd.publicReplies(t.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.comment).toMatchObject({ public: true, author_id: agent.id, html_body: replyHtml(draft!.text) });
    const tags = zd.mustTicket(t.id).tags;
    expect(tags).toContain('m365_approved');
    expect(tags).not.toContain('m365_approve');
    expect(tags).not.toContain('m365_needs_approval');
    expect(await store.getDraft(draft!.id)).toMatchObject({ state: 'posted', decidedBy: `zendesk:${agent.id}`, door: 'zendesk' });
    const notices = zd.privateNotes(t.id).filter((n) => /cannot be approved/.test(n.comment.html_body));
    expect(notices).toHaveLength(1);
  });

  it('records a rejection from the reject tag and posts nothing', async () => {
    await boot();
    const t = await newTicketDrafted();
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_reject']);
    await h.deliver(tagsChanged(t.id, agent.id));
    await h.settle(async () => (await store.latestDraft(String(t.id)))?.state === 'rejected' && !zd.mustTicket(t.id).tags.includes('m365_reject'));
    expect(zd.publicReplies(t.id)).toHaveLength(0);
    expect(zd.mustTicket(t.id).tags).toContain('m365_rejected');
    const audit = await store.listAudit({ ticketId: String(t.id) });
    expect(audit.map((a) => a.action)).toContain('draft.rejected');
  });

  it('survives Zendesk answering 429 with Retry-After, 500 and hanging: retried, then posted once', async () => {
    await boot();
    const t = zd.addTicket({ ...HYBRID, requester: customer });
    zd.failNext({ status: 429, retryAfter: 1 }, { method: 'GET', path: /\/tickets\/\d+$/ });
    zd.failNext({ status: 500 }, { method: 'PUT' });
    zd.failNext({ hangMs: HANG_PAST_TIMEOUT_MS }, { method: 'PUT' });
    zd.failNext({ status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' }, { method: 'PUT' });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(() => zd.privateNotes(t.id).length === 1, 50_000);
    await quiesce(h.app);
    expect(zd.privateNotes(t.id)).toHaveLength(1);
    const rows = await store.listOutbox({ states: ['sent'] });
    expect(rows.find((r) => r.kind === 'zendesk.note')!.attempts).toBeGreaterThanOrEqual(4);
  }, 90_000);

  it('does not post twice when Zendesk applied a write but the answer was lost (timeout)', async () => {
    await boot();
    const t = zd.addTicket({ ...HYBRID, requester: customer });
    zd.failNext({ hangMs: HANG_PAST_TIMEOUT_MS, apply: true }, { method: 'PUT' });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(async () => (await store.listOutbox({ states: ['sent'] })).some((r) => r.kind === 'zendesk.note'), 50_000);
    await quiesce(h.app);
    expect(zd.privateNotes(t.id)).toHaveLength(1);
  }, 90_000);

  it('refuses forged, stale, future and unsigned deliveries with 401 and stores nothing', async () => {
    await boot();
    const body = commentAdded(1, 2, 3);
    const old = new Date(Date.now() - 6 * 60_000).toISOString();
    const future = new Date(Date.now() + 6 * 60_000).toISOString();
    const cases = [
      [{ secret: 'not-the-right-secret-000' }, 'signature_invalid'],
      [{ timestamp: old }, 'timestamp_out_of_window'],
      [{ timestamp: future }, 'timestamp_out_of_window'],
      [{ signature: null }, 'signature_missing'],
    ] as const;
    for (const [opts, code] of cases) {
      const r = await h.deliver(body, opts);
      expect(r.status).toBe(401);
      expect(r.json.code).toBe(code);
      expect(r.json.message).toMatch(/\w+ \w+/);
    }
    expect(await store.countEvents()).toBe(0);
  });

  it('answers malformed, oversized and wrongly typed bodies with a clear 4xx', async () => {
    await boot();
    const bad = await h.deliver(null, { raw: '{"ticket_id": ' });
    expect(bad).toMatchObject({ status: 400, json: { code: 'payload_invalid' } });
    const noTicket = await h.deliver({ hello: 'world' });
    expect(noTicket).toMatchObject({ status: 400, json: { code: 'payload_invalid' } });
    expect(noTicket.json.message).toContain('ticket_id');
    const big = await h.deliver(null, { raw: JSON.stringify({ ticket_id: '1', pad: 'x'.repeat(300 * 1024) }) });
    expect(big).toMatchObject({ status: 413, json: { code: 'payload_too_large' } });
    const form = await h.deliver(null, { raw: 'ticket_id=1', contentType: 'application/x-www-form-urlencoded' });
    expect(form).toMatchObject({ status: 415, json: { code: 'unsupported_media_type' } });
    expect(await store.countEvents()).toBe(0);
  });

  it('tags an off-topic ticket and drafts nothing', async () => {
    await boot();
    const t = zd.addTicket({
      subject: 'Outlook add-in shows no archive for new users',
      body: 'Hello, five new colleagues see "Archive not available" in the MailStore Outlook add-in. Their archives exist in MailStore Server. Version 24.1. Thanks, Carla',
      requester: customer,
    });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(() => zd.mustTicket(t.id).tags.includes('m365_off_topic'));
    expect(zd.privateNotes(t.id)).toHaveLength(0);
    expect(await store.latestDraft(String(t.id))).toBeNull();
  });

  it('never lets placeholder syntax from the customer reach Zendesk live', async () => {
    await boot();
    const sneaky = zd.addUser({ name: 'Eve {{current_user.email}}', email: 'eve@example.org', role: 'end-user' });
    const t = zd.addTicket({ subject: 'Keep AD {{ticket.id}}', body: HYBRID.body.replace('Thanks', 'PS {{ticket.requester.email}} {{#each x}}\nThanks'), requester: sneaky });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, sneaky.id));
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    const body = zd.privateNotes(t.id)[0]!.comment.html_body as string;
    expect(body).not.toMatch(/\{\{|\}\}/);
  });

  it('finds a ticket whose webhook was lost through the reconciliation poll', async () => {
    await boot();
    const t = zd.addTicket({ ...HYBRID, requester: customer });
    // No webhook at all: only the poll can find it.
    await h.app.m365.worker && (await import('../../src/zendesk/reconcile.js')).createReconciler(h.app.m365.worker!).tick();
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    expect(zd.privateNotes(t.id)).toHaveLength(1);
  });

  it('auto-sends only when AUTO_SEND=on and the core marks the ticket eligible, marks it, and obeys the kill switch', async () => {
    await boot({ AUTO_SEND: 'on', AUTO_SEND_UNEARNED: 'allow', ADMIN_TOKEN: 'admin-token-0123456789' });
    const { classify } = await import('../../src/classify/index.js');
    expect(classify({ ...HYBRID }).autoSend).toBe(true);
    const t = await newTicketDrafted();
    await h.settle(() => zd.publicReplies(t.id).length === 1);
    expect(zd.publicReplies(t.id)[0]!.comment.author_id).toBe(zd.bot.id);
    expect(zd.mustTicket(t.id).tags).toContain('m365_auto_sent');
    expect(zd.privateNotes(t.id)[0]!.comment.html_body).toMatch(/sent this reply automatically/);
    const kill = await fetch(`${h.url}/admin/auto-send/kill`, { method: 'POST', headers: { authorization: 'Bearer admin-token-0123456789' } });
    expect(kill.status).toBe(200);
    const t2 = await newTicketDrafted();
    await quiesce(h.app);
    expect(zd.publicReplies(t2.id)).toHaveLength(0);
    expect(await store.latestDraft(String(t2.id))).toMatchObject({ state: 'pending' });
  });

  it('answers 503 with Retry-After on the webhook under overload, while health stays 200', async () => {
    await boot({ OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '1000' });
    h.app.m365.overload.sample = () => ({ eventLoopDelayMs: 5000, rssBytes: 0 });
    const r = await fetch(`${h.url}/webhooks/zendesk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(((await r.json()) as { code: string }).code).toBe('overloaded');
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
    expect(await store.countEvents()).toBe(0);
  });
});
