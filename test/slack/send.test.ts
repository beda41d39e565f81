// Slack failing while the outbox posts and updates draft cards (src/slack/send.ts), through the real app: the worker
// drafts from a signed Zendesk webhook, the fake Slack fails the way Slack documents (each failure's page is cited in
// test/fakes/slack.ts). What a reviewer would notice: the card arrives later, exactly once; an admin reads on /readyz
// what to fix and the waiting cards go out once it is fixed; a card never keeps live buttons after a decision.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { describeEachStore, storeKinds } from '../store/helpers.js';
import { commentAdded, tagsChanged } from '../fakes/zendesk-events.js';
import type { SlackFailure } from '../fakes/slack.js';
import { pollUntil } from '../helpers/poll.js';
import { APPROVER, buttonClick, draftedTicket, FakeSlack, FakeZendesk, LDAP_KEEP, REVIEW_CHANNEL, startSlackApp, type SlackApp, useSlackWorld } from './helpers.js';

const cardsOf = (slack: FakeSlack, draftId: number) =>
  (slack.channels.get(REVIEW_CHANNEL)?.messages ?? []).filter((m) => m.metadata?.event_type === 'm365_draft_card' && m.metadata.event_payload.draft_id === draftId);
const hasButtons = (blocks: any[] | undefined) => (blocks ?? []).some((b) => b.type === 'actions');
const text = (blocks: any[] | undefined) => JSON.stringify(blocks ?? []);

