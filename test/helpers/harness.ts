// Builds the real app on an ephemeral port against a loopback fake Zendesk, and delivers webhooks signed the way
// Zendesk signs them (computed here with node:crypto, independent of the code under test).
import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/store/types.js';
import { FakeZendesk } from '../fakes/zendesk.js';
import { TEST_ZENDESK_TIMEOUT_MS } from './timeouts.js';

export const WEBHOOK_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';

export interface Harness {
  zd: FakeZendesk;
  app: FastifyInstance;
  url: string;
  store: Store;
  deliver(body: unknown, opts?: DeliverOptions): Promise<{ status: number; json: any }>;
  /** Runs the worker and outbox until `done()` holds (or fails after timeoutMs). */
  settle(done: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface DeliverOptions {
  invocationId?: string | null;
  secret?: string;
  timestamp?: string;
  signature?: string | null;
  raw?: string | Buffer;
  contentType?: string;
}

export function sign(secret: string, timestamp: string, raw: Buffer): string {
  return createHmac('sha256', secret).update(timestamp + raw.toString('binary'), 'binary').digest('base64');
}

/**
 * One webhook delivery to the app at `url`, with the headers Zendesk sends and the signature computed here
 * (https://developer.zendesk.com/documentation/webhooks/verifying/). `timestamp` defaults to the wall clock.
 */
export async function deliverWebhook(url: string, body: unknown, d: DeliverOptions = {}): Promise<{ status: number; json: any }> {
  const raw = d.raw !== undefined ? Buffer.from(d.raw) : Buffer.from(JSON.stringify(body));
  const timestamp = d.timestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const headers: Record<string, string> = { 'content-type': d.contentType ?? 'application/json', 'x-zendesk-webhook-id': '01TESTWEBHOOK', 'x-zendesk-webhook-signature-timestamp': timestamp };
  const invocation = d.invocationId === undefined ? randomUUID() : d.invocationId;
  if (invocation) headers['x-zendesk-webhook-invocation-id'] = invocation;
  const signature = d.signature === undefined ? sign(d.secret ?? WEBHOOK_SECRET, timestamp, raw) : d.signature;
  if (signature) headers['x-zendesk-webhook-signature'] = signature;
  const res = await fetch(`${url}/webhooks/zendesk`, { method: 'POST', headers, body: raw });
  return { status: res.status, json: await res.json().catch(() => null) };
}

export async function startHarness(opts: { store: Store; zd?: FakeZendesk; env?: Record<string, string>; background?: boolean; workerId?: string }): Promise<Harness> {
  const zd = opts.zd ?? (await new FakeZendesk().start());
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ZENDESK_URL: zd.url,
    ZENDESK_EMAIL: zd.email,
    ZENDESK_API_TOKEN: zd.token,
    ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ZENDESK_TIMEOUT_MS: String(TEST_ZENDESK_TIMEOUT_MS),
    RECONCILE_INTERVAL_S: '0',
    WORKER_POLL_MS: '20',
    // Off: on a loaded test machine the event loop of this very process lags for seconds (PGlite, classify) and the
    // guard would answer 503 to the test's own deliveries. The overload test turns it on with its own limit.
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...opts.env,
  });
  const app = await buildApp({ config, store: opts.store, background: opts.background ?? false, ...(opts.workerId ? { workerId: opts.workerId } : {}) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    zd,
    app,
    url,
    store: opts.store,
    deliver: (body, d = {}) => deliverWebhook(url, body, d),
    async settle(done, timeoutMs = 25_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        await app.m365.drain();
        if (await done()) return;
        await new Promise((r) => setTimeout(r, 40));
      }
      throw new Error('condition not reached in time');
    },
    async close() {
      await app.close();
      if (!opts.zd) await zd.stop();
    },
  };
}

export { commentAdded, eventForAudit, tagsChanged } from '../fakes/zendesk-events.js';
