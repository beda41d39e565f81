// /healthz and /readyz as an orchestrator sees them: health is "the process answers"; readiness is "this instance
// can do its work" — store reachable, schema current, outbox senders keeping up. Waiting out a Zendesk outage is
// not "not ready" (pulling every instance out would make the webhook fail too).
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openPglite } from '../../src/store/sql-pglite.js';
import { createStore } from '../../src/store/store.js';
import type { Store } from '../../src/store/types.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() - n * 60_000);

let app: FastifyInstance | null = null;
let store: Store | null = null;

async function boot(): Promise<FastifyInstance> {
  store = createStore(await openPglite(null));
  await migrate(store.sql);
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), store, now: () => NOW, background: false });
  return app;
}

afterEach(async () => {
  await app?.close();
  await store?.close().catch(() => undefined);
  app = store = null;
});

const get = async (a: FastifyInstance, url: string) => {
  const r = await a.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.body };
};

describe('health and readiness', () => {
  it('is healthy and ready on a fresh store, at the schema version this code expects', async () => {
    const a = await boot();
    expect(await get(a, '/healthz')).toEqual({ status: 200, body: { ok: true } });
    const ready = await get(a, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ok: true, migrations: MIGRATIONS.at(-1)!.version, outbox: { pending: 0, dead: 0, oldestDueWaitMs: null } });
  });

  it('stays ready while rows wait an hour for their retry (Zendesk down), and shows their age on /metrics', async () => {
    const a = await boot();
    // Created an hour ago, failed since, next attempt in the future: the sender is doing its job.
    await store!.enqueue({ idempotencyKey: 'note:1', kind: 'zendesk.note', ticketId: '1', payload: {}, notBefore: new Date(NOW.getTime() + 60_000) }, minutes(60));
    expect((await get(a, '/readyz')).status).toBe(200);
    expect(String((await get(a, '/metrics')).body)).toMatch(/^m365_outbox_oldest_age_seconds 3600$/m);
  });

  it('is not ready when a due row has waited 15+ minutes for a sender, naming the reason; health stays 200', async () => {
    const a = await boot();
    await store!.enqueue({ idempotencyKey: 'note:2', kind: 'zendesk.note', ticketId: '2', payload: {}, notBefore: minutes(20) }, minutes(20));
    const ready = await get(a, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.reason).toMatch(/outbox stuck: a due row has waited 1200 s/);
    expect((await get(a, '/healthz')).status).toBe(200);
    expect(String((await get(a, '/metrics')).body)).toMatch(/^m365_outbox_oldest_due_wait_seconds 1200$/m);
  });

  it('is not ready when the store cannot be reached, and says so; health stays 200', async () => {
    const a = await boot();
    await store!.close();
    const ready = await get(a, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.reason).toMatch(/^store unreachable/);
    expect((await get(a, '/healthz')).status).toBe(200);
    // The counters are still scraped without the store.
    expect((await get(a, '/metrics')).status).toBe(200);
  });

  it('is not ready when the schema is older than this code (e.g. a restored backup)', async () => {
    const a = await boot();
    await store!.sql.query('DELETE FROM schema_migrations');
    const ready = await get(a, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.reason).toMatch(/database schema is at migration 0, this version needs \d+/);
  });
});