describeEachStore('Slack failing while cards are posted, on $name', ({ open }) => {
  const world = useSlackWorld(open);
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  beforeAll(() => {
    ({ slack, zd, store, s } = world);
    zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
    slack.addUser({ id: APPROVER, name: 'sam', email: 'sam@mailstore.example' });
  });
  beforeEach(() => {
    slack.reset();
    s.clock.advance(60_000); // a free slot for the card pacer
  });

  const readyz = async () => (await fetch(`${s.url}/readyz`)).json() as Promise<{ ok: boolean; problems: Array<{ key: string; code: string; message: string }> }>;
  /** Lets `ms` pass on the shared clock, then runs the app until nothing more is due. */
  const later = async (ms: number) => {
    s.clock.advance(ms);
    await s.settle();
  };

  it.each<[string, SlackFailure, { posts: number; notBeforeMs?: number }]>([
    // Ambiguous: the card may be in the channel all the same, so the retry looks for it before posting again.
    ['Slack answers HTTP 503', { status: 503 }, { posts: 2 }],
    ['the connection drops before Slack got the card', { drop: true }, { posts: 2 }],
    ['the connection drops after Slack posted the card (the answer is lost)', { drop: true, apply: true }, { posts: 1 }],
    // Rate limits: nothing is posted before the wait Slack names.
    ['ratelimited (HTTP 200) with Retry-After 30', { error: 'ratelimited', retryAfter: 30 }, { posts: 2, notBeforeMs: 30_000 }],
    ['HTTP 429 with Retry-After 45', { status: 429, retryAfter: 45 }, { posts: 2, notBeforeMs: 45_000 }],
  ])('%s: the card arrives later, exactly once', async (_name, failure, expected) => {
    slack.failNext('chat.postMessage', failure);
    const { draft } = await draftedTicket(s, zd, LDAP_KEEP);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1); // the failed attempt
    expect(await store.getMeta(`slack.card:${draft.id}`)).toBeNull();
    if (expected.notBeforeMs) {
      await later(expected.notBeforeMs - 1000);
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
      expect(cardsOf(slack, draft.id)).toHaveLength(0);
      await later(1000);
    } else {
      await later(60_000); // the retry's backoff after a first failure is at most a few seconds
    }
    const cards = cardsOf(slack, draft.id);
    expect(cards).toHaveLength(1);
    expect(hasButtons(cards[0]!.blocks)).toBe(true);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(expected.posts);
    // A retry looks for the card in the channel (by its metadata) before posting again.
    expect(slack.callsTo('conversations.history')).toHaveLength(1);
    expect(JSON.parse((await store.getMeta(`slack.card:${draft.id}`))!)).toEqual({ channel: REVIEW_CHANNEL, ts: cards[0]!.ts });
    expect((await store.listOutbox({ states: ['dead'] })).filter((r) => r.draftId === draft.id)).toEqual([]);
  });

  it.each<[string, string, string, () => void, () => void]>([
    [
      'the review channel was deleted',
      'channel_not_found',
      `SLACK_REVIEW_CHANNEL ${REVIEW_CHANNEL} does not exist or the bot cannot see it`,
      () => void slack.channels.delete(REVIEW_CHANNEL),
      () => void slack.addChannel(REVIEW_CHANNEL),
    ],
    [
      'the review channel was archived',
      'is_archived',
      `SLACK_REVIEW_CHANNEL ${REVIEW_CHANNEL} is archived: unarchive it or set another channel.`,
      () => void slack.addChannel(REVIEW_CHANNEL, { isArchived: true }),
      () => void slack.addChannel(REVIEW_CHANNEL, { isArchived: false }),
    ],
    [
      'Slack no longer accepts the bot token (the app was reinstalled)',
      'invalid_auth',
      'Slack refused the bot token (invalid_auth): set a valid SLACK_BOT_TOKEN',
      () => void (slack.acceptedToken = 'xoxb-after-reinstall'),
      () => void (slack.acceptedToken = slack.token),
    ],
  ])('%s: /readyz says what to fix (%s), the card waits without dead letters and goes out once fixed', async (_name, code, advice, breakIt, fixIt) => {
    breakIt();
    let draftId: number;
    try {
      ({ draft: { id: draftId } } = await draftedTicket(s, zd, LDAP_KEEP));
      for (let i = 0; i < 3; i++) await later(5 * 60_000); // configuration problems are retried every 5 minutes
      expect(slack.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(3);
      expect(cardsOf(slack, draftId)).toHaveLength(0);
      const ready = await readyz();
      expect(ready.ok).toBe(true); // the webhook keeps answering
      expect(ready.problems).toEqual([expect.objectContaining({ key: 'slack.review_channel', code, message: expect.stringContaining(advice) })]);
      expect((await store.listOutbox({ states: ['dead'] })).filter((r) => r.draftId === draftId)).toEqual([]);
    } finally {
      fixIt();
    }
    await later(5 * 60_000);
    expect(cardsOf(slack, draftId)).toHaveLength(1);
    expect((await readyz()).problems).toEqual([]);
  });

  it('after the review channel was archived for a while, only drafts still pending get a card (none for one decided meanwhile)', async () => {
    slack.addChannel(REVIEW_CHANNEL, { isArchived: true });
    let decided: { ticketId: number; draftId: number };
    let pending: number;
    try {
      const a = await draftedTicket(s, zd, LDAP_KEEP);
      decided = { ticketId: a.ticket.id, draftId: a.draft.id };
      pending = (await draftedTicket(s, zd, LDAP_KEEP)).draft.id;
      // An agent approves the first draft in Zendesk while its card cannot be posted.
      const agent = zd.addUser({ name: 'Ann Approver', email: `ann-${a.draft.id}@mailstore.example`, role: 'agent' });
      zd.setTags(a.ticket.id, [...zd.mustTicket(a.ticket.id).tags, 'm365_approve'], agent);
      expect((await s.deliver(tagsChanged(a.ticket.id, agent.id))).status).toBe(200);
      await pollUntil('the approval in Zendesk', async () => (await store.getDraft(a.draft.id))!.state === 'posted', { between: () => s.settle() });
    } finally {
      slack.addChannel(REVIEW_CHANNEL, { isArchived: false });
    }
    for (let i = 0; i < 2; i++) await later(5 * 60_000);
    expect(cardsOf(slack, pending)).toHaveLength(1);
    expect(cardsOf(slack, decided.draftId)).toHaveLength(0); // no late card asking to approve a reply already sent
    expect(zd.publicReplies(decided.ticketId)).toHaveLength(1);
  });

  it('a card whose answer was lost and that is clicked before the retry becomes the draft\'s card: no second card', async () => {
    slack.failNext('chat.postMessage', { error: 'internal_error', apply: true });
    const { ticket, draft } = await draftedTicket(s, zd, LDAP_KEEP);
    const [card] = cardsOf(slack, draft.id);
    expect(card).toBeDefined(); // Slack posted it; the service does not know
    expect(await store.getMeta(`slack.card:${draft.id}`)).toBeNull();
    const res = await s.interact(buttonClick({ actionId: 'draft_approve', value: String(draft.id), userId: APPROVER, responseUrl: slack.responseUrl('lost-answer'), ts: card!.ts }));
    expect(res.status).toBe(200);
    await s.settle();
    await later(60_000); // the card row's retry is due
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(cardsOf(slack, draft.id)).toHaveLength(1);
    expect(zd.publicReplies(ticket.id)).toHaveLength(1);
    expect(hasButtons(card!.blocks)).toBe(false);
    expect(text(card!.blocks)).toContain(`Approved by <@${APPROVER}>`);
  });

  it.each<[string, SlackFailure]>([
    ['HTTP 429 with Retry-After 20', { status: 429, retryAfter: 20 }],
    ['HTTP 503', { status: 503 }],
  ])('the card update after a decision in Zendesk fails (%s): the card still ends up showing the decision', async (_name, failure) => {
    const { ticket, draft } = await draftedTicket(s, zd, LDAP_KEEP, { card: true });
    const [card] = cardsOf(slack, draft.id);
    slack.failNext('chat.update', failure);
    // An agent rejects the draft with the Zendesk tag: one decision, one card update.
    const agent = zd.addUser({ name: 'Rita Rejecter', email: `rita-${draft.id}@mailstore.example`, role: 'agent' });
    zd.setTags(ticket.id, [...zd.mustTicket(ticket.id).tags, 'm365_reject'], agent);
    expect((await s.deliver(tagsChanged(ticket.id, agent.id))).status).toBe(200);
    await s.settle();
    expect((await store.getDraft(draft.id))!.state).toBe('rejected');
    expect(slack.callsTo('chat.update')).toHaveLength(1); // the failed attempt
    expect(hasButtons(card!.blocks)).toBe(true); // not updated yet
    await later(60_000);
    expect(hasButtons(card!.blocks)).toBe(false);
    expect(text(card!.blocks)).toContain('Rejected by');
    expect(cardsOf(slack, draft.id)).toHaveLength(1);
  });
});

