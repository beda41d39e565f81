// The fake Slack itself follows Slack's documented rules (each cited in test/fakes/slack.ts): a test that passes
// against it cannot rely on Slack accepting what Slack refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../helpers/poll.js';
import { FakeSlack } from './slack.js';

let slack: FakeSlack;
let ms = Date.parse('2026-11-24T10:00:00Z');
beforeAll(async () => {
  slack = await new FakeSlack().start();
  slack.useClock({ now: () => ms, advance: (d) => void (ms += d) });
  slack.addChannel('C1');
  slack.addChannel('C2', { botMember: false });
});
afterAll(() => slack.stop());

async function call(method: string, args: Record<string, unknown>) {
  const r = await fetch(`${slack.apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  return { json: (await r.json()) as any, scopes: r.headers.get('x-oauth-scopes') };
}
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('the fake Slack', () => {
  it('refuses Block Kit over its limits with invalid_blocks and posts nothing', async () => {
    const before = slack.channels.get('C1')!.messages.length;
    for (const blocks of [
      Array.from({ length: 51 }, () => section('x')),
      [section('x'.repeat(3001))],
      [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }],
      [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, confirm: { title: { type: 'plain_text', text: 't' }, text: { type: 'mrkdwn', text: 'mrkdwn is not allowed here' }, confirm: { type: 'plain_text', text: 'ok' }, deny: { type: 'plain_text', text: 'no' } } }] }],
    ]) {
      expect((await call('chat.postMessage', { channel: 'C1', text: 't', blocks })).json).toMatchObject({ ok: false, error: 'invalid_blocks' });
    }
    expect((await call('chat.postMessage', { channel: 'C1', text: 't', blocks: Array.from({ length: 50 }, () => section('x'.repeat(3000))) })).json.ok).toBe(true);
    expect(slack.channels.get('C1')!.messages.length).toBe(before + 1);
  });

  it('refuses channels it does not know or the bot is not in; names its scopes; refuses a missing one', async () => {
    expect((await call('chat.postMessage', { channel: 'C404', text: 't' })).json.error).toBe('channel_not_found');
    expect((await call('chat.postMessage', { channel: 'C2', text: 't' })).json.error).toBe('not_in_channel');
    expect((await call('conversations.history', { channel: 'C2' })).json.error).toBe('not_in_channel');
    const auth = await call('auth.test', {});
    expect(auth.scopes!.split(',')).toContain('chat:write');
    slack.scopes.delete('chat:write');
    expect((await call('chat.postMessage', { channel: 'C1', text: 't' })).json).toMatchObject({ ok: false, error: 'missing_scope', needed: 'chat:write' });
    slack.scopes.add('chat:write');
  });

  it('returns message metadata from conversations.history only when asked for it', async () => {
    const metadata = { event_type: 'm365_draft_card', event_payload: { draft_id: 7 } };
    await call('chat.postMessage', { channel: 'C1', text: 'card', metadata });
    expect((await call('conversations.history', { channel: 'C1' })).json.messages[0].metadata).toBeUndefined();
    expect((await call('conversations.history', { channel: 'C1', include_all_metadata: true })).json.messages[0].metadata).toEqual(metadata);
  });

  it('lets a trigger_id open one modal within 3 seconds', async () => {
    const view = { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [section('x')] };
    expect((await call('views.open', { trigger_id: 'made-up', view })).json.error).toBe('invalid_trigger_id');
    const t1 = slack.trigger();
    expect((await call('views.open', { trigger_id: t1, view })).json.ok).toBe(true);
    expect((await call('views.open', { trigger_id: t1, view })).json.error).toBe('exchanged_trigger_id');
    const t2 = slack.trigger();
    ms += 3001;
    expect((await call('views.open', { trigger_id: t2, view })).json.error).toBe('expired_trigger_id');
  });

  it('accepts 5 posts to a response_url within 30 minutes, then refuses', async () => {
    const post = (name: string) => fetch(slack.responseUrl(name), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post('five')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect((await post('late')).status).toBe(200);
    ms += 30 * 60_000 + 1;
    const late = await post('late');
    expect([late.status, await late.text()]).toEqual([404, 'expired_url']);
  });

  it('refuses posts to an archived channel and every call with a token it no longer accepts', async () => {
    slack.addChannel('C3', { isArchived: true });
    expect((await call('chat.postMessage', { channel: 'C3', text: 't' })).json).toEqual({ ok: false, error: 'is_archived' });
    expect(slack.channels.get('C3')!.messages).toHaveLength(0);
    slack.acceptedToken = 'xoxb-reinstalled';
    try {
      expect((await call('auth.test', {})).json).toEqual({ ok: false, error: 'invalid_auth' });
    } finally {
      slack.acceptedToken = slack.token;
    }
    expect((await call('auth.test', {})).json.ok).toBe(true);
  });

  it('drops the connection without an answer, after the write when asked; holds an answer until released', async () => {
    const before = slack.channels.get('C1')!.messages.length;
    slack.failNext('chat.postMessage', { drop: true });
    await expect(call('chat.postMessage', { channel: 'C1', text: 'lost' })).rejects.toThrow();
    expect(slack.channels.get('C1')!.messages.length).toBe(before);
    slack.failNext('chat.postMessage', { drop: true, apply: true });
    await expect(call('chat.postMessage', { channel: 'C1', text: 'posted, answer lost' })).rejects.toThrow();
    expect(slack.channels.get('C1')!.messages.at(-1)!.text).toBe('posted, answer lost');
    let release!: () => void;
    slack.failNext('chat.postMessage', { until: new Promise<void>((r) => (release = r)) });
    let answered = false;
    const held = call('chat.postMessage', { channel: 'C1', text: 'held' }).then((r) => ((answered = true), r));
    await pollUntil('the held call to arrive', () => slack.calls.some((c) => c.args.text === 'held'));
    expect(answered).toBe(false); // arrived, not answered
    expect(slack.channels.get('C1')!.messages.some((m) => m.text === 'held')).toBe(false);
    release();
    expect((await held).json.ok).toBe(true);
  });
});
