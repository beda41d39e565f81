// `m365-guide doctor` against the fake Zendesk and the fake Slack (each following its vendor's documentation) and
// a running service: a correct setup passes every check; each wrong setting gives its own failing line and exit 1.
// GET /admin/doctor runs the same checks in the service.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { Check } from '../../src/ops/doctor/check.js';
import { ZENDESK_TEST_SECRET } from '../../src/ops/doctor/webhook-watch.js';
import type { Store } from '../../src/store/types.js';
import { signZendesk } from '../../src/zendesk/verify-signature.js';
import { commentAdded } from '../fakes/zendesk-events.js';
import { APPROVER, FakeSlack, FakeZendesk, GROUP, REVIEW_CHANNEL, SIGNING_SECRET, startSlackApp, type SlackApp } from '../slack/helpers.js';
import { storeKinds } from '../store/helpers.js';

const ADMIN_TOKEN = 'admin-token-for-doctor-tests';
const WEBHOOK_SECRET = 'zendesk-webhook-secret-0123456789';
const LEAD = 'U0LEAD';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8');
    cb();
  }
}

describe('m365-guide doctor', () => {
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    zd = await new FakeZendesk().start();
    zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
    zd.addUser({ name: 'Lee Lead', email: 'lee@mailstore.example', role: 'admin' });
    slack.addUser({ id: APPROVER, name: 'sam', email: 'sam@mailstore.example' });
    slack.addUser({ id: LEAD, name: 'lee', email: 'lee@mailstore.example' });
    slack.setGroup(GROUP, [LEAD]);
    store = await storeKinds()[0]!.open();
    // The service's own PUBLIC_URL points nowhere reachable (no network in tests); the CLI gets the real address.
    s = await startSlackApp({ store, slack, zd, env: { ADMIN_TOKEN, ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET, PUBLIC_URL: 'http://127.0.0.1:9' } });
    env = {
      LOG_LEVEL: 'silent',
      ZENDESK_URL: zd.url,
      ZENDESK_EMAIL: zd.email,
      ZENDESK_API_TOKEN: zd.token,
      ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
      SLACK_REVIEW_CHANNEL: REVIEW_CHANNEL,
      SLACK_APPROVERS: `${APPROVER},${GROUP}`,
      PUBLIC_URL: s.url,
      ADMIN_TOKEN,
    };
  });
  afterAll(async () => {
    await s?.close();
    await store?.close();
    await slack?.stop();
    await zd?.stop();
  });
  beforeEach(() => {
    slack.reset();
    zd.requests.length = 0;
  });

  async function doctor(extraEnv: Record<string, string> = {}, args: string[] = []) {
    const stdout = new Sink();
    const stderr = new Sink();
    const code = await main(['doctor', '--json', ...args], { stdin: Readable.from([]), stdout, stderr, env: { ...env, ...extraEnv } });
    const checks = JSON.parse(stdout.text).checks as Check[];
    return { code, checks, byId: (id: string) => checks.find((c) => c.id === id), failing: checks.filter((c) => c.status === 'fail') };
  }

  /** A webhook delivery to the running service, signed with `secret`, as Zendesk sends it. */
  async function deliver(secret: string) {
    const body = JSON.stringify(commentAdded(1, 2, 3));
    const ts = new Date(s.clock.ms).toISOString();
    const r = await fetch(`${s.url}/webhooks/zendesk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature': signZendesk(secret, ts, body), 'x-zendesk-webhook-signature-timestamp': ts },
      body,
    });
    await r.text();
  }

  it('a correct setup passes every check (PUBLIC_URL only warns that the loopback test server has no TLS); writes nothing', async () => {
    await deliver(WEBHOOK_SECRET);
    const { code, checks, failing } = await doctor();
    expect(failing).toEqual([]);
    expect(code).toBe(0);
    const status = Object.fromEntries(checks.map((c) => [c.id, c.status]));
    expect(status).toEqual({
      'zendesk.token': 'ok',
      'zendesk.role': 'ok',
      'zendesk.tags': 'ok',
      'zendesk.webhook': 'ok',
      'slack.token': 'ok',
      'slack.scopes': 'ok',
      'slack.channel': 'ok',
      'slack.approvers': 'ok',
      public_url: 'warn',
    });
    expect(checks.find((c) => c.id === 'public_url')!.summary).toContain('plain HTTP');
    expect(zd.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('chat.'))).toEqual([]);
  });

  it('prints one line per check with what to do', async () => {
    const stdout = new Sink();
    const code = await main(['doctor'], { stdin: Readable.from([]), stdout, stderr: new Sink(), env: { ...env, ZENDESK_API_TOKEN: 'wrong-token-000' } });
    expect(code).toBe(1);
    const line = stdout.text.split('\n').find((l) => l.includes('zendesk.token'))!;
    expect(line).toMatch(/^FAIL zendesk\.token\s+Zendesk at .* refused .* → Create an API token/);
  });

  it.each<[string, () => void | Record<string, string>, string, RegExp, (() => void)?]>([
    ['an agent instead of an admin', () => void (zd.bot.role = 'agent'), 'zendesk.role', /reconcile poll .* fails with 403/, () => void (zd.bot.role = 'admin')],
    ['a wrong Zendesk token', () => ({ ZENDESK_API_TOKEN: 'not-the-token-1234' }), 'zendesk.token', /refused/],
    ['a missing Slack scope', () => void slack.scopes.delete('users:read.email'), 'slack.scopes', /lacks users:read\.email/, () => void slack.scopes.add('users:read.email')],
    ['the bot not in the review channel', () => void slack.addChannel(REVIEW_CHANNEL, { botMember: false }), 'slack.channel', /not a member/, () => void slack.addChannel(REVIEW_CHANNEL, { botMember: true })],
    ['a wrong Slack token', () => ({ SLACK_BOT_TOKEN: 'xoxb-wrong' }), 'slack.token', /refused SLACK_BOT_TOKEN \(invalid_auth\)/],
    ['approve and reject tags that clash with our own', () => ({ ZENDESK_APPROVE_TAG: 'm365_approved' }), 'zendesk.tags', /sets or replaces itself/],
  ])('%s → its own failing line, exit 1', async (_name, arrange, id, summary, restore) => {
    const extra = arrange() ?? {};
    try {
      const { code, byId } = await doctor(extra);
      expect(code).toBe(1);
      expect(byId(id)).toMatchObject({ status: 'fail', summary: expect.stringMatching(summary), action: expect.any(String) });
    } finally {
      restore?.();
    }
  });

  it('an approver whose Slack e-mail is no Zendesk agent is named', async () => {
    zd.addUser({ name: 'Eve', email: 'eve@customer.example', role: 'end-user' });
    slack.addUser({ id: 'U0EVE', name: 'eve', email: 'eve@customer.example' });
    const { code, byId } = await doctor({ SLACK_APPROVERS: `${APPROVER},U0EVE` });
    expect(code).toBe(1);
    expect(byId('slack.approvers.U0EVE')).toMatchObject({ status: 'fail', summary: expect.stringContaining('no Zendesk agent') });
  });

  it('reports a webhook test signed with Zendesk\'s fixed test secret, and one with the wrong secret', async () => {
    await deliver(ZENDESK_TEST_SECRET);
    expect((await doctor()).byId('zendesk.webhook')).toMatchObject({ status: 'fail', summary: expect.stringContaining('fixed test secret') });
    await deliver('some-other-webhooks-secret-000');
    expect((await doctor()).byId('zendesk.webhook')).toMatchObject({ status: 'fail', summary: expect.stringContaining('does not match ZENDESK_WEBHOOK_SECRET') });
    await deliver(WEBHOOK_SECRET);
    expect((await doctor()).byId('zendesk.webhook')!.status).toBe('ok');
  });

  it('--post-test-note posts one private note and reads it back', async () => {
    const customer = zd.addUser({ name: 'Kim', email: 'kim@customer.example', role: 'end-user' });
    const t = zd.addTicket({ subject: 'Test', body: 'Hello', requester: customer });
    const { byId } = await doctor({}, ['--post-test-note', String(t.id)]);
    expect(byId('zendesk.test_note')).toMatchObject({ status: 'ok' });
    expect(zd.privateNotes(t.id)).toHaveLength(1);
    expect(zd.publicReplies(t.id)).toHaveLength(0);
  });

  it('GET /admin/doctor runs the checks in the service (admin token required)', async () => {
    expect((await fetch(`${s.url}/admin/doctor`)).status).toBe(401);
    await deliver(WEBHOOK_SECRET);
    const r = await fetch(`${s.url}/admin/doctor`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const body = (await r.json()) as { checks: Check[] };
    const status = Object.fromEntries(body.checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({ 'zendesk.token': 'ok', 'zendesk.role': 'ok', 'zendesk.webhook': 'ok', 'slack.token': 'ok', 'slack.scopes': 'ok', 'slack.channel': 'ok', 'slack.approvers': 'ok' });
  });
});