describe('a decision on another instance while Slack is slow to take the card', () => {
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let a: SlackApp;
  let b: SlackApp;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    zd = await new FakeZendesk().start();
    store = await storeKinds()[0]!.open();
    a = await startSlackApp({ store, slack, zd, workerId: 'instance-a' });
    b = await startSlackApp({ store, slack, zd, workerId: 'instance-b', clock: a.clock });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await store?.close();
    await slack?.stop();
    await zd?.stop();
  });

  it('the card posted after the draft was rejected elsewhere is brought up to date: no live buttons', async () => {
    const agent = zd.addUser({ name: 'Rita Rejecter', email: 'rita@mailstore.example', role: 'agent' });
    const customer = zd.addUser({ name: 'Kim Baker', email: 'kim@customer.example', role: 'end-user' });
    const ticket = zd.addTicket({ subject: LDAP_KEEP.subject, body: LDAP_KEEP.body, requester: customer });
    let release!: () => void;
    slack.failNext('chat.postMessage', { until: new Promise<void>((r) => (release = r)) });
    let posting: Promise<void> | null = null;
    try {
      expect((await a.deliver(commentAdded(ticket.id, ticket.comments[0]!.id, customer.id))).status).toBe(200);
      // Instance a drafts the ticket, and its outbox waits for Slack to take the card.
      posting = a.settle();
      await pollUntil('instance a to post the card', () => slack.callsTo('chat.postMessage').length === 1);
      const draft = (await store.latestDraft(String(ticket.id)))!;
      expect(draft.state).toBe('pending');
      // Meanwhile an agent rejects the draft in Zendesk; instance b handles the event and the card update it queues,
      // finding no card to update yet.
      zd.setTags(ticket.id, [...zd.mustTicket(ticket.id).tags, 'm365_reject'], agent);
      expect((await b.deliver(tagsChanged(ticket.id, agent.id))).status).toBe(200);
      await pollUntil('instance b to reject the draft', async () => (await store.getDraft(draft.id))!.state === 'rejected', { between: () => b.settle() });
      expect(slack.callsTo('chat.update')).toHaveLength(0);
      release();
      await posting;
      await a.settle();
      await b.settle();
      const cards = cardsOf(slack, draft.id);
      expect(cards).toHaveLength(1);
      expect(hasButtons(cards[0]!.blocks)).toBe(false);
      expect(text(cards[0]!.blocks)).toContain('Rejected by');
    } finally {
      release();
      await posting;
    }
  });
});
