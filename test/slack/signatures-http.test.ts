// Through real HTTP: forged, stale, future and missing signatures are refused with a stable code and nothing is
// done (no Slack call, no response_url post, no store change). Slack's protocol checks are answered.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { describeEachStore } from '../store/helpers.js';
import { commandBody, FakeSlack, SIGNING_SECRET, startSlackApp, type SlackApp } from './helpers.js';
import { slackSignature } from './sign.js';

describeEachStore('Slack request signatures on $name', ({ open }) => {
  let slack: FakeSlack;
  let store: Store;
  let s: SlackApp;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    store = await open();
    // A probe route outside the Slack plugin: it must still get Fastify's parsed JSON, not raw bytes.
    s = await startSlackApp({ store, slack, beforeListen: (app) => app.post('/probe', async (req) => ({ bodyType: Buffer.isBuffer(req.body) ? 'buffer' : typeof req.body })) });
  });
  afterAll(async () => {
    await s?.close();
    await store?.close();
    await slack?.stop();
  });
  beforeEach(() => slack.reset());

  const body = () => commandBody('help', { userId: 'U0ANY', responseUrl: slack.responseUrl('sig') });

  it.each([
    ['forged (wrong secret)', { secret: 'not-the-signing-secret' }, 'signature_invalid'],
    ['tampered (signature of another body)', { signature: slackSignature(SIGNING_SECRET, Math.floor(Date.parse('2026-11-24T10:00:00Z') / 1000), 'text=other') }, 'signature_invalid'],
    ['stale (6 minutes old)', { timestamp: 'stale' }, 'timestamp_out_of_window'],
    ['from the future (6 minutes ahead)', { timestamp: 'future' }, 'timestamp_out_of_window'],
    ['missing the signature', { signature: null }, 'signature_missing'],
    ['missing the timestamp', { timestamp: null, signature: 'v0=00' }, 'signature_missing'],
  ])('%s → 401 %s, nothing done', async (_name, o: Record<string, unknown>, code) => {
    const raw = body();
    const opts: Record<string, unknown> = { ...o };
    if (o.timestamp === 'stale' || o.timestamp === 'future') {
      const ts = String(s.clock.seconds + (o.timestamp === 'stale' ? -360 : 360));
      opts.timestamp = ts;
      opts.signature = slackSignature(SIGNING_SECRET, ts, raw); // correctly signed, wrong time
    }
    const auditBefore = (await store.listAudit({ limit: 100 })).length;
    const res = await s.post('/slack/commands', raw, opts);
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ code });
    expect(typeof res.json.message).toBe('string');
    await s.settle();
    expect(slack.calls).toEqual([]);
    expect(slack.responses).toEqual([]);
    expect((await store.listAudit({ limit: 100 })).length).toBe(auditBefore);
  });

  it('refuses a forged interaction too (the Approve button is not reachable without a signature)', async () => {
    const raw = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U0APPROVER' }, actions: [{ action_id: 'draft_approve', value: '1' }] }) }).toString();
    const res = await s.post('/slack/interactions', raw, { secret: 'forged' });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('signature_invalid');
  });

  it('answers Slack\'s ssl_check unsigned, as Slack sends it, and acts on nothing it carries', async () => {
    // https://docs.slack.dev/interactivity/implementing-slash-commands#ssl_check: no X-Slack-Signature.
    const ssl = await s.post('/slack/commands', 'ssl_check=1&token=x', { signature: null, timestamp: null });
    expect(ssl.status).toBe(200);
    expect(ssl.text).toBe('');
    // Fields smuggled next to ssl_check are dropped (Bolt does the same): no command runs.
    const smuggled = `ssl_check=1&${commandBody('help', { userId: 'U0ANY', responseUrl: slack.responseUrl('smuggled') })}`;
    const res = await s.post('/slack/commands', smuggled, { signature: null, timestamp: null });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await s.settle();
    expect(slack.calls).toEqual([]);
    expect(slack.responses).toEqual([]);
  });

  it('answers url_verification, signed', async () => {
    const challenge = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    const uv = await s.post('/slack/interactions', challenge, { contentType: 'application/json' });
    expect(uv.status).toBe(200);
    expect(uv.json).toEqual({ challenge: 'c-123' });
  });

  it('keeps the raw-body parsers to the Slack routes (other routes still parse JSON)', async () => {
    const res = await fetch(`${s.url}/slack/commands`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(415);
    const probe = await fetch(`${s.url}/probe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await probe.json()).toEqual({ bodyType: 'object' });
  });
});
