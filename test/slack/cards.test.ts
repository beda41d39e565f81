// Draft cards: queued by the draft hook of the real worker (a ticket in the fake Zendesk, its webhook delivered),
// sent by the outbox to the review channel (paced, 429-aware), with the ticket link, branch, confidence, evidence and
// the draft; hostile ticket text arrives inert.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { draftCard } from '../../src/slack/cards.js';
import { toDestination } from '../../src/replies/index.js';
import { describeEachStore } from '../store/helpers.js';
import { commentAdded } from '../fakes/zendesk-events.js';
import { blockKitProblems } from '../fakes/slack-blocks.js';
import { quiesce } from '../helpers/poll.js';
import { customerWritesAgain, draftedTicket, FakeSlack, FakeZendesk, LDAP_KEEP, REVIEW_CHANNEL, type SlackApp, useSlackWorld } from './helpers.js';

const HOSTILE = {
  subject: 'Urgent <!channel> {{ticket.id}} *bold*',
  body:
    'Hi <!here> <@U123> please click <https://evil.example/login|the MailStore portal>. We use LDAP Generic and want to keep it; ' +
    'only archiving should move to Microsoft 365 modern authentication. {{ticket.requester.email}} *bold* _it_ ~s~ <!subteam^S999> ``` `code`',
  requesterName: '<@U999> *Boss* {{current_user.name}}',
};

