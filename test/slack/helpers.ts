// Builds the real app (buildApp, listening on 127.0.0.1:0) against a fake Slack Web API and a fake Zendesk, and
// sends it requests signed the way Slack signs them (HMAC computed here with node:crypto, not with the code under
// test). A controllable clock drives signatures, the outbox and the pacer alike. Drafts come from the real worker:
// a ticket in the fake Zendesk, its webhook event delivered signed the way Zendesk signs it (draftedTicket).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DraftRow, Store } from '../../src/store/types.js';
import { commentAdded } from '../fakes/zendesk-events.js';
import { FakeSlack } from '../fakes/slack.js';
import { FakeZendesk, type FakeTicket, type FakeUser } from '../fakes/zendesk.js';
import { deliverWebhook, WEBHOOK_SECRET } from '../helpers/harness.js';
import { pollUntil } from '../helpers/poll.js';
import { slackSignature } from './sign.js';
import { afterAll, beforeAll } from 'vitest';

export const SIGNING_SECRET = 'test-signing-secret-8f3a2c';
export const REVIEW_CHANNEL = 'C0REVIEW';
export const APPROVER = 'U0APPROVER';
export const GROUP = 'S0LEADS';

export class Clock {
  constructor(public ms = Date.parse('2026-11-24T10:00:00Z')) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  get seconds(): number {
    return Math.floor(this.ms / 1000);
  }
}


export interface SlackApp {
  app: FastifyInstance;
  url: string;
  store: Store;
  clock: Clock;
  /** POST with a valid signature (or the overrides given). */
  post(path: string, raw: string, opts?: PostOptions): Promise<{ status: number; json: any; text: string; ms: number }>;
  command(text: string, opts?: { userId?: string; responseUrl?: string }): Promise<{ status: number; json: any; text: string; ms: number }>;
  interact(payload: Record<string, unknown>): Promise<{ status: number; json: any; text: string; ms: number }>;
  /** A Zendesk webhook event, signed with the webhook secret at the test clock's time (needs a fake Zendesk). */
  deliver(event: unknown): Promise<{ status: number; json: any }>;
  /** Waits for listeners still working after their ack, then runs the outbox until nothing is due. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface PostOptions {
  contentType?: string;
  timestamp?: string | null;
  signature?: string | null;
  secret?: string;
}

export async function startSlackApp(opts: {
  store: Store;
  slack: FakeSlack;
  zd?: FakeZendesk | null;
  clock?: Clock;
  env?: Record<string, string>;
  workerId?: string;
  /** Called before listen (e.g. to add a probe route). */
  beforeListen?: (app: FastifyInstance) => void;
}): Promise<SlackApp> {
  const clock = opts.clock ?? new Clock();
  const zd = opts.zd ?? null;
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: opts.slack.token,
    SLACK_API_URL: opts.slack.apiUrl,
    SLACK_REVIEW_CHANNEL: REVIEW_CHANNEL,
    SLACK_APPROVERS: `${APPROVER},${GROUP}`,
    RECONCILE_INTERVAL_S: '0',
    PUBLIC_URL: 'https://m365-guide.example.com',
    // With a fake Zendesk the webhook is on too, so drafts arrive the way they do in production. The overload guard
    // is off as in test/helpers/harness.ts: a loaded test machine would answer 503 to the test's own deliveries.
    ...(zd
      ? { ZENDESK_URL: zd.url, ZENDESK_EMAIL: zd.email, ZENDESK_API_TOKEN: zd.token, ZENDESK_TIMEOUT_MS: '10000', ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET, OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' }
      : {}),
    ...opts.env,
  });
  const webhookSecret = (opts.env?.ZENDESK_WEBHOOK_SECRET ?? WEBHOOK_SECRET).split(',')[0]!;
  // Slack's clock is the test's: trigger ids and response_urls age only when the test advances it.
  opts.slack.useClock({ now: () => clock.ms, advance: (ms) => clock.advance(ms) });
  opts.slack.addChannel(REVIEW_CHANNEL);
  const app = await buildApp({ config, store: opts.store, background: false, now: clock.now, ...(opts.workerId ? { workerId: opts.workerId } : {}) });
  opts.beforeListen?.(app);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });

  const post: SlackApp['post'] = async (path, raw, p = {}) => {
    const ts = p.timestamp === undefined ? String(clock.seconds) : p.timestamp;
    const headers: Record<string, string> = { 'content-type': p.contentType ?? 'application/x-www-form-urlencoded' };
    if (ts !== null) headers['x-slack-request-timestamp'] = ts;
    const sig = p.signature === undefined ? slackSignature(p.secret ?? SIGNING_SECRET, ts ?? '', raw) : p.signature;
    if (sig !== null) headers['x-slack-signature'] = sig;
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { method: 'POST', headers, body: raw });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, text, ms: performance.now() - started };
  };

  return {
    app,
    url,
    store: opts.store,
    clock,
    post,
    command: (text, c = {}) =>
      post('/slack/commands', commandBody(text, { userId: c.userId ?? APPROVER, responseUrl: c.responseUrl ?? opts.slack.responseUrl('command'), triggerId: opts.slack.trigger() })),
    // Slack issues a fresh trigger_id with every interaction; the fake must know it to honour views.open.
    interact: (payload) =>
      post('/slack/interactions', new URLSearchParams({ payload: JSON.stringify({ trigger_id: opts.slack.trigger(), ...payload }) }).toString()),
    // Signed the way Zendesk signs (test/helpers/harness.ts), at the test clock's time: the app checks the
    // timestamp against the same clock.
    deliver: (event) => deliverWebhook(url, event, { secret: webhookSecret, timestamp: new Date(clock.ms).toISOString().replace(/\.\d+Z$/, 'Z') }),
    async settle() {
      await app.slack!.idle();
      await app.m365.drain();
    },
    close: () => app.close(),
  };
}

