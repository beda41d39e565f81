// Draft cards: queued by the draft hook, sent by the outbox to the review channel (paced, 429-aware), with the
// ticket link, branch, confidence, evidence and the draft; hostile ticket text arrives inert.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DraftRow, Store } from '../../src/store/types.js';
import { describeEachStore } from '../store/helpers.js';
import { FakeSlack, FakeZendesk, LDAP_KEEP, makeDraft, REVIEW_CHANNEL, startSlackApp, type SlackApp, useSlackWorld } from './helpers.js';

const HOSTILE = {
  subject: 'Urgent <!channel> {{ticket.id}} *bold*',
  body:
    'Hi <!here> <@U123> please click <https://evil.example/login|the MailStore portal>. We use LDAP Generic and want to keep it; ' +
    'only archiving should move to Microsoft 365 modern authentication. {{ticket.requester.email}} *bold* _it_ ~s~ <!subteam^S999> ``` `code`',
  requesterName: '<@U999> *Boss* {{current_user.name}}',
};

/** Every mrkdwn text object in a message. */
function mrkdwnObjects(blocks: any[]): Array<{ text: string; verbatim?: boolean }> {
  const out: Array<{ text: string; verbatim?: boolean }> = [];
  const walk = (v: any) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      if (v.type === 'mrkdwn' && typeof v.text === 'string') out.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}
const outsideCode = (t: string) => t.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');

describeEachStore('draft cards on $name', ({ open }) => {
  const world = useSlackWorld(open);
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  beforeAll(() => void ({ slack, zd, store, s } = world));
  beforeEach(() => {
    slack.reset();
    s.clock.advance(60_000); // a fresh second for the pacer
  });

  it('posts a card for a new draft to the review channel, once, and remembers where', async () => {
    const draft = await makeDraft(s.app, '7001', LDAP_KEEP);
    await makeDraftHooksAgain(s, draft); // a replayed hook queues nothing new
    await s.settle();
    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    const { args } = posts[0]!;
    expect(args.channel).toBe(REVIEW_CHANNEL);
    expect(args.text).toBe(`Draft #${draft.id} for ticket #7001: pending`);
    const texts = mrkdwnObjects(args.blocks);
    const all = texts.map((t) => t.text).join('\n');
    expect(all).toContain(`<${zd.url}/agent/tickets/7001|ticket #7001>`);
    expect(all).toContain(`\`${draft.branch}\``);
    expect(all).toContain(`${Math.round(draft.confidence * 100)} %`);
    for (const e of draft.evidence.slice(0, 3)) expect(all).toContain(`${e.slot} = \`${e.value}\``);
    expect(all).toContain('*Draft reply*');
    for (const t of texts) {
      expect(t.verbatim).toBe(true);
      expect(t.text.length).toBeLessThanOrEqual(3000);
    }
    const ref = JSON.parse((await store.getMeta(`slack.card:${draft.id}`))!);
    expect(ref).toEqual({ channel: REVIEW_CHANNEL, ts: expect.any(String) });
  });

  it('neutralises hostile ticket text: no mention, no ping, no disguised link, no placeholder, no formatting', async () => {
    const draft = await makeDraft(s.app, '7002', HOSTILE);
    await s.settle();
    const { args } = slack.callsTo('chat.postMessage')[0]!;
    const json = JSON.stringify(args);
    for (const bad of ['<!channel>', '<!here>', '<@U123>', '<@U999>', '<!subteam^S999>', '<https://evil', '{{']) expect(json).not.toContain(bad);
    expect(args.text).not.toMatch(/Urgent|channel|evil/);
    for (const t of mrkdwnObjects(args.blocks)) {
      expect(t.verbatim).toBe(true);
      // Customer words appear only inside code spans/blocks, where *bold* stays literal.
      expect(outsideCode(t.text)).not.toContain('*bold*');
      expect(outsideCode(t.text)).not.toContain('evil.example');
    }
    expect(json).toContain('&lt;!channel&gt;');
    expect(draft.thread.subject).toContain('<!channel>'); // stored as the customer wrote it
  });

  it('caps a long draft to the 3,000-character text object limit', async () => {
    await makeDraft(s.app, '7003', LDAP_KEEP, { text: 'Paragraph. '.repeat(1000) });
    await s.settle();
    const { args } = slack.callsTo('chat.postMessage')[0]!;
    const reply = mrkdwnObjects(args.blocks).find((t) => t.text.startsWith('*Draft reply*'))!;
    expect(reply.text.length).toBeLessThanOrEqual(3000);
    expect(reply.text.endsWith('…')).toBe(true);
  });

  it('paces the channel at one message per second, each waiting card retried at its own slot', async () => {
    for (const id of ['7101', '7102', '7103']) await makeDraft(s.app, id, LDAP_KEEP);
    await s.settle();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    s.clock.advance(1000);
    await s.settle();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    s.clock.advance(1000);
    await s.settle();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    const rows = await store.listOutbox({ states: ['sent'], limit: 100 });
    const cards = rows.filter((r) => r.kind === 'slack.card' && ['7101', '7102', '7103'].includes(r.ticketId));
    expect(cards.map((r) => r.attempts).sort()).toEqual([1, 2, 2]);
  });

  it('waits out a 429 for the Retry-After it names, then posts once', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    await makeDraft(s.app, '7201', LDAP_KEEP);
    await s.settle();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1); // the refused attempt
    const [row] = (await store.listOutbox({ states: ['pending'], limit: 100 })).filter((r) => r.ticketId === '7201');
    expect(row!.nextAttemptAt.getTime() - s.clock.ms).toBeGreaterThanOrEqual(7000);
    s.clock.advance(6000);
    await s.settle();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    s.clock.advance(1500);
    await s.settle();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect((await store.listOutbox({ states: ['sent'], limit: 100 })).some((r) => r.ticketId === '7201' && r.kind === 'slack.card')).toBe(true);
  });

  it('dead-letters a card Slack will never accept (channel_not_found), without retrying', async () => {
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await makeDraft(s.app, '7301', LDAP_KEEP);
    await s.settle();
    const dead = (await store.listOutbox({ states: ['dead'], limit: 100 })).filter((r) => r.ticketId === '7301');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.lastError).toContain('channel_not_found');
    expect(dead[0]!.attempts).toBe(1);
  });

  it('a newer draft for the ticket posts its own card and marks the old card superseded (no buttons)', async () => {
    const old = await makeDraft(s.app, '7401', LDAP_KEEP);
    await s.settle();
    s.clock.advance(1000);
    const oldRef = JSON.parse((await store.getMeta(`slack.card:${old.id}`))!);
    const newer = await makeDraft(s.app, '7401', { ...LDAP_KEEP, comments: [{ author: 'customer', body: 'We decided to rename the users after all.' }] });
    await s.settle();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    const updates = slack.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.args).toMatchObject({ channel: oldRef.channel, ts: oldRef.ts });
    const blocks = updates[0]!.args.blocks as any[];
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(mrkdwnObjects(blocks).map((t) => t.text).join('\n')).toContain(`Superseded by draft #${newer.id}`);
  });
});

/** Runs the draft hooks a second time, as a replayed event would. */
async function makeDraftHooksAgain(s: SlackApp, draft: DraftRow): Promise<void> {
  await s.app.m365.store.withTx(async (tx) => {
    for (const hook of s.app.m365.onDraftCreated) await hook(draft, tx);
  });
}
