// `npm run demo` as a helpdesk lead meets it: the real server process with --demo on a fresh machine state. The
// boot log prints a sign-in; with it (over HTTP, CSRF included) the queue holds drafts the worker made from the
// example tickets, an approval reaches the built-in fake Zendesk as a public reply, a correction re-drafts, the
// analytics count the approval, and every page says it is a demo. DEMO=on next to real credentials is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIntegrations, loadConfig } from '../../src/config.js';
import { configErrorOf } from '../helpers/config-error.js';
import { runUntilExit, startServer, type ServerProcess } from '../helpers/server-process.js';

const BANNER = 'replies go to a built-in fake Zendesk, nothing leaves this machine';

/** A tiny browser over fetch: keeps cookies, follows nothing (redirects are asserted). */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private base: string) {}
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
  private get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(path: string): Promise<{ status: number; body: string }> {
    const res = this.keep(await fetch(this.base + path, { headers: { cookie: this.cookie }, redirect: 'manual' }));
    return { status: res.status, body: await res.text() };
  }
  async post(path: string, form: Record<string, string>): Promise<{ status: number; location: string | null }> {
    const res = this.keep(
      await fetch(this.base + path, {
        method: 'POST',
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      }),
    );
    await res.text();
    return { status: res.status, location: res.headers.get('location') };
  }
}

const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

let server: ServerProcess;