export function commandBody(text: string, o: { userId: string; responseUrl: string; triggerId?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'mailstore-support',
    channel_id: 'C0HELPDESK',
    channel_name: 'helpdesk',
    user_id: o.userId,
    user_name: 'agent',
    command: '/m365-guide',
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: o.triggerId ?? `trigger-${randomUUID()}`,
  }).toString();
}

/** A button click on a card (block_actions), in a channel message or an ephemeral one. */
export function buttonClick(o: { actionId: string; value: string; userId: string; responseUrl: string; ephemeral?: boolean; channel?: string; ts?: string }) {
  return {
    type: 'block_actions',
    user: { id: o.userId, username: 'agent', team_id: 'T0001' },
    team: { id: 'T0001', domain: 'mailstore-support' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    response_url: o.responseUrl,
    channel: { id: o.channel ?? REVIEW_CHANNEL, name: 'review' },
    container: o.ephemeral
      ? { type: 'message', message_ts: '1700000000.000100', channel_id: o.channel ?? 'C0HELPDESK', is_ephemeral: true }
      : { type: 'message', message_ts: o.ts ?? '1700000000.000100', channel_id: o.channel ?? REVIEW_CHANNEL, is_ephemeral: false },
    ...(o.ephemeral ? {} : { message: { ts: o.ts ?? '1700000000.000100', text: 'card', blocks: [] } }),
    actions: [{ type: 'button', action_id: o.actionId, block_id: 'draft:x', value: o.value, action_ts: '1700000001.000200' }],
  };
}

/** What a customer writes to open a ticket; `requesterName` is their Zendesk name, `id` the ticket's (else the fake's). */
export interface CustomerTicket {
  subject: string;
  body: string;
  requesterName?: string;
  id?: number;
}

export interface Drafted {
  ticket: FakeTicket;
  customer: FakeUser;
  draft: DraftRow;
}

let customers = 0;

/**
 * A customer opens a ticket in the fake Zendesk, Zendesk delivers the signed `ticket.comment_added` event to the
 * webhook, and the real worker reads the ticket, classifies it and drafts the reply (draft hooks, note and card rows
 * in its transaction). Resolves once the draft exists; with `card`, once its card is in the review channel too (when
 * the card pacer put it behind another card, the shared clock moves on to its slot).
 */
export async function draftedTicket(s: SlackApp, zd: FakeZendesk, t: CustomerTicket, o: { card?: boolean } = {}): Promise<Drafted> {
  const customer = zd.addUser({ name: t.requesterName ?? 'Kim Baker', email: `customer-${++customers}@customer.example`, role: 'end-user' });
  const ticket = zd.addTicket({ subject: t.subject, body: t.body, requester: customer, ...(t.id !== undefined ? { id: t.id } : {}) });
  const draft = await draftFor(s, ticket.id, ticket.comments.at(-1)!.id, customer.id, o);
  return { ticket, customer, draft };
}

/** The customer writes again on the ticket (its webhook delivered); resolves with the worker's draft for it. */
export async function customerWritesAgain(s: SlackApp, zd: FakeZendesk, d: Pick<Drafted, 'ticket' | 'customer'>, body: string, o: { card?: boolean } = {}): Promise<DraftRow> {
  const comment = zd.addComment(d.ticket.id, d.customer, body, true);
  return draftFor(s, d.ticket.id, comment.id, d.customer.id, o);
}

/** Delivers the comment's event and runs the app until the worker drafted that comment (and posted its card). */
async function draftFor(s: SlackApp, ticketId: number, commentId: number, actorId: number, o: { card?: boolean }): Promise<DraftRow> {
  const res = await s.deliver(commentAdded(ticketId, commentId, actorId));
  if (res.status !== 200) throw new Error(`the webhook refused the event for ticket ${ticketId}: ${res.status} ${JSON.stringify(res.json)}`);
  let draft: DraftRow | null = null;
  await pollUntil(`the worker's draft for comment ${commentId} of ticket ${ticketId}`, async () => {
    draft = await s.store.latestDraft(String(ticketId));
    if (draft?.ticketVersion === String(commentId)) return true;
    // The worker drafts nothing for an off-topic statement: a test ticket that reads off-topic is a broken test.
    const offTopic = (await s.store.listAudit({ ticketId: String(ticketId), limit: 50 })).some((a) => a.action === 'ticket.off_topic' && a.details.version === String(commentId));
    if (offTopic) throw new Error(`ticket ${ticketId}: the worker read comment ${commentId} as off-topic and drafted nothing`);
    return false;
  }, { between: () => s.settle() });
  const drafted = draft as unknown as DraftRow;
  if (o.card) {
    await pollUntil(`the Slack card of draft #${drafted.id}`, async () => (await s.store.getMeta(`slack.card:${drafted.id}`)) !== null, {
      between: async () => {
        await s.settle();
        // The pacer (one message a second per channel) gave the card a slot a moment later, behind another card: let
        // that moment pass on the shared clock. Any other wait (a scripted Slack failure) is the test's to pass.
        const row = (await s.store.listOutbox({ states: ['pending'], limit: 500 })).find((r) => r.kind === 'slack.card' && r.draftId === drafted.id);
        if (row?.lastError?.startsWith('paced:') && row.nextAttemptAt.getTime() > s.clock.ms) s.clock.advance(row.nextAttemptAt.getTime() - s.clock.ms);
      },
    });
  }
  return drafted;
}

export const LDAP_KEEP: CustomerTicket = {
  subject: 'Modern authentication for archiving',
  body: 'Hello, our MailStore Server syncs users with LDAP Generic. We want to keep the LDAP sync as it is and only move archiving of the Exchange Online mailboxes to Microsoft 365 modern authentication.',
  requesterName: 'Kim Baker',
};

/** Polls `fn` until it returns something truthy (test/helpers/poll.ts: no wall-clock bet on the machine's speed). */
export async function waitFor<T>(fn: () => T | undefined | null | false, what = 'a condition'): Promise<T> {
  let v: T | undefined | null | false;
  await pollUntil(what, () => Boolean((v = fn())));
  return v as T;
}

export { FakeSlack, FakeZendesk };

export interface SlackWorld {
  slack: FakeSlack;
  zd: FakeZendesk;
  store: Store;
  s: SlackApp;
}

/** A fake Slack, a fake Zendesk, a store and the app for one describe block, torn down after it. */
export function useSlackWorld(open: () => Promise<Store>): SlackWorld {
  const w = {} as SlackWorld;
  beforeAll(async () => {
    w.slack = await new FakeSlack().start();
    w.zd = await new FakeZendesk().start();
    w.store = await open();
    w.s = await startSlackApp({ store: w.store, slack: w.slack, zd: w.zd });
  });
  afterAll(async () => {
    await w.s?.close();
    await w.store?.close();
    await w.slack?.stop();
    await w.zd?.stop();
  });
  return w;
}

