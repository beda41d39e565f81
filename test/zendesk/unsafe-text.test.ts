// A NUL or a lone UTF-16 surrogate used to lose the ticket: PostgreSQL refused the thread (jsonb), the event was
// retried ten times and ended "failed for good" with no note (issue 12). Through real HTTP on both storage kinds.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { DRAFT_FAILED_TAG } from '../../src/zendesk/event-runner.js';
import { FakeZendesk } from '../fakes/zendesk.js';
import { commentAdded, startHarness, type Harness } from '../helpers/harness.js';
import { forEachStore } from '../store/helpers.js';

const BODY =
  'Hi,\nMailStore Server syncs with our Active Directory (usernames like jdoe).\u0000 We want to keep the AD\nsync as it is and only move archiving to modern authentication.\nThanks';

// One store per file, emptied before every test (a PGlite boot per test was the slow part under load).
forEachStore('hostile characters', (ctx) => {
  let store: Store;
  let zd: FakeZendesk;
  let h: Harness;

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
  });
  afterAll(async () => zd.stop());
  afterEach(async () => {
    await h?.close();
  });

  it('NUL and lone surrogates in body, comment and requester name: the ticket is still drafted', async () => {
    store = ctx.store;
    h = await startHarness({ store, zd });
    const customer = zd.addUser({ name: 'Mark\u0000 Jones \uD800', email: 'mark@example.org', role: 'end-user' });
    const t = zd.addTicket({ subject: 'Keep AD \uDC00 sync', body: BODY, requester: customer });
    const c = zd.addComment(t.id, customer, 'One more thing \uD83D: no renaming \u0000please.', true);
    expect((await h.deliver(commentAdded(t.id, c.id, customer.id))).status).toBe(200);
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    const draft = await store.latestDraft(String(t.id));
    expect(draft).toMatchObject({ state: 'pending', branch: 'hybrid' });
    expect(JSON.stringify(draft!.thread)).not.toContain('\\u0000');
    expect(draft!.thread.comments?.[0]?.body).toContain('One more thing \uFFFD: no renaming please.');
  });

  it('a NUL or a lone surrogate in a signed webhook field is a 400, not a 500', async () => {
    store = ctx.store;
    h = await startHarness({ store, zd });
    const trigger = { ticket_id: '77', updated_at: '2026-12-04T10:00:00Z\u0000' };
    expect(await h.deliver(trigger)).toMatchObject({ status: 400, json: { code: 'payload_invalid' } });
    const surrogate = { ticket_id: '77', updated_at: '\uD800' };
    expect(await h.deliver(surrogate)).toMatchObject({ status: 400, json: { code: 'payload_invalid' } });
    const event = { ...commentAdded(77, 1, 5), id: 'evt-\u0000' };
    expect(await h.deliver(event)).toMatchObject({ status: 400, json: { code: 'payload_invalid' } });
    expect(await store.countEvents()).toBe(0);
  });

  it('an event that fails for good leaves a private note and the draft-failed tag, so someone answers the ticket', async () => {
    store = ctx.store;
    h = await startHarness({ store, zd });
    const customer = zd.addUser({ name: 'Eva Lang', email: 'eva@example.org', role: 'end-user' });
    const t = zd.addTicket({ subject: 'Modern auth', body: BODY, requester: customer });
    // 403 is not worth retrying: the event fails for good at once.
    zd.failNext({ status: 403 }, { method: 'GET', path: new RegExp(`/tickets/${t.id}/comments`) });
    expect((await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id))).status).toBe(200);
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    const [note] = zd.privateNotes(t.id);
    expect(note!.comment.html_body ?? note!.comment.body).toContain('no reply could be drafted for this ticket');
    expect(zd.mustTicket(t.id).tags).toContain(DRAFT_FAILED_TAG);
  });
});
