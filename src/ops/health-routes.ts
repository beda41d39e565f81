// /healthz: the process answers. /readyz: the store answers, migrations ran and the outbox is not stuck.
// Both stay outside the overload guard so an orchestrator never kills a busy-but-healthy instance.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types.js';
import type { AppMetrics } from './metrics.js';

export const STUCK_OUTBOX_MS = 15 * 60_000;

export async function healthRoutes(app: FastifyInstance, o: { store: Store; now: () => Date; metrics: AppMetrics; isClosing: () => boolean }): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }));

  app.get('/readyz', async (_req, reply) => {
    if (o.isClosing()) return reply.code(503).send({ ok: false, reason: 'shutting down' });
    try {
      const [row] = await o.store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      const stats = await o.store.outboxStats(o.now());
      const stuck = stats.oldestPendingAgeMs !== null && stats.oldestPendingAgeMs > STUCK_OUTBOX_MS;
      const body = { ok: !stuck, migrations: row?.n ?? 0, outbox: stats, ...(stuck ? { reason: 'outbox stuck' } : {}) };
      return reply.code(stuck ? 503 : 200).send(body);
    } catch (err) {
      return reply.code(503).send({ ok: false, reason: `store unreachable: ${(err as Error).message}` });
    }
  });

  app.get('/metrics', async (_req, reply) => {
    try {
      const stats = await o.store.outboxStats(o.now());
      o.metrics.setGauge('outbox_depth', stats.pending, { state: 'pending' });
      o.metrics.setGauge('outbox_depth', stats.claimed, { state: 'claimed' });
      o.metrics.setGauge('outbox_depth', stats.dead, { state: 'dead' });
      o.metrics.setGauge('outbox_oldest_age_seconds', (stats.oldestPendingAgeMs ?? 0) / 1000);
      o.metrics.setGauge('events_pending', await o.store.countEvents('pending'));
    } catch {
      // The scrape still shows the counters when the store is down; /readyz reports the store.
    }
    return reply.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });
}
