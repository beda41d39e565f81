// Builds the real app (buildApp, listening on 127.0.0.1:0) against a fake Slack Web API and a fake Zendesk, and
// sends it requests signed the way Slack signs them (HMAC computed here with node:crypto, not with the code under
// test). A controllable clock drives signatures, the outbox and the pacer alike.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { classify } from '../../src/classify/index.js';
import type { Thread } from '../../src/classify/types.js';
import { loadConfig } from '../../src/config.js';
import { renderReply } from '../../src/replies/index.js';
import type { DraftRow, Store } from '../../src/store/types.js';
import { FakeSlack } from '../fakes/slack.js';
import { FakeZendesk } from '../fakes/zendesk.js';
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
    ...(zd ? { ZENDESK_URL: zd.url, ZENDESK_EMAIL: zd.email, ZENDESK_API_TOKEN: zd.token, ZENDESK_TIMEOUT_MS: '10000' } : {}),
    ...opts.env,
  });
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

let version = 0;

/**
 * A draft as the worker stores it: the real classifier and templates on the thread, and the draft hooks in the
 * same transaction. `text` replaces the rendered reply (e.g. an over-long one). `ticketVersion` is the id of the
 * customer comment the draft answers: give it when the ticket exists in the fake Zendesk and the draft is to be
 * posted (the sender posts nothing the customer has overtaken).
 */
export async function makeDraft(app: FastifyInstance, ticketId: string, thread: Thread, opts: { text?: string; ticketVersion?: string } = {}): Promise<DraftRow> {
  const c = classify(thread);
  // The worker drafts nothing for an off-topic ticket; a test thread that reads off-topic is a broken test, not a
  // full-guide draft (this used to turn it into one silently).
  if (c.branch === 'off-topic') throw new Error(`makeDraft: "${thread.subject}" classifies off-topic; the worker would not draft it`);
  const branch = c.branch;
  const reply = renderReply(
    { branch, language: c.slots.language, product: c.slots.product, slots: c.slots, ...(thread.requesterName ? { requesterName: thread.requesterName } : {}) },
    'markdown',
  );
  const n = ++version;
  return app.m365.store.withTx(async (tx) => {
    const { draft } = await tx.createDraft(
      {
        ticketId,
        ticketVersion: opts.ticketVersion ?? String(n),
        inputHash: createHash('sha256').update(`${ticketId}:${n}:${thread.body}`).digest('hex'),
        thread,
        classification: { ...c, branch },
        templateId: reply.templateId,
        templateVersion: reply.version,
        text: opts.text ?? reply.text,
      },
      app.m365.now(),
    );
    for (const hook of app.m365.onDraftCreated) await hook(draft, tx);
    return draft;
  });
}

export const LDAP_KEEP: Thread = {
  subject: 'Modern authentication for archiving',
  body: 'Hello, our MailStore Server syncs users with LDAP Generic. We want to keep the LDAP sync as it is and only move archiving of the Exchange Online mailboxes to Microsoft 365 modern authentication.',
  requesterName: 'Kim Baker',
};

export async function waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
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

