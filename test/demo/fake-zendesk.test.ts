// The demo's fake Zendesk, driven by the service's own Zendesk client: what the worker and the outbox sender rely on
// (API-token auth, comment paging with side-loaded authors, safe_update conflicts, audit metadata) holds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoZendesk } from '../../src/demo/fake-zendesk.js';
import { ZendeskApiError, ZendeskClient } from '../../src/zendesk/client.js';

let fake: DemoZendesk;
let client: ZendeskClient;
beforeEach(async () => {
  fake = await new DemoZendesk().start();
  client = new ZendeskClient({ url: fake.url, email: fake.email, token: fake.token, timeoutMs: 5000 });
});
afterEach(() => fake.stop());

describe('demo fake Zendesk', () => {
  it('refuses a wrong API token, and knows its API user as an admin', async () => {
    const wrong = new ZendeskClient({ url: fake.url, email: fake.email, token: 'not-the-token', timeoutMs: 5000 });
    await expect(wrong.me()).rejects.toMatchObject({ failure: 'auth_failed', status: 401 });
    expect(await client.me()).toMatchObject({ id: fake.bot.id, role: 'admin' });
  });

  it('pages comments (100 a page, next_page followed) and side-loads their authors', async () => {
    const customer = fake.addUser('Sandra Vogel', 'end-user');
    const t = fake.addTicket({ subject: 'Long', requesterId: customer.id, comments: Array.from({ length: 230 }, (_, i) => ({ authorId: customer.id, text: `message ${i}` })) });
    const { comments, users } = await client.listComments(String(t.id));
    expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 230 }, (_, i) => `message ${i}`));
    expect(users).toEqual([expect.objectContaining({ id: customer.id, role: 'end-user' })]);
  });

  it('an update with a stale updated_stamp is a 409; a current one adds the comment, replaces the tags and keeps the metadata on its audit', async () => {
    const customer = fake.addUser('Dana Lee', 'end-user');
    const t = fake.addTicket({ subject: 'Hi', requesterId: customer.id, comments: [{ authorId: customer.id, text: 'Hello' }] });
    const read = await client.getTicket(String(t.id));
    const r = await client.updateTicket(String(t.id), { comment: { html_body: '<p>Hi &amp; welcome</p><ul><li>one</li></ul>', public: false }, tags: ['m365_needs_approval'], safe_update: true, updated_stamp: read.updated_at, metadata: { m365_guide_write: 'note:1' } });
    expect(r.ticket.tags).toEqual(['m365_needs_approval']);
    const stale = await client.updateTicket(String(t.id), { tags: [], safe_update: true, updated_stamp: read.updated_at }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ZendeskApiError);
    expect(stale).toMatchObject({ failure: 'conflict', status: 409 });
    const audits = await client.listAudits(String(t.id));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.metadata?.custom).toEqual({ m365_guide_write: 'note:1' });
    const { comments } = await client.listComments(String(t.id));
    expect(comments.at(-1)).toMatchObject({ public: false, author_id: fake.bot.id, body: 'Hi & welcome\none' });
    expect(fake.writes).toEqual([expect.objectContaining({ ticketId: t.id, comment: { public: false, authorId: fake.bot.id, text: 'Hi & welcome\none' }, tags: ['m365_needs_approval'] })]);
  });

  it('an unknown ticket or user is a 404', async () => {
    await expect(client.getTicket('999999')).rejects.toMatchObject({ failure: 'not_found' });
    await expect(client.getUser('999999')).rejects.toMatchObject({ failure: 'not_found' });
  });
});
