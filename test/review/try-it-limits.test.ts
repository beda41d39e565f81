// Try it is open to anonymous visitors, so it must not be able to starve the webhook (issue 12): a per-client limit,
// an input cap well below the webhook's, and the reading off the event loop (try-it-pool.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_BODY_LIMIT } from '../../src/zendesk/webhook-route.js';
import { Client, startReviewApp, type ReviewApp } from './helpers.js';

const TICKET = { subject: 'Keep AD', body: 'MailStore Server with Active Directory; we keep the AD sync and move only archiving to modern auth.' };

describe('Try it limits', () => {
  let r: ReviewApp;
  beforeAll(async () => {
    r = await startReviewApp();
  });
  afterAll(async () => r?.close());

  it('20 readings a minute per client; the 21st is refused with 429, another client is served', async () => {
    const c = new Client(r.app, { remoteAddress: '198.51.100.20' });
    await c.get('/');
    const token = c.csrf();
    for (let i = 0; i < 20; i++) expect((await c.post('/', { _csrf: token, ...TICKET })).statusCode).toBe(200);
    const limited = await c.post('/', { _csrf: token, ...TICKET });
    expect(limited.statusCode).toBe(429);
    const other = new Client(r.app, { remoteAddress: '198.51.100.21' });
    await other.get('/');
    const ok = await other.post('/', { _csrf: other.csrf(), ...TICKET });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('data-branch="hybrid"');
  }, 60_000);

  it('input is capped well below the webhook body limit (413 for a larger paste)', async () => {
    const c = new Client(r.app, { remoteAddress: '198.51.100.22' });
    await c.get('/');
    const big = await c.post('/', { _csrf: c.csrf(), subject: 'x', body: 'y'.repeat(WEBHOOK_BODY_LIMIT / 2 + 1) });
    expect(big.statusCode).toBe(413);
  });
});