// German, MailStore SPE, Active Directory, no rename/keep choice: the worker drafts rename-or-hybrid in German, the
// longest of the templates (about 4,300 characters for Slack), more than one section block can hold (3,000).
const GERMAN_SPE = {
  subject: 'MailStore SPE: Umstellung auf Modern Authentication',
  body:
    'Hallo,\nwir betreiben MailStore SPE für mehrere Mandanten. Die Benutzer werden per Active Directory synchronisiert, die ' +
    'Postfächer liegen inzwischen bei Microsoft 365. Wie stellen wir die Archivierung auf Modern Authentication um?\n' +
    'Viele Grüße\nAnnegret Müller-Lüdenscheidt',
  requesterName: 'Dr. Annegret Müller-Lüdenscheidt',
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
    const { ticket, customer, draft } = await draftedTicket(s, zd, { ...LDAP_KEEP, id: 7001 });
    // Zendesk delivers the statement's event again (a retry with the same event, and another event for it): no new
    // draft, no second card.
    const again = commentAdded(ticket.id, ticket.comments[0]!.id, customer.id);
    expect((await s.deliver(again)).json).toEqual({ ok: true, duplicate: false });
    expect((await s.deliver(again)).json).toEqual({ ok: true, duplicate: true });
    await quiesce(s.app);
    await s.settle();
    expect(await store.listDrafts({ ticketId: '7001' })).toHaveLength(1);
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
    const { draft } = await draftedTicket(s, zd, { ...HOSTILE, id: 7002 });
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

  it('shows the whole of a long German reply, split over sections within Slack\'s limits, with Approve', async () => {
    const { draft } = await draftedTicket(s, zd, { ...GERMAN_SPE, id: 7003 });
    expect(draft).toMatchObject({ language: 'de', product: 'spe' });
    const reply = toDestination(draft.text, 'mrkdwn');
    expect(reply.length).toBeGreaterThan(3000); // the case a single section truncated
    await s.settle();
    const [post] = slack.callsTo('chat.postMessage');
    expect(slack.channels.get(REVIEW_CHANNEL)!.messages.at(-1)!.ts).toBeTruthy(); // the fake accepted the blocks
    const blocks = post!.args.blocks as any[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    const replyTexts = blocks.filter((b) => b.type === 'section' && b.text).map((b) => b.text.text as string);
    const start = replyTexts.findIndex((t) => t.startsWith('*Draft reply*'));
    const shown = replyTexts.slice(start).join('\n').replace(/^\*Draft reply\*\n/, '');
    const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
    expect(squash(shown)).toBe(squash(reply));
    for (const t of replyTexts) expect(t.length).toBeLessThanOrEqual(3000);
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['draft_approve', 'draft_reject']);
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
  });

  it('a draft too long for one message links to the review page and offers no Approve', async () => {
    // No door makes a pending draft this long: the worker renders templates (about 4,300 characters at most), and an
    // edit on the review page is capped at 20,000 characters and approves the draft at once. The card guards the case
    // all the same (cards.ts); it is checked on the worker's draft with a text longer than one message holds (Slack:
    // 50 blocks of at most 3,000 characters), against the fake Slack's Block Kit rules.
    const { draft } = await draftedTicket(s, zd, { ...LDAP_KEEP, id: 7004 });
    const long = { ...draft, text: Array.from({ length: 60 }, (_, i) => `Paragraph ${i}. ${'Wort '.repeat(560)}`).join('\n\n') };
    const reviewUrl = `https://m365-guide.example.com/queue?state=pending#draft-${draft.id}`;
    const { blocks } = draftCard(long, { ticketUrl: null, reviewUrl, buttons: true });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blockKitProblems(blocks)).toEqual([]);
    const all = mrkdwnObjects(blocks).map((t) => t.text).join('\n');
    expect(all).toContain('The draft is too long to show here in full');
    expect(all).toContain(`<${reviewUrl}|on the review page>`);
    const actions = blocks.find((b) => b.type === 'actions') as any;
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['draft_reject']);
  });

  it('paces the channel at one message per second, each waiting card retried at its own slot', async () => {
    for (const id of [7101, 7102, 7103]) await draftedTicket(s, zd, { ...LDAP_KEEP, id });
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
    await draftedTicket(s, zd, { ...LDAP_KEEP, id: 7201 });
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

  it('bot not in the review channel: one configuration problem on /readyz and /metrics, no dead letters; the cards go out once it is invited', async () => {
    slack.addChannel(REVIEW_CHANNEL, { botMember: false });
    try {
      for (const id of [7301, 7302, 7303]) await draftedTicket(s, zd, { ...LDAP_KEEP, id });
      for (let i = 0; i < 3; i++) {
        s.clock.advance(1000);
        await s.settle();
      }
      expect(slack.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(1);
      expect(slack.channels.get(REVIEW_CHANNEL)!.messages.filter((m) => /ticket #730/.test(m.text ?? ''))).toHaveLength(0);
      const dead = (await store.listOutbox({ states: ['dead'], limit: 100 })).filter((r) => ['7301', '7302', '7303'].includes(r.ticketId));
      expect(dead).toHaveLength(0);
      const ready = await readyz(s);
      expect(ready.ok).toBe(true); // the webhook must keep answering
      expect(ready.problems).toEqual([expect.objectContaining({ key: 'slack.review_channel', code: 'not_in_channel', message: expect.stringContaining('/invite') })]);
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics).toContain('m365_config_problem{key="slack.review_channel",code="not_in_channel"} 1');
    } finally {
      slack.addChannel(REVIEW_CHANNEL, { botMember: true });
    }
    for (let i = 0; i < 4; i++) {
      s.clock.advance(5 * 60_000);
      await s.settle();
    }
    const cards = slack.channels.get(REVIEW_CHANNEL)!.messages.filter((m) => /ticket #730[123]/.test(m.text ?? ''));
    expect(cards).toHaveLength(3);
    expect((await readyz(s)).problems).toEqual([]);
    expect(await (await fetch(`${s.url}/metrics`)).text()).not.toContain('m365_config_problem{');
  });

  it('a missing scope is reported with the scope to add', async () => {
    slack.scopes.delete('chat:write');
    try {
      await draftedTicket(s, zd, { ...LDAP_KEEP, id: 7311 });
      await s.settle();
      const ready = await readyz(s);
      expect(ready.problems).toEqual([expect.objectContaining({ code: 'missing_scope', message: expect.stringContaining('chat:write') })]);
    } finally {
      slack.scopes.add('chat:write');
    }
    s.clock.advance(5 * 60_000);
    await s.settle();
    expect(slack.channels.get(REVIEW_CHANNEL)!.messages.filter((m) => /ticket #7311/.test(m.text ?? ''))).toHaveLength(1);
  });

  it.each([
    ['rate_limited with Retry-After', { error: 'rate_limited', retryAfter: 9 }, 9000],
    ['message_limit_exceeded', { error: 'message_limit_exceeded' }, 60_000],
  ])('%s is waited out and retried, not dead-lettered', async (_name, failure, waitMs) => {
    const ticket = failure.error === 'rate_limited' ? '7321' : '7322';
    slack.failNext('chat.postMessage', failure);
    await draftedTicket(s, zd, { ...LDAP_KEEP, id: Number(ticket) });
    await s.settle();
    const [row] = (await store.listOutbox({ states: ['pending'], limit: 100 })).filter((r) => r.ticketId === ticket && r.kind === 'slack.card');
    expect(row).toBeDefined();
    expect(row!.nextAttemptAt.getTime() - s.clock.ms).toBeGreaterThanOrEqual(waitMs);
    s.clock.advance(waitMs + 1000);
    await s.settle();
    expect(slack.channels.get(REVIEW_CHANNEL)!.messages.filter((m) => m.text?.includes(`ticket #${ticket}`))).toHaveLength(1);
  });

  it('a post whose answer was lost (internal_error after the write) is found by its metadata, not posted twice', async () => {
    slack.failNext('chat.postMessage', { error: 'internal_error', apply: true });
    const { draft } = await draftedTicket(s, zd, { ...LDAP_KEEP, id: 7331 });
    await s.settle();
    for (let i = 0; i < 3; i++) {
      s.clock.advance(60_000);
      await s.settle();
    }
    const cards = slack.channels.get(REVIEW_CHANNEL)!.messages.filter((m) => m.metadata?.event_payload.draft_id === draft.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.metadata).toEqual({ event_type: 'm365_draft_card', event_payload: { draft_id: draft.id, ticket_id: '7331' } });
    expect(JSON.parse((await store.getMeta(`slack.card:${draft.id}`))!)).toEqual({ channel: REVIEW_CHANNEL, ts: cards[0]!.ts });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.callsTo('conversations.history')).toHaveLength(1);
  });

  it('a newer draft for the ticket posts its own card and marks the old card superseded (no buttons)', async () => {
    const first = await draftedTicket(s, zd, { ...LDAP_KEEP, id: 7401 }, { card: true });
    s.clock.advance(1000);
    const oldRef = JSON.parse((await store.getMeta(`slack.card:${first.draft.id}`))!);
    const newer = await customerWritesAgain(s, zd, first, 'We decided to rename the users after all.');
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

async function readyz(s: SlackApp): Promise<any> {
  return (await fetch(`${s.url}/readyz`)).json();
}
