// The real app on an ephemeral port with the loopback Zendesk fake, review users, and drafts seeded the way the
// worker makes them (classify + renderReply on a ticket that exists in the fake).
import { createHash } from 'node:crypto';
import { hashSync } from '@node-rs/argon2';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { classify } from '../../src/classify/index.js';
import type { Thread } from '../../src/classify/types.js';
import { loadConfig } from '../../src/config.js';
import { renderReply } from '../../src/replies/index.js';
import { loadReviewConfig, type ReviewConfig } from '../../src/review/review-config.js';
import type { DraftRow, Store } from '../../src/store/types.js';
import { FakeZendesk, type FakeUser } from '../fakes/zendesk.js';
import { storeKinds } from '../store/helpers.js';

export const PASSWORDS = { anna: 'anna-password-1234', ben: 'ben-password-5678' } as const;
export const ANNA_ZENDESK_ID = 4242;
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

export interface ReviewApp {
  app: FastifyInstance;
  url: string;
  zd: FakeZendesk;
  store: Store;
  anna: FakeUser;
  customer: FakeUser;
  close(): Promise<void>;
}

export async function startReviewApp(o: { review?: ReviewConfig | null; env?: Record<string, string> } = {}): Promise<ReviewApp> {
  const zd = await new FakeZendesk().start();
  const anna = zd.addUser({ id: ANNA_ZENDESK_ID, name: 'Anna Agent', email: 'anna@example.com', role: 'agent' });
  const customer = zd.addUser({ name: 'Jana Kraus', email: 'jana@example.com', role: 'end-user' });
  const store = await openTestStore();
  const base = loadConfig({
    LOG_LEVEL: 'silent',
    ZENDESK_URL: zd.url,
    ZENDESK_EMAIL: zd.email,
    ZENDESK_API_TOKEN: zd.token,
    ZENDESK_TIMEOUT_MS: '2000',
    RECONCILE_INTERVAL_S: '0',
    ...o.env,
  });
  const config = o.review === null ? base : { ...base, review: o.review ?? reviewConfig() };
  const app = await buildApp({ config, store, background: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app, url, zd, store, anna, customer,
    async close() {
      await app.close();
      await store.close();
      await zd.stop();
    },
  };
}

/**
 * A ticket in the fake Zendesk and the pending draft the worker would have made for it. With `ticketId` the thread's
 * last comment is added to that ticket instead, and the new draft supersedes the ticket's pending one.
 */
export async function seedDraft(
  r: Pick<ReviewApp, 'store' | 'zd' | 'customer'>,
  thread: Thread,
  o: { now?: Date; ticketId?: number; state?: 'pending' | 'auto' } = {},
): Promise<DraftRow> {
  let ticket;
  if (o.ticketId !== undefined) {
    ticket = r.zd.mustTicket(o.ticketId);
    r.zd.addComment(ticket.id, r.customer, thread.comments?.at(-1)?.body ?? thread.body, true);
  } else {
    ticket = r.zd.addTicket({ subject: thread.subject, body: thread.body, requester: r.customer });
    for (const c of thread.comments ?? []) r.zd.addComment(ticket.id, r.customer, c.body, true);
  }
  const classification = classify(thread);
  if (classification.branch === 'off-topic') throw new Error(`seed ticket classified off-topic: ${thread.subject}`);
  const reply = renderReply({ branch: classification.branch, language: classification.slots.language, product: classification.slots.product, slots: classification.slots, ...(thread.requesterName ? { requesterName: thread.requesterName } : {}) }, 'markdown');
  const { draft } = await r.store.createDraft(
    {
      ticketId: String(ticket.id),
      ticketVersion: String(ticket.comments.at(-1)!.id),
      inputHash: createHash('sha256').update(JSON.stringify([thread, reply.templateId, reply.version])).digest('hex'),
      thread,
      classification,
      templateId: reply.templateId,
      templateVersion: reply.version,
      text: reply.text,
    },
    o.now ?? new Date(),
    o.state ?? 'pending',
  );
  return draft;
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
