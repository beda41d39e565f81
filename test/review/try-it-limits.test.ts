// Try it is open to anonymous visitors, so it must not be able to starve the webhook (issue 12): a per-client limit,
// an input cap well below the webhook's, and the reading off the event loop (try-it-pool.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRY_IT_QUEUE } from '../../src/review/try-it-pool.js';
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
    // Says what happened and how to get the text back, not "Request not understood"; Retry-After for scripts.
    expect(limited.body).toContain('Too many readings');
    expect(limited.body).toContain('your text is still in the form');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
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

  it('a full pool: the extra pastes are answered 503 with Retry-After, the text and the options kept as typed', async () => {
    // Long pastes from three visitors at once, well beyond the pool's one reading and its queue of TRY_IT_QUEUE: a
    // reading of one of them takes the worker far longer than this thread takes to take in the rest, so some are
    // told "busy" (the pool's own test shows the queue bound directly).
    const message = `We use MailStore Server with Active Directory and keep the AD sync.\n${'Some long quoted history line about the old setup and other things.\n'.repeat(250)}`;
    const followups = ['Usernames are like jdoe.', 'We would rather keep the directory as it is.'];
    const visitors = await Promise.all(
      [30, 31, 32].map(async (n) => {
        const c = new Client(r.app, { remoteAddress: `198.51.100.${n}` });
        await c.get('/');
        return { c, token: c.csrf() };
      }),
    );
    const sent = { subject: 'Keep AD', body: message, followup_author: ['customer', 'customer'], followup_body: followups, product: 'spe', reply_lang: 'de', branch: 'hybrid' };
    const answers = await Promise.all(visitors.flatMap(({ c, token }) => Array.from({ length: TRY_IT_QUEUE + 2 }, () => c.post('/', { _csrf: token, ...sent }))));
    const busy = answers.filter((a) => a.statusCode === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.statusCode !== 503).every((a) => a.statusCode === 200 && a.body.includes('id="result"'))).toBe(true);
    for (const a of busy) {
      expect(a.headers['retry-after']).toBe('5');
      expect(a.body).toContain('Try it is busy right now. Your text is still here: send it again in a few seconds.');
      expect(a.body).toContain(`<textarea name="body" rows="11" required>${message}</textarea>`);
      for (const f of followups) expect(a.body).toContain(`placeholder="A later message in the thread">${f}</textarea>`);
      expect(a.body).toContain('<option value="spe" selected>MailStore SPE</option>');
      expect(a.body).toContain('<option value="de" selected>German</option>');
      expect(a.body).toContain('<option value="hybrid" selected>hybrid</option>');
      expect(a.body).not.toContain('id="result"');
    }
  }, 60_000);

  it('a budget for all visitors together: beyond it a reading is refused before the paste is read (503, Retry-After), whatever the address', async () => {
    // One reading every ten seconds, bursts of one. Each step runs on the app's clock set to a fixed instant, so how
    // long a reading takes on a busy machine moves nothing: only the clock steps below do.
    const slow = await startReviewApp({ env: { TRY_IT_READINGS_PER_SECOND: '0.1' } });
    try {
      const visitor = async (n: number) => {
        const c = new Client(slow.app, { remoteAddress: `198.51.100.${n}` });
        await c.get('/');
        return (await c.post('/', { _csrf: c.csrf(), ...TICKET }));
      };
      const at = new Date(Date.now() + 3_600_000);
      expect((await slow.clock.during(at, () => visitor(40))).statusCode).toBe(200);
      const refused = await slow.clock.during(at, () => visitor(41));
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('10');
      expect(refused.body).toContain('Try it is busy');
      expect(refused.body).toContain('your text is still in the form there');
      // Twenty seconds later on the app's clock (ten refill one reading), the budget has one again.
      const later = await slow.clock.during(new Date(at.getTime() + 20_000), () => visitor(42));
      expect(later.statusCode).toBe(200);
      expect(later.body).toContain('data-branch="hybrid"');
    } finally {
      await slow.close();
    }
  }, 60_000);
});