// Generous: the machine running the suite may be busy; the server's log comes with the failure.
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 240_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; server log:\n${server.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Write { ticketId: number; comment: { public: boolean; authorId: number; text: string } | null; tags: string[] | null }

describe('npm run demo', () => {
  beforeAll(async () => {
    // No DATA_DIR, no secrets: the demo makes its own temporary storage, fake Zendesk and sign-in.
    server = await startServer({}, 180_000, ['--demo']);
  }, 200_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('prints a generated sign-in; the queue has drafts; an approval reaches the fake Zendesk; a correction re-drafts; analytics count it', async () => {
    const password = await until('the demo sign-in in the boot log', async () => /with the login demo and the password ([A-Za-z0-9_-]{12,}) \(made for this run/.exec(server.output())?.[1]);
    expect(server.output()).toContain('demo: Zendesk is a built-in fake at http://127.0.0.1:');
    const storage = /temporary \(([^,]+), deleted on exit\)/.exec(server.output())?.[1];
    expect(storage).toMatch(/m365-guide-demo-/);

    const b = new Browser(server.url);
    const login = await b.get('/login');
    expect(login.body).toContain(BANNER);
    expect((await b.post('/login', { _csrf: csrfOf(login.body), login: 'demo', password: 'not-the-password' })).status).toBe(401);
    const signIn = await b.post('/login', { _csrf: csrfOf((await b.get('/login')).body), login: 'demo', password, next: '/queue' });
    expect(signIn).toEqual({ status: 303, location: '/queue' });

    // The worker drafts the 20 on-topic examples (the four off-topic ones get tags only).
    const queue = await until('drafts in the queue', async () => {
      const q = await b.get('/queue');
      return (q.body.match(/action="\/queue\/drafts\/\d+\/approve"/g) ?? []).length >= 10 ? q.body : null;
    });
    expect(queue).toContain(BANNER);
    const cards = [...queue.matchAll(/Draft #(\d+) · <a class="ticket-link" href="http:\/\/127\.0\.0\.1:\d+\/agent\/tickets\/(\d+)"[^>]*>[^<]*<\/a> · <span class="branch branch-([a-z-]+)">/g)].map((m) => ({ draft: m[1]!, ticket: Number(m[2]), branch: m[3]! }));
    expect(cards.length).toBeGreaterThanOrEqual(10);
    const [first, second] = cards as [(typeof cards)[0], (typeof cards)[0]];

    // Each draft went to the fake Zendesk as a private note first.
    const writes = async (): Promise<Write[]> => ((await (await fetch(`${server.url}/demo/zendesk/writes`)).json()) as { writes: Write[] }).writes;
    await until('the draft note in the fake Zendesk', async () => (await writes()).some((w) => w.ticketId === first.ticket && w.comment?.public === false && w.comment.text.includes(`draft #${first.draft}`)));
    expect((await writes()).some((w) => w.comment?.public === true)).toBe(false);

    const approve = await b.post(`/queue/drafts/${first.draft}/approve`, { _csrf: csrfOf(queue) });
    expect(approve.status).toBe(303);
    expect(approve.location).toContain('done=approved');
    const reply = await until('the public reply in the fake Zendesk', async () => (await writes()).find((w) => w.ticketId === first.ticket && w.comment?.public === true));
    expect(reply.comment!.text.length).toBeGreaterThan(200);
    expect(reply.tags).toContain('m365_approved');
    // Exactly once, and only on the approved ticket.
    expect((await writes()).filter((w) => w.comment?.public === true)).toHaveLength(1);

    // A correction re-drafts the ticket with another reading; its note reaches the fake Zendesk too.
    const page = await b.get('/queue');
    const corrected = await b.post(`/queue/drafts/${second.draft}/correct`, { _csrf: csrfOf(page.body), directoryService: 'active-directory', usernamesChange: 'yes', choice: second.branch === 'hybrid' ? 'rename' : 'hybrid', product: 'server', language: 'en' });
    expect(corrected.status).toBe(303);
    expect(corrected.location).toContain('done=corrected');
    await until('the corrected draft note', async () => (await writes()).filter((w) => w.ticketId === second.ticket && w.comment?.public === false).length >= 2);

    const analytics = await b.get('/analytics');
    expect(analytics.status).toBe(200);
    expect(analytics.body).toContain(BANNER);
    expect(analytics.body).toMatch(/<span class="label">Approved<\/span><span class="value">1<\/span>/);
    expect(analytics.body).toMatch(/<span class="label">Drafts<\/span><span class="value">(\d{2})<\/span>/);

    // The ticket link opens the fake Zendesk's page for it, labelled as the demo's stand-in, with the reply.
    const ticketPage = await (await fetch(/href="(http:\/\/127\.0\.0\.1:\d+\/agent\/tickets\/\d+)"/.exec(queue)![1]!)).text();
    expect(ticketPage).toContain('Demo: this is the built-in fake Zendesk');
    expect((await b.get('/')).body).toContain(BANNER);
  }, 600_000);

  it('the temporary storage is removed when the demo stops', async () => {
    const storage = /temporary \(([^,]+), deleted on exit\)/.exec(server.output())![1]!;
    const { existsSync } = await import('node:fs');
    expect(existsSync(storage)).toBe(true);
    expect(await server.kill('SIGTERM')).toBe(0);
    expect(existsSync(storage)).toBe(false);
  }, 60_000);
});

describe('demo mode is refused next to real systems', () => {
  it('npm run demo with ZENDESK_URL: one configuration line, exit 78', async () => {
    const { code, out } = await runUntilExit({ LOG_LEVEL: 'silent', ZENDESK_URL: 'https://acme.zendesk.com', ZENDESK_EMAIL: 'bot@acme.com', ZENDESK_API_TOKEN: 'abcdefghijkl' }, ['--demo']);
    expect(code).toBe(78);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toContain("configuration error (config_invalid): DEMO: 'on' cannot be combined with ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN");
  }, 60_000);

  it('DEMO=on with a database, a webhook secret, Slack or the sidebar app is refused, naming the variable', () => {
    for (const [name, value] of [
      ['DATABASE_URL', 'postgres://x@db/m365'],
      ['ZENDESK_URL', 'https://acme.zendesk.com'],
      ['ZENDESK_WEBHOOK_SECRET', 'a-webhook-secret-0123456789'],
      ['SLACK_BOT_TOKEN', 'xoxb-123'],
      ['ZENDESK_APP_INSTALLATION_ID', '123'],
    ] as const) {
      const err = configErrorOf({ DEMO: 'on', [name]: value });
      expect(err.variable).toBe('DEMO');
      expect(err.message).toContain(`cannot be combined with ${name}`);
    }
  });

  it('off by default; on, it listens on this machine only unless HOST is set, and the boot line says it is a demo', () => {
    expect(loadConfig({}).demo).toBe(false);
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ DEMO: 'on' })).toMatchObject({ demo: true, host: '127.0.0.1' });
    expect(loadConfig({ DEMO: 'on', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(configErrorOf({ DEMO: 'yes' }).variable).toBe('DEMO');
    expect(describeIntegrations(loadConfig({ DEMO: 'on' }))).toMatch(/^demo: Zendesk is a built-in fake/);
  });
});
