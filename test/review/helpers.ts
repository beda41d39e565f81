// The real app on an ephemeral port with the loopback Zendesk fake and review users. Drafts come from the real path:
// the ticket is opened in the fake Zendesk, its "comment added" event is delivered to the app's webhook signed as
// Zendesk signs it, and the app's own worker reads the ticket back through the API and drafts it.
import { hashSync } from '@node-rs/argon2';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Thread } from '../../src/classify/types.js';
import { loadConfig } from '../../src/config.js';
import { isAutoSentDraft } from '../../src/drafts/record-label.js';
import { loadReviewConfig, type ReviewConfig } from '../../src/review/review-config.js';
import type { DraftRow, Store } from '../../src/store/types.js';
import { commentAdded } from '../fakes/zendesk-events.js';
import { FakeZendesk, type FakeComment, type FakeUser } from '../fakes/zendesk.js';
import { deliverWebhook, WEBHOOK_SECRET } from '../helpers/harness.js';
import { pollUntil, quiesce } from '../helpers/poll.js';
import { TEST_ZENDESK_TIMEOUT_MS } from '../helpers/timeouts.js';
import { storeKinds } from '../store/helpers.js';

export const PASSWORDS = { anna: 'anna-password-1234', ben: 'ben-password-5678' } as const;
export const ANNA_ZENDESK_ID = 4242;
/** The admin token of an app started with `autoSend` (unless the test gives its own ADMIN_TOKEN). */
export const REVIEW_ADMIN_TOKEN = 'review-tests-admin-token-0123456789';
const hashes = { anna: hashSync(PASSWORDS.anna), ben: hashSync(PASSWORDS.ben) };
// At module level: storeKinds() may register an afterAll (its "PostgreSQL left out" note), which a hook cannot do.
const pglite = storeKinds().find((k) => k.name === 'pglite')!;
export const openTestStore = (): Promise<Store> => pglite.open();

export function reviewConfig(env: Record<string, string> = {}): ReviewConfig {
  return loadReviewConfig({
    REVIEW_USERS: JSON.stringify([
      { login: 'anna', passwordHash: hashes.anna, zendeskUserId: String(ANNA_ZENDESK_ID) },
      { login: 'ben', passwordHash: hashes.ben },
    ]),
    REVIEW_SESSION_SECRET: 'review-session-secret-for-tests-only-0123456789',
    REVIEW_COOKIE_SECURE: 'false',
    ...env,
  });
}

/**
 * The app's clock: the wall clock, or, while `during` runs, the wall clock moved so that it read `at` when `during`
 * started (time keeps passing from there). Drafts "made two weeks ago" are made by the worker at that time.
 */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  async during<T>(at: Date | undefined, fn: () => Promise<T>): Promise<T> {
    if (!at) return fn();
    this.offsetMs = at.getTime() - Date.now();
    try {
      return await fn();
    } finally {
      this.offsetMs = 0;
    }
  }
}

export interface ReviewApp {
  app: FastifyInstance;
  url: string;
  zd: FakeZendesk;
  store: Store;
  anna: FakeUser;
  customer: FakeUser;
  clock: TestClock;
  /** AUTO_SEND=on, with the admin's kill switch thrown except while a draft is made with `state: 'auto'`. */
  autoSend: boolean;
  adminToken: string | null;
  close(): Promise<void>;
}

export interface ReviewAppOptions {
  review?: ReviewConfig | null;
  env?: Record<string, string>;
  /** The webhook's signing secret is set (default): Zendesk can send events, and drafts can be made. */
  webhook?: boolean;
  /**
   * AUTO_SEND=on (with AUTO_SEND_UNEARNED=allow, as the README allows for tests) so `draftFromWebhook(…, { state:
   * 'auto' })` can go through the real auto-send path. The kill switch is thrown at start (POST /admin/auto-send), so
   * every other draft still waits for an agent.
   */
  autoSend?: boolean;
  /** Zendesk not configured at all (no API, no webhook), e.g. after a restart without the settings. */
  zendesk?: boolean;
  /** A store to use (and leave open on close) instead of a fresh one. */
  store?: Store;
}

