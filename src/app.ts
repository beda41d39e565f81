// The app as a Fastify plugin: what tests build and what server.ts listens with. It owns the store, the
// background loops (events, outbox, reconcile) and every route; integrations without their secrets stay off.
import { randomUUID } from 'node:crypto';
import type { ServerOptions } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config.js';
import { errorBody } from './errors.js';
import { logController, loggerOptions } from './logger.js';
import { adminRoutes, autoSendKilled } from './ops/admin-routes.js';
import { doctorRoutes } from './ops/doctor/doctor-routes.js';
import { watchZendeskWebhook } from './ops/doctor/webhook-watch.js';
import { healthRoutes } from './ops/health-routes.js';
import { createMetrics, type AppMetrics } from './ops/metrics.js';
import { createOverloadGuard, type OverloadGuard } from './ops/overload.js';
import { createPoller, type Poller } from './ops/poller.js';
import { purgeExpiredLabelText, PURGE_INTERVAL_MS } from './labels/retention.js';
import { Problems } from './ops/problems.js';
import { openStore } from './store/open-store.js';
import { createOutboxSender, type OutboxHandler } from './store/outbox-sender.js';
import type { DraftRow, OutboxKind, Store } from './store/types.js';
import { createApiUserState, type ApiUserState } from './zendesk/api-user-state.js';
import { ZendeskClient } from './zendesk/client.js';
import type { WorkerContext } from './zendesk/context.js';
import { createEventRunner } from './zendesk/event-runner.js';
import { createReconciler } from './zendesk/reconcile.js';
import { sendZendeskRow } from './zendesk/send.js';
import { zendeskWebhookRoutes } from './zendesk/webhook-route.js';
import { slackPlugin } from './slack/plugin.js';
import { reviewPlugin } from './review/plugin.js';
import { zendeskAppPlugin } from './zendesk-app/plugin.js';
import { tryItApp } from './try-it-app.js';

export interface AppOptions {
  config: Config;
  /** A store the caller owns (tests); otherwise the app opens one from the config and closes it. */
  store?: Store;
  now?: () => Date;
  workerId?: string;
  /** Start the background loops when the server is ready (default true). Tests may drive them with drain(). */
  background?: boolean;
}

export interface Runtime {
  config: Config;
  store: Store;
  metrics: AppMetrics;
  workerId: string;
  now: () => Date;
  zendesk: ZendeskClient | null;
  /** The Zendesk API user's role and what it allows (null with the Zendesk API off). */
  apiUser: ApiUserState | null;
  worker: WorkerContext | null;
  pollers: Record<string, Poller>;
  outboxHandlers: Partial<Record<OutboxKind, OutboxHandler>>;
  onDraftCreated: WorkerContext['onDraftCreated'];
  onDraftDecided: WorkerContext['onDraftDecided'];
  overload: OverloadGuard;
  /** Configuration problems found while working (bot not in the channel, missing scope…): /readyz and /metrics. */
  problems: Problems;
  closing: boolean;
  /** Runs the event and outbox loops until there is nothing left that is due (tests, benchmarks). */
  drain(maxRounds?: number): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    m365: Runtime;
  }
}

