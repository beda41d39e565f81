// TRY_IT=only and TRY_IT=off (issue 12): Try it in a process of its own, so anonymous visitors never share an event
// loop with Zendesk's deliveries. The proxy in compose.yaml routes `/` to that process and everything else to the
// workers; both sides share REVIEW_SESSION_SECRET, so one browser moves between them signed in, its forms valid.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { describeIntegrations, loadConfig } from '../src/config.js';
import { Client, PASSWORDS, reviewConfig, startReviewApp, type ReviewApp } from './review/helpers.js';
import { WEBHOOK_SECRET } from './helpers/harness.js';

const TICKET = { subject: 'Keep AD', body: 'MailStore Server with Active Directory; we keep the AD sync and move only archiving to modern auth.' };

describe('TRY_IT=only: a process that serves Try it and nothing else', () => {
  let only: FastifyInstance;
  let worker: ReviewApp;
  let dataDir: string;
  beforeAll(async () => {
    // DATA_DIR points into an empty folder: a Try it only process opens no storage, so nothing may appear there.
    dataDir = mkdtempSync(join(tmpdir(), 'm365-try-only-'));
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      TRY_IT: 'only',
      DATA_DIR: join(dataDir, 'data'),
      // A shared .env may hold these; a Try it only process must ignore them, not act on them.
      ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ZENDESK_URL: 'http://127.0.0.1:9',
      ZENDESK_EMAIL: 'bot@example.com',
      ZENDESK_API_TOKEN: 'unused-token-123',
      TRY_IT_READINGS_PER_SECOND: '1000',
      TRY_IT_NICE: '0',
    });
    only = await buildApp({ config: { ...config, review: reviewConfig() } });
    await only.ready();
    worker = await startReviewApp({ env: { TRY_IT: 'off' } });
  });
  afterAll(async () => {
    await only?.close();
    await worker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads a pasted ticket, answers health, and opens no storage', async () => {
    const c = new Client(only);
    expect((await c.get('/')).statusCode).toBe(200);
    const res = await c.post('/', { _csrf: c.csrf(), ...TICKET });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-branch="hybrid"');
    expect((await only.inject('/healthz')).json()).toEqual({ ok: true, tryIt: 'only' });
    expect((await only.inject('/readyz')).statusCode).toBe(200);
    expect((await only.inject('/assets/review/review.css')).statusCode).toBe(200);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('serves nothing but Try it: no webhook, Slack, sidebar, queue, sign-in, admin or metrics', async () => {
    for (const [method, url] of [
      ['POST', '/webhooks/zendesk'], ['POST', '/slack/events'], ['GET', '/zendesk-app/sidebar'], ['GET', '/queue'],
      ['GET', '/login'], ['POST', '/admin/auto-send'], ['GET', '/metrics'], ['GET', '/analytics'],
    ] as const) {
      expect((await only.inject({ method, url, payload: method === 'POST' ? {} : undefined })).statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('one browser across both processes: signed in on a worker, shown signed in on Try it, and its sign-out form works', async () => {
    const c = new Client(worker.app);
    expect((await c.login('anna', PASSWORDS.anna)).statusCode).toBe(303);
    const tryIt = await c.at(only).get('/');
    expect(tryIt.body).toContain('Signed in as <strong>anna</strong>');
    // The sign-out button on the Try it page posts to /logout, which the proxy sends to a worker: its token, made by
    // the Try it process, must be valid there (same REVIEW_SESSION_SECRET, same CSRF cookie).
    const out = await c.at(worker.app).post('/logout', { _csrf: c.csrf() });
    expect(out.statusCode).toBe(303);
    expect((await c.get('/queue')).headers.location).toMatch(/^\/login/);
    // A paste on Try it after signing out still works (anonymous again, the form's token valid).
    await c.at(only).get('/');
    expect(c.last!.body).not.toContain('Signed in as');
    expect((await c.post('/', { _csrf: c.csrf(), ...TICKET })).statusCode).toBe(200);
  });
});

describe('TRY_IT=off: a worker that leaves Try it to another process', () => {
  let r: ReviewApp;
  beforeAll(async () => {
    r = await startReviewApp({ env: { TRY_IT: 'off' } });
  });
  afterAll(async () => r?.close());

  it('reads no paste; an agent who reaches it at / is taken to the queue', async () => {
    const c = new Client(r.app);
    const home = await c.get('/');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/queue');
    await c.login('anna', PASSWORDS.anna);
    await c.get('/queue');
    const pasted = await c.post('/', { _csrf: c.csrf(), ...TICKET });
    expect(pasted.statusCode).toBe(404);
    expect(pasted.body).not.toContain('data-branch');
  });
});

describe('TRY_IT configuration', () => {
  it('is validated, refused in the demo, and reported at boot', () => {
    expect(() => loadConfig({ TRY_IT: 'elsewhere' })).toThrow(/TRY_IT.*'here'.*'off'.*'only'/s);
    expect(() => loadConfig({ TRY_IT: 'only', DEMO: 'on' })).toThrow(/TRY_IT/);
    expect(loadConfig({}).tryIt).toBe('here');
    expect(describeIntegrations(loadConfig({ TRY_IT: 'only' }))).toMatch(/^try-it only/);
    expect(describeIntegrations(loadConfig({ TRY_IT: 'off' }))).toContain('try-it=off');
  });
});