export async function startReviewApp(o: ReviewAppOptions = {}): Promise<ReviewApp> {
  const zd = await new FakeZendesk().start();
  const anna = zd.addUser({ id: ANNA_ZENDESK_ID, name: 'Anna Agent', email: 'anna@example.com', role: 'agent' });
  const customer = zd.addUser({ name: 'Jana Kraus', email: 'jana@example.com', role: 'end-user' });
  const store = o.store ?? (await openTestStore());
  const zendesk = o.zendesk !== false;
  const autoSend = o.autoSend === true;
  const adminToken = o.env?.ADMIN_TOKEN ?? (autoSend ? REVIEW_ADMIN_TOKEN : null);
  const base = loadConfig({
    LOG_LEVEL: 'silent',
    ...(zendesk ? { ZENDESK_URL: zd.url, ZENDESK_EMAIL: zd.email, ZENDESK_API_TOKEN: zd.token } : {}),
    ...(zendesk && o.webhook !== false ? { ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET } : {}),
    ZENDESK_TIMEOUT_MS: String(TEST_ZENDESK_TIMEOUT_MS),
    RECONCILE_INTERVAL_S: '0',
    // Off, as in test/helpers/harness.ts: a loaded test machine lags, and the guard would refuse our own deliveries.
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    // The test clock stands still, so Try it's budget for all visitors would never refill: out of the way here;
    // try-it-limits.test.ts sets its own and moves the clock.
    TRY_IT_READINGS_PER_SECOND: '1000',
    // At nice 19 the worker gets almost no CPU beside a busy process at nice 0 (by design: the webhook first), and a
    // loaded test machine is such a neighbour: the page's readings would wait minutes. Priority is not under test.
    TRY_IT_NICE: '0',
    ...(autoSend ? { AUTO_SEND: 'on', AUTO_SEND_UNEARNED: 'allow' } : {}),
    ...(adminToken ? { ADMIN_TOKEN: adminToken } : {}),
    ...o.env,
  });
  const config = o.review === null ? base : { ...base, review: o.review ?? reviewConfig() };
  const clock = new TestClock();
  const app = await buildApp({ config, store, background: false, now: clock.now });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const r: ReviewApp = {
    app, url, zd, store, anna, customer, clock, autoSend, adminToken,
    async close() {
      await app.close();
      if (!o.store) await store.close();
      await zd.stop();
    },
  };
  if (autoSend) await setAutoSend(r, false);
  return r;
}

