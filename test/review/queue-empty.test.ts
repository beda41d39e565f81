// An empty queue says why it is empty and what to do: on a fresh install (Zendesk not connected) the variables to
// set; with Zendesk connected and nothing yet, that drafts come with the next ticket; once drafts were handled, so.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, PASSWORDS, draftFromWebhook, startReviewApp, type ReviewApp } from './helpers.js';
import { TICKETS } from './tickets.js';

// Each test starts its own app (argon2 hashes, embedded PostgreSQL): generous on a busy 2-core machine.
describe('an empty queue', { timeout: 120_000 }, () => {
  let r: ReviewApp | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  const queue = async (app: ReviewApp, url = '/queue') => {
    const c = new Client(app.app);
    await c.login('anna', PASSWORDS.anna);
    const res = await c.get(url);
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('fresh install, Zendesk not connected: says so and names the variables to set', async () => {
    r = await startReviewApp({ webhook: false });
    const body = await queue(r);
    expect(body).toContain('The queue is empty because Zendesk is not connected yet');
    expect(body).toContain('<code>ZENDESK_WEBHOOK_SECRET</code>');
    expect(body).toContain('Connecting Zendesk');
    expect(body).toContain('<a href="/">Try it</a>');
  });

  it('Zendesk connected, no draft yet: says a draft comes with the next such ticket', async () => {
    r = await startReviewApp();
    const body = await queue(r);
    expect(body).toContain('Nothing pending yet');
    expect(body).not.toContain('not connected');
  });

  it('every draft handled, or a filter that hides them all: says that instead', async () => {
    r = await startReviewApp();
    const d = await draftFromWebhook(r, TICKETS.keepAd);
    const anna = new Client(r.app);
    await anna.login('anna', PASSWORDS.anna);
    await anna.get('/queue');
    expect((await anna.post(`/queue/drafts/${d.id}/reject`, { _csrf: anna.csrf(), reason: 'Needs a personal answer' })).statusCode).toBe(303);
    expect(await queue(r)).toContain('every draft has been handled');
    const filtered = await queue(r, '/queue?view=decided&branch=rename');
    expect(filtered).toContain('No decided drafts match this filter.');
    expect(filtered).toContain('<a href="/queue?view=decided">Show all decided drafts</a>');
  });
});