async function appPlugin(app: FastifyInstance, opts: AppOptions): Promise<void> {
  const { config } = opts;
  const now = opts.now ?? (() => new Date());
  const workerId = opts.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const ownsStore = !opts.store;
  const store = opts.store ?? (await openStore({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir }));
  const metrics = createMetrics();

  const zendesk = config.zendesk.api
    ? new ZendeskClient({
        ...config.zendesk.api,
        onCall: ({ method, route, status, ms }) => metrics.observe('zendesk_call_seconds', ms / 1000, { method, route, status: String(status ?? 'none') }),
      })
    : null;
  const onDraftCreated: Runtime['onDraftCreated'] = [];
  const onDraftDecided: Runtime['onDraftDecided'] = [];
  const apiUser = zendesk ? createApiUserState(zendesk, config, app.log) : null;
  const worker: WorkerContext | null = zendesk && apiUser
    ? { config, store, zendesk, log: app.log, now, metrics, onDraftCreated, onDraftDecided, autoSendKilled: () => autoSendKilled(store), apiUser: () => apiUser.get() }
    : null;

  const outboxHandlers: Runtime['outboxHandlers'] = {};
  if (worker) {
    for (const kind of ['zendesk.note', 'zendesk.public_reply', 'zendesk.tags'] as const) outboxHandlers[kind] = (row) => sendZendeskRow(worker, row);
  }
  const pollers: Record<string, Poller> = {};
  const outbox = createOutboxSender({ store, worker: workerId, handlers: outboxHandlers, maxAttempts: config.outboxMaxAttempts, leaseMs: config.workerLeaseMs, now, log: app.log, metrics, stopping: () => runtime.closing });
  pollers.outbox = createPoller({ name: 'outbox', intervalMs: config.workerPollMs, tick: outbox.tick, log: app.log });
  if (worker) {
    const eventRunner = createEventRunner(worker, workerId, config.workerLeaseMs, () => runtime.closing);
    pollers.events = createPoller({ name: 'events', intervalMs: config.workerPollMs, tick: async () => {
        const n = await eventRunner.tick();
        // A new draft's note should not wait for the outbox's next poll.
        if (n > 0) pollers.outbox!.wake();
        return n;
      }, log: app.log });
    if (config.zendesk.reconcileIntervalS > 0) {
      pollers.reconcile = createPoller({ name: 'reconcile', intervalMs: config.zendesk.reconcileIntervalS * 1000, tick: createReconciler(worker, apiUser!).tick, log: app.log });
    }
  }

  pollers.labels = createPoller({
    name: 'label-retention',
    intervalMs: PURGE_INTERVAL_MS,
    tick: async () => {
      await purgeExpiredLabelText(store, config.labels.retentionDays, now());
      return 0; // one pass purges everything due; the next one is an interval away
    },
    log: app.log,
  });

  const overload = createOverloadGuard(config.overload);
  const runtime: Runtime = {
    config, store, metrics, workerId, now, zendesk, apiUser, worker, pollers, outboxHandlers, onDraftCreated, onDraftDecided, overload, problems: new Problems(), closing: false,
    async drain(maxRounds = 50) {
      for (let i = 0; i < maxRounds; i++) {
        const handled = (await (pollers.events?.runOnce() ?? 0)) + (await pollers.outbox!.runOnce());
        if (handled === 0) return;
      }
    },
  };
  app.decorate('m365', runtime);

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('payload_too_large', 'The body is larger than this endpoint accepts.'));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(errorBody('unsupported_media_type', 'This endpoint does not accept that content type (Zendesk webhooks send application/json, Slack sends form data).'));
    if (status >= 400 && status < 500) return reply.code(status).send(errorBody('payload_invalid', err.message));
    req.log.error({ err: err.message }, 'request failed');
    return reply.code(500).send(errorBody('internal_error', 'Something went wrong on our side; the request can be retried.'));
  });

  // Before the webhook route is registered, so its hook sees every delivery (for `doctor`).
  const webhookWatch = watchZendeskWebhook(app, now);
  await app.register(healthRoutes, {
    store, now, metrics, problems: runtime.problems, isClosing: () => runtime.closing, autoSendSetting: config.autoSend,
    details: () => (apiUser ? { zendesk: apiUser.detail() } : {}),
  });
  await app.register(adminRoutes, { store, token: config.adminToken, now, wakeOutbox: () => pollers.outbox!.wake(), autoSendSetting: config.autoSend });
  await app.register(doctorRoutes, { config, watch: webhookWatch });
  await app.register(zendeskWebhookRoutes, {
    secrets: config.zendesk.webhookSecrets,
    store,
    now,
    metrics,
    overload,
    notify: () => {
      if (pollers.events?.running) void pollers.events.runOnce().catch(() => 0);
    },
  });

  // Each integration registers its own routes, outbox handlers and draft hooks on app.m365.
  await app.register(slackPlugin);
  await app.register(reviewPlugin, { config, store, now });
  await app.register(zendeskAppPlugin);

  app.addHook('onReady', async () => {
    // Not awaited: a Zendesk outage must not delay the webhook; the first worker call reads it again if this failed.
    apiUser?.get().catch((err: Error) => app.log.warn({ err: err.message }, 'zendesk: could not read the API user at boot; will try again'));
    if (opts.background === false) return;
    for (const p of Object.values(pollers)) p.start();
  });
  app.addHook('preClose', async () => {
    runtime.closing = true;
  });
  app.addHook('onClose', async () => {
    overload.stop();
    await Promise.all(Object.values(pollers).map((p) => p.stop()));
    const released = await store.releaseClaims(workerId).catch(() => 0);
    if (released) app.log.info({ released }, 'released claimed outbox rows for other instances');
    if (ownsStore) await store.close();
  });
}

export const app = fp(appPlugin, { name: 'm365-guide', fastify: '5.x' });

/** Trust the nearest `n` proxies (what Fastify does for a number; its types take the function form). */
const hops = (n: number) => (_address: string, hop: number) => hop < n;

export async function buildApp(
  opts: AppOptions,
  fastifyOpts: FastifyServerOptions & { http?: ServerOptions } = {},
  prettyLogs = false,
): Promise<FastifyInstance> {
  const instance = Fastify({
    logger: loggerOptions(opts.config.logLevel, prettyLogs),
    // req.ip is the client's address behind a reverse proxy only when the proxy is trusted (TRUST_PROXY).
    trustProxy: typeof opts.config.trustProxy === 'number' ? hops(opts.config.trustProxy) : opts.config.trustProxy,
    logController: logController(),
    // Fastify's default would trust a client-sent id; ours are generated.
    genReqId: () => randomUUID(),
    // Opening and migrating embedded storage can exceed Fastify's 10 s default on a loaded machine.
    pluginTimeout: 120_000,
    ...fastifyOpts,
  });
  // TRY_IT=only: this process serves Try it and nothing else (try-it-app.ts).
  await instance.register(opts.config.tryIt === 'only' ? tryItApp : app, opts);
  return instance;
}
