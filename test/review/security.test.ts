// The review pages' defences through the real app (app.inject, no browser): headers, CSRF on every form, cookie
// flags, sessions (tampering, sign-out), the sign-in rate limits, open redirects, escaping, and the not-configured
// state. The browser tests cover the same paths as a person clicks them.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { delayAfter } from '../../src/review/login-rate-limit.js';
import { CONTENT_SECURITY_POLICY } from '../../src/review/security-headers.js';
import { Client, openTestStore, PASSWORDS, reviewConfig, draftFromWebhook, startReviewApp, type ReviewApp } from './helpers.js';
import { TICKETS } from './tickets.js';

describe('review security', () => {
  let r: ReviewApp;
  beforeAll(async () => {
    r = await startReviewApp();
  });
  afterAll(async () => r?.close());

  it('every page and asset carries the strict headers; the CSP allows no inline script', async () => {
    const c = new Client(r.app);
    for (const url of ['/', '/login', '/assets/review/review.js', '/assets/chart.umd.js']) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers).toMatchObject({
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
      });
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
    const page = (await c.get('/')).body;
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file
    expect(page).not.toMatch(/\sstyle=|<style/);
    expect((await c.get('/assets/chart.umd.js')).body.length).toBeGreaterThan(100_000);
  });

  it('refuses a form post without a CSRF token, or with a token of another session', async () => {
    const draft = await draftFromWebhook(r, TICKETS.ldap);
    const anna = new Client(r.app);
    await anna.login('anna', PASSWORDS.anna);
    const ben = new Client(r.app);
    await ben.login('ben', PASSWORDS.ben);
    await ben.get('/queue');
    const bensToken = ben.csrf();

    expect((await new Client(r.app).post('/', { subject: 'x', body: 'y' })).statusCode).toBe(403);
    expect((await new Client(r.app).post('/login', { login: 'anna', password: PASSWORDS.anna })).statusCode).toBe(403);
    expect((await anna.post(`/queue/drafts/${draft.id}/approve`, {})).statusCode).toBe(403);
    expect((await anna.post(`/queue/drafts/${draft.id}/reject`, { reason: 'x' })).statusCode).toBe(403);
    expect((await anna.post(`/queue/drafts/${draft.id}/approve`, { _csrf: bensToken })).statusCode).toBe(403);
    expect((await anna.post('/logout', {})).statusCode).toBe(403);
    expect((await r.store.getDraft(draft.id))?.state).toBe('pending');

    await anna.get('/queue');
    const ok = await anna.post(`/queue/drafts/${draft.id}/reject`, { _csrf: anna.csrf(), reason: 'Wrong branch' });
    expect(ok.statusCode).toBe(303);
    expect((await r.store.getDraft(draft.id))?.state).toBe('rejected');
  });

  it('signed out: pages redirect to sign-in, actions are refused, and next= never leaves the site', async () => {
    const c = new Client(r.app);
    for (const url of ['/queue', '/analytics?days=7']) {
      const res = await c.get(url);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    await c.get('/');
    expect((await c.post('/queue/drafts/1/approve', { _csrf: c.csrf() })).statusCode).toBe(401);

    await c.get('/login?next=https://evil.example/');
    expect(c.last?.body).toContain('name="next" value="/queue"');
    const res = await c.post('/login', { _csrf: c.csrf(), login: 'anna', password: PASSWORDS.anna, next: '//evil.example/queue' });
    expect(res.headers.location).toBe('/queue');
  });

  it('a tampered session cookie is ignored; signing out ends the session even if the cookie is replayed', async () => {
    const c = new Client(r.app);
    const res = await c.login('anna', PASSWORDS.anna);
    const cookie = res.cookies.find((k) => k.name === 'm365_session')!;
    const [payload, sig] = cookie.value.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), login: 'ben' })).toString('base64url');
    const inject = (value: string) => r.app.inject({ method: 'GET', url: '/queue', headers: { cookie: `m365_session=${value}` } });
    expect((await inject(cookie.value)).statusCode).toBe(200);
    expect((await inject(`${forged}.${sig}`)).statusCode).toBe(303);

    await c.get('/queue');
    const out = await c.post('/logout', { _csrf: c.csrf() });
    expect(out.statusCode).toBe(303);
    expect(out.cookies.find((k) => k.name === 'm365_session')?.value).toBe('');
    expect((await inject(cookie.value)).statusCode).toBe(303);
  });

  it('a CSRF token from before a sign-out does not work after signing in again', async () => {
    const c = new Client(r.app);
    expect((await c.login('anna', PASSWORDS.anna)).statusCode).toBe(303);
    await c.get('/queue');
    const before = c.csrf();
    expect((await c.post('/logout', { _csrf: before })).statusCode).toBe(303);
    expect((await c.login('anna', PASSWORDS.anna)).statusCode).toBe(303);
    expect((await c.post('/logout', { _csrf: before })).statusCode).toBe(403);
    await c.get('/queue');
    expect((await c.post('/logout', { _csrf: c.csrf() })).statusCode).toBe(303);
  });

  it('cookies are HttpOnly and SameSite=Strict; plain http only because the tests set REVIEW_COOKIE_SECURE=false', async () => {
    const res = await new Client(r.app).login('anna', PASSWORDS.anna);
    const setCookie = [res.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/m365_session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it('escapes what a ticket says on Try it, the name in the greeting included', async () => {
    const c = new Client(r.app);
    await c.get('/');
    const res = await c.post('/', {
      _csrf: c.csrf(),
      subject: '<script>alert(1)</script>',
      body: `${TICKETS.keepAd.body}\n<img src=x onerror=alert(2)>`,
      name: '<b onmouseover=alert(3)>Eve</b>',
      followup_author: 'customer',
      followup_body: '"><svg onload=alert(4)>',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(res.body).not.toMatch(/<(script|img|svg|b)\b[^>]*(alert|onerror|onload|onmouseover)/);
  });

  it('odd query parameters cannot break the queue or reflect text', async () => {
    const c = new Client(r.app);
    await c.login('anna', PASSWORDS.anna);
    for (const q of ['done=__proto__&draft=1', 'done=constructor&draft=1', 'done=approved&draft=<b>1</b>', 'branch=<x>&language=fr&view=__proto__', 'days=-1']) {
      const res = await c.get(`/queue?${q}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.body).not.toContain('<b>1');
      expect(res.body).not.toContain('<x>');
    }
    expect((await c.get('/analytics?days=99999')).body).toContain('last 30 days');
  });

  it('Try it says what to fix and keeps the input', async () => {
    const c = new Client(r.app);
    await c.get('/');
    const res = await c.post('/', { _csrf: c.csrf(), subject: 'Only a subject', body: ' ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('first message');
    expect(res.body).toContain('value="Only a subject"');
  });
});

describe('review sign-in rate limits', () => {
  let r: ReviewApp;
  beforeAll(async () => {
    r = await startReviewApp();
  });
  afterAll(async () => r?.close());

  it('the growing delay, as documented: three free failures, then 2 s, 4 s, 8 s … up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(delayAfter)).toEqual([0, 0, 0, 2, 4, 8, 16]);
    expect(delayAfter(40)).toBe(15 * 60);
  });

  it('per login and address: failures make that address wait; the owner signing in from elsewhere is not locked out', async () => {
    const attacker = new Client(r.app, { remoteAddress: '198.51.100.7' });
    for (let i = 0; i < 4; i++) expect((await attacker.login('ben', `wrong-${i}`)).statusCode).toBe(401);
    const limited = await attacker.login('ben', PASSWORDS.ben);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(limited.body).toContain('Too many sign-in attempts. Try again in 2 seconds.');
    // Ben himself, from his own address, signs in at once; and another login from the attacker's address is not slowed.
    expect((await new Client(r.app, { remoteAddress: '192.0.2.10' }).login('ben', PASSWORDS.ben)).statusCode).toBe(303);
    expect((await attacker.login('anna', PASSWORDS.anna)).statusCode).toBe(303);
  });

  it('per IP: every attempt counts, 30 in the window, whatever the login', async () => {
    const c = new Client(r.app, { remoteAddress: '203.0.113.30' });
    for (let i = 0; i < 30; i++) expect((await c.login(`nobody-${i}`, 'x')).statusCode).toBe(401);
    expect((await c.login('anna', PASSWORDS.anna)).statusCode).toBe(429);
    expect((await new Client(r.app, { remoteAddress: '203.0.113.31' }).login('anna', PASSWORDS.anna)).statusCode).toBe(303);
  }, 180_000);
});

describe('review sign-in behind a reverse proxy (TRUST_PROXY)', () => {
  // Two clients reach the service through one proxy at 10.0.0.2, which names them in X-Forwarded-For.
  async function exhaustThenTry(env: Record<string, string>): Promise<number> {
    const r = await startReviewApp({ env });
    try {
      const a = new Client(r.app, { remoteAddress: '10.0.0.2', forwardedFor: '198.51.100.1' });
      for (let i = 0; i < 30; i++) await a.login(`nobody-${i}`, 'x');
      expect((await a.login('anna', PASSWORDS.anna)).statusCode).toBe(429);
      const b = new Client(r.app, { remoteAddress: '10.0.0.2', forwardedFor: '198.51.100.2' });
      return (await b.login('anna', PASSWORDS.anna)).statusCode;
    } finally {
      await r.close();
    }
  }

  it('with TRUST_PROXY set, one client using up its attempts does not lock out another', async () => {
    expect(await exhaustThenTry({ TRUST_PROXY: '10.0.0.2' })).toBe(303);
    expect(await exhaustThenTry({ TRUST_PROXY: '1' })).toBe(303);
  }, 240_000);

  it('without it, every client behind the proxy shares one address (why the setting exists)', async () => {
    expect(await exhaustThenTry({})).toBe(429);
  }, 180_000);
});

describe('review configuration', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('without users: Try it works, the other pages say how to set up sign-in', async () => {
    const r = await startReviewApp({ review: null });
    try {
      const c = new Client(r.app);
      expect((await c.get('/')).statusCode).toBe(200);
      for (const url of ['/login', '/queue', '/analytics']) {
        const res = await c.get(url);
        expect(res.statusCode).toBe(403);
        expect(res.body).toContain('REVIEW_USERS');
        expect(res.body).toContain('hash-password.mjs');
      }
    } finally {
      await r.close();
    }
  });

  it('secure cookies by default: __Host- names with the Secure flag', async () => {
    const r = await startReviewApp({ review: reviewConfig({ REVIEW_COOKIE_SECURE: 'true' }) });
    try {
      const res = await r.app.inject({ method: 'GET', url: '/login' });
      expect(res.headers['set-cookie']).toMatch(/^__Host-m365_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
    } finally {
      await r.close();
    }
  });

  it('refuses a bad REVIEW_* value at boot with one line naming the variable', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'silent', REVIEW_USERS: '[]', REVIEW_SESSION_SECRET: 'too short' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'silent', REVIEW_USERS: '[]', REVIEW_SESSION_SECRET: 'too short' })).toThrow(/^REVIEW_SESSION_SECRET/);
    expect(() => loadConfig({ LOG_LEVEL: 'silent', REVIEW_USERS: 'not json' })).toThrow(/REVIEW_USERS/);
  });
});