/** The admin's switch (POST /admin/auto-send), the one way auto-send is turned off and on again at run time. */
export async function setAutoSend(r: Pick<ReviewApp, 'url' | 'adminToken'>, enabled: boolean): Promise<void> {
  const res = await fetch(`${r.url}/admin/auto-send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${r.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled }),
  });
  if (res.status !== 200) throw new Error(`POST /admin/auto-send answered ${res.status}: ${await res.text()}`);
}

export interface DraftOptions {
  /** When the customer wrote: the app's clock reads this while the worker drafts it (default: now). */
  now?: Date;
  /** A follow-up on this ticket: the thread's comments the ticket does not have yet are added to it. */
  ticketId?: number;
  /** `auto`: drafted with auto-send on (the ticket must be in the auto-send band); default `pending`. */
  state?: 'pending' | 'auto';
  /**
   * Run the outbox afterwards until nothing is left (default), so the note, the tags and an auto-sent reply reach
   * the fake Zendesk and a test's later drain sends only what the test did. `false` leaves them queued: the moment
   * right after the worker drafted, before Zendesk has anything.
   */
  outbox?: boolean;
}

/** The customer's and agents' public comments on a fake ticket, oldest first (our notes and replies left out). */
const peopleComments = (zd: FakeZendesk, ticketId: number): FakeComment[] => zd.stored(ticketId).filter((c) => c.public && c.author_id !== zd.bot.id);

/**
 * The draft the real worker makes for `thread`: the customer (Jana Kraus) opens a ticket with the thread's subject
 * and body in the fake Zendesk and its comments follow (agent comments by Anna); with `ticketId`, only the comments
 * the ticket lacks are added to it. Zendesk's "comment added" event for the newest comment is delivered to the
 * webhook, signed; the worker runs until it has drafted that statement. Fails, saying why, if the worker made no
 * draft (off-topic, answered by an agent) or not in the state asked for.
 */
export async function draftFromWebhook(r: ReviewApp, thread: Thread, o: DraftOptions = {}): Promise<DraftRow> {
  const state = o.state ?? 'pending';
  if (state === 'auto' && !r.autoSend) throw new Error("state 'auto' needs the real auto-send path: start the app with startReviewApp({ autoSend: true })");
  let ticketId: number;
  const comments = thread.comments ?? [];
  let added: FakeComment[];
  if (o.ticketId !== undefined) {
    ticketId = o.ticketId;
    // The ticket holds the body and the first comments already; the rest of the thread is what the customer (and
    // an agent) wrote since.
    const have = peopleComments(r.zd, ticketId).length - 1;
    added = comments.slice(have).map((c) => r.zd.addComment(ticketId, c.author === 'agent' ? r.anna : r.customer, c.body, true));
    if (!added.length) throw new Error(`the thread adds no comment to ticket ${ticketId}`);
  } else {
    const ticket = r.zd.addTicket({ subject: thread.subject, body: thread.body, requester: r.customer });
    ticketId = ticket.id;
    added = [ticket.comments[0]!, ...comments.map((c) => r.zd.addComment(ticketId, c.author === 'agent' ? r.anna : r.customer, c.body, true))];
  }
  const newest = added.at(-1)!;
  const statement = [...peopleComments(r.zd, ticketId)].reverse().find((c) => c.author_id === r.customer.id)!;
  const drafted = async () => {
    const d = await r.store.latestDraft(String(ticketId));
    return d && d.ticketVersion === String(statement.id) ? d : null;
  };

  return r.clock.during(o.now, async () => {
    if (state === 'auto') await setAutoSend(r, true);
    try {
      const timestamp = r.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
      const res = await deliverWebhook(r.url, commentAdded(ticketId, newest.id, newest.author_id), { timestamp });
      if (res.status !== 200) throw new Error(`the webhook answered ${res.status}: ${JSON.stringify(res.json)}`);
      // The worker alone (no outbox yet): until it drafted the statement, or handled the event without a draft.
      const handled = async () => (await r.store.countEvents('pending')) + (await r.store.countEvents('processing')) === 0;
      await pollUntil(`the worker to draft ticket ${ticketId}`, async () => (await drafted()) !== null || (await handled()), {
        between: () => r.app.m365.pollers.events!.runOnce(),
      });
    } finally {
      if (state === 'auto') await setAutoSend(r, false);
    }
    if (o.outbox !== false) await quiesce(r.app);
    const draft = await drafted();
    if (!draft) throw new Error(`the worker made no draft for ticket ${ticketId} ("${thread.subject}"): off-topic, or answered by an agent?`);
    const auto = isAutoSentDraft(draft);
    if (auto !== (state === 'auto')) throw new Error(`draft #${draft.id} is ${draft.state}, not ${state}${state === 'auto' ? ': the ticket is not in the auto-send band' : ''}`);
    return draft;
  });
}

/** A tiny browser for app.inject: keeps cookies, reads the CSRF token from the last page. */
export class Client {
  private cookies = new Map<string, string>();
  last: LightMyRequestResponse | null = null;
  /** `from`: the client's address and, behind a proxy, the X-Forwarded-For it sends. */
  constructor(
    private app: FastifyInstance,
    private from: { remoteAddress?: string; forwardedFor?: string } = {},
  ) {}
  /** The same browser, its cookies kept, on another process behind the same proxy (same site): TRY_IT=only. */
  at(app: FastifyInstance): this {
    this.app = app;
    return this;
  }
  private get extra() {
    return {
      ...(this.from.remoteAddress ? { remoteAddress: this.from.remoteAddress } : {}),
      headers: this.from.forwardedFor ? { 'x-forwarded-for': this.from.forwardedFor } : {},
    };
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now()) || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    this.last = res;
    return res;
  }
  private get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string) {
    const { headers, ...rest } = this.extra;
    return this.keep(await this.app.inject({ method: 'GET', url, ...rest, headers: { ...headers, cookie: this.cookieHeader } }));
  }
  async post(url: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    const { headers, ...rest } = this.extra;
    return this.keep(
      await this.app.inject({ method: 'POST', url, ...rest, headers: { ...headers, cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() }),
    );
  }
  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.last?.body ?? '');
    if (!m) throw new Error('no CSRF token on the last page');
    return m[1]!;
  }
  async login(login: string, password: string) {
    await this.get('/login');
    return this.post('/login', { _csrf: this.csrf(), login, password });
  }
}
