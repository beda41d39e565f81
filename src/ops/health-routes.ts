// /healthz: the process answers. /readyz: the store answers, migrations ran and the outbox is not stuck (see
// readiness.ts). /metrics: Prometheus text; the gauges that describe shared state (outbox, events) are read from
// the store at scrape time, so every instance reports the same numbers for them.
// All three stay outside the overload guard so an orchestrator never kills a busy-but-healthy instance.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types.js';
import type { AppMetrics } from './metrics.js';
import { updateReadingGauges } from './reading-metrics.js';
import type { Problems } from './problems.js';
import { EXPECTED_MIGRATION, migrationVersion, oldestDueWaitMs, readiness } from './readiness.js';

export { STUCK_OUTBOX_MS } from './readiness.js';

export async function healthRoutes(
  app: FastifyInstance,
  o: {
    store: Store;
    now: () => Date;
    metrics: AppMetrics;
    problems?: Problems;
    isClosing: () => boolean;
    autoSendSetting?: boolean;
    details?: () => Record<string, unknown>;
  },
): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_req, reply) => {
    if (o.isClosing()) return reply.code(503).send({ ok: false, reason: 'shutting down' });
    try {
      const now = o.now();
      const migration = await migrationVersion(o.store.sql);
      const stats = await o.store.outboxStats(now);
      const dueWaitMs = await oldestDueWaitMs(o.store.sql, now);
      const verdict = readiness({ migration, dueWaitMs });
      // details: what integrations can and cannot do (e.g. the Zendesk API user is no admin). Informative only.
      // Configuration problems are detail, not unreadiness: every instance has them alike, and taking all out of the
      // load balancer would make Zendesk's webhook fail too.
      const problems = o.problems?.list() ?? [];
      const body = { ok: verdict.ok, migrations: migration, migrationsExpected: EXPECTED_MIGRATION, outbox: { ...stats, oldestDueWaitMs: dueWaitMs }, problems, ...(o.details?.() ?? {}), ...(verdict.ok ? {} : { reason: verdict.reason }) };
      return reply.code(verdict.ok ? 200 : 503).send(body);
    } catch (err) {
      return reply.code(503).send({ ok: false, reason: `store unreachable: ${(err as Error).message}` });
    }
  });

  app.get('/metrics', async (_req, reply) => {
    o.metrics.setConfigProblems(o.problems?.list() ?? []);
    try {
      const now = o.now();
      const stats = await o.store.outboxStats(now);
      o.metrics.setGauge('outbox_depth', stats.pending, { state: 'pending' });
      o.metrics.setGauge('outbox_depth', stats.claimed, { state: 'claimed' });
      o.metrics.setGauge('outbox_depth', stats.dead, { state: 'dead' });
      o.metrics.setGauge('outbox_oldest_age_seconds', (stats.oldestPendingAgeMs ?? 0) / 1000);
      o.metrics.setGauge('outbox_oldest_due_wait_seconds', ((await oldestDueWaitMs(o.store.sql, now)) ?? 0) / 1000);
      o.metrics.setGauge('events_pending', await o.store.countEvents('pending'));
      o.metrics.setGauge('events_processing', await o.store.countEvents('processing'));
      o.metrics.setGauge('events_failed', await o.store.countEvents('failed'));
      await updateReadingGauges(o.store, o.metrics, o.autoSendSetting ?? false, now);
    } catch {
      // The scrape still shows the counters when the store is down; /readyz reports the store.
    }
    return reply.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });
}
