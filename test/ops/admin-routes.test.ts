// Dead letters through the admin API: a note Zendesk refused lands in GET /admin/outbox; once the cause is fixed an
// admin sends it again with POST /admin/outbox/:id/retry (or every dead row with /admin/outbox/retry-dead).
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { FakeZendesk, type FakeUser } from '../fakes/zendesk.js';
import { commentAdded, startHarness, type Harness } from '../helpers/harness.js';
import { forEachStore } from '../store/helpers.js';

const ADMIN = 'admin-token-0123456789';
const TICKET = {
  subject: 'Switch to Microsoft 365 modern authentication',
  body: 'Hello,\nMailStore Server 24.1 uses Active Directory integration. We want to move everything to Microsoft 365 and rename our users to their email addresses.\nThanks',
};

// One store per file, emptied before every test (a PGlite boot per test was the slow part under load).
forEachStore('admin dead letters', (ctx) => {
  let store: Store;
  let zd: FakeZendesk;
  let h: Harness;
  let customer: FakeUser;

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
    customer = zd.addUser({ name: 'Kim Customer', email: 'kim@example.org', role: 'end-user' });
  });
  afterAll(async () => zd.stop());
  afterEach(async () => {
    await h?.close();
  });

  const admin = (path: string, method = 'GET', token = ADMIN) =>
    fetch(`${h.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));

  async function deadNote() {
    store = ctx.store;
    h = await startHarness({ store, zd, env: { ADMIN_TOKEN: ADMIN } });
    const t = zd.addTicket({ ...TICKET, requester: customer });
    // Zendesk refuses the note for good (403: the API user lost its agent role): not worth retrying.
    zd.failNext({ status: 403, body: JSON.stringify({ error: 'Forbidden', description: 'You do not have access' }) }, { method: 'PUT', path: /^\/api\/v2\/tickets\/\d+(\.json)?$/ });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(async () => (await store.outboxStats(new Date())).dead === 1);
    expect(zd.privateNotes(t.id)).toHaveLength(0);
    const listed = await admin('/admin/outbox');
    expect(listed.status).toBe(200);
    expect(listed.json.stats.dead).toBe(1);
    const [row] = listed.json.rows;
    expect(row).toMatchObject({ state: 'dead', ticketId: String(t.id) });
    expect(row.lastError).toMatch(/403|access|Forbidden/i);
    // Admins see ids, kinds and errors, never the reply text.
    expect(JSON.stringify(listed.json)).not.toContain('Microsoft 365 and rename');
    return { t, row };
  }

  it('retries one dead letter by id: the note arrives once, the row is sent, and the revival is audited', async () => {
    const { t, row } = await deadNote();
    const r = await admin(`/admin/outbox/${row.id}/retry`, 'POST');
    expect(r).toEqual({ status: 200, json: { revived: [row.id] } });
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    expect((await store.outboxStats(new Date())).dead).toBe(0);
    // A second retry of the same row is refused: it is no longer dead, and nothing is written twice.
    const again = await admin(`/admin/outbox/${row.id}/retry`, 'POST');
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('outbox_not_dead');
    await h.app.m365.drain();
    expect(zd.privateNotes(t.id)).toHaveLength(1);
    const audit = await store.listAudit({ ticketId: String(t.id) });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['outbox.dead', 'outbox.revived']));
    const sent = await admin('/admin/outbox?state=sent');
    expect(sent.json.rows.map((x: { id: number }) => x.id)).toContain(row.id);
  });

  it('retries every dead letter at once, and refuses bad ids and missing tokens with clear errors', async () => {
    const { t } = await deadNote();
    expect((await admin('/admin/outbox/abc/retry', 'POST')).json.code).toBe('not_found');
    expect((await admin('/admin/outbox/999999/retry', 'POST')).status).toBe(409);
    expect((await admin('/admin/outbox/retry-dead', 'POST', 'wrong-token-0123456789')).status).toBe(401);
    // The token alone, without the Bearer scheme, is not accepted.
    const bare = await fetch(`${h.url}/admin/outbox/retry-dead`, { method: 'POST', headers: { authorization: ADMIN } });
    expect(bare.status).toBe(401);
    const r = await admin('/admin/outbox/retry-dead', 'POST');
    expect(r.status).toBe(200);
    expect(r.json.revived).toHaveLength(1);
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    expect((await admin('/admin/outbox/retry-dead', 'POST')).json).toEqual({ revived: [] });
  });
});
