// The PostgreSQL adapter (src/store/sql-postgres.ts) as production meets it: DATABASE_URL alone, a server that ends
// every connection (a restart), and a database that is unreachable while deliveries arrive. The last one goes
// through a loopback TCP proxy in front of the test server, so the test decides when the database is gone.
// Group commit (README "How it works"): deliveries that arrive together share one INSERT; a lost database fails the
// whole batch at once (src/store/connection-loss.ts), and the next delivery after it is back is stored.
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { TEST_DATABASE_URL, describePostgres, dropSchema, randomSchema } from './helpers.js';
import { T0, newEvent } from './fixtures.js';
import { pollUntil } from '../helpers/poll.js';

/** The test server's URL with libpq-style options: a search_path and an application_name to find our backends by. */
function urlWith(base: string, o: { schema: string; app: string; port?: number }): string {
  const u = new URL(base);
  if (o.port !== undefined) u.port = String(o.port);
  u.searchParams.set('options', `-c search_path=${o.schema}`);
  u.searchParams.set('application_name', o.app);
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL! });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const backends = (app: string) =>
  admin(async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [app])).rows[0]!.n);

/** A loopback proxy to the test server: `pass` forwards, `reset` accepts and drops every connection, `refuse` stops listening. */
class DbProxy {
  accepted = 0;
  mode: 'pass' | 'reset' = 'pass';
  port = 0;
  private readonly live = new Set<Socket>();
  private server: Server | null = null;
  constructor(private readonly target: URL) {}

  async listen(port = 0): Promise<void> {
    this.server = createServer((client) => {
      this.accepted++;
      if (this.mode === 'reset') return void client.destroy();
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      for (const s of [client, upstream]) {
        this.live.add(s);
        s.on('close', () => this.live.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as { port: number }).port;
  }
  /** Every open connection is cut, as when the database host goes away. */
  cut(): void {
    for (const s of this.live) s.destroy();
  }
  async refuse(): Promise<void> {
    this.cut();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = null;
  }
  async close(): Promise<void> {
    this.cut();
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

describePostgres('PostgreSQL as production opens it', () => {
  it('DATABASE_URL alone (no schema option of ours): migrates and stores; closing twice is harmless', async () => {
    const schema = randomSchema();
    await admin((c) => c.query(`CREATE SCHEMA "${schema}"`));
    try {
      const store = await openStore({ databaseUrl: urlWith(TEST_DATABASE_URL!, { schema, app: `m365_${schema}` }), dataDir: '/nonexistent/never-used' });
      expect(await store.insertEvent(newEvent('inv-url-1'), T0)).toBe(true);
      expect(await store.insertEvent(newEvent('inv-url-1'), T0)).toBe(false);
      await store.close();
      await store.close();
      // The tables are in the URL's schema, not in public.
      const tables = await admin(async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'events'`, [schema])).rows[0]!.n);
      expect(tables).toBe(1);
    } finally {
      await dropSchema(TEST_DATABASE_URL!, schema);
    }
  });

  it('the server ends every connection (a restart): nothing crashes, and the next delivery is stored on a new connection', async () => {
    const schema = randomSchema();
    const app = `m365_${schema}`;
    await admin((c) => c.query(`CREATE SCHEMA "${schema}"`));
    const store = await openStore({ databaseUrl: urlWith(TEST_DATABASE_URL!, { schema, app }), dataDir: '/nonexistent/never-used' });
    try {
      expect(await store.insertEvent(newEvent('inv-before-restart'), T0)).toBe(true);
      expect(await backends(app)).toBeGreaterThan(0);
      // 57P01 admin_shutdown on every idle connection of the pool, as a server restart sends it.
      await admin((c) => c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [app]));
      await pollUntil('the old connections to be gone', async () => (await backends(app)) === 0);
      expect(await store.insertEvent(newEvent('inv-after-restart'), T0)).toBe(true);
      expect(await store.countEvents()).toBe(2);
    } finally {
      await store.close();
      await dropSchema(TEST_DATABASE_URL!, schema);
    }
  });

  it('the database unreachable during a burst of deliveries: all fail at once, one try per batch; stored again once it is back', async () => {
    const schema = randomSchema();
    await admin((c) => c.query(`CREATE SCHEMA "${schema}"`));
    const proxy = new DbProxy(new URL(TEST_DATABASE_URL!));
    await proxy.listen();
    const store = await openStore({ databaseUrl: urlWith(TEST_DATABASE_URL!, { schema, app: `m365_${schema}`, port: proxy.port }), dataDir: '/nonexistent/never-used' });
    try {
      expect(await store.insertEvent(newEvent('inv-ok'), T0)).toBe(true);
      const burst = (tag: string) => Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.insertEvent(newEvent(`inv-${tag}-${i}`), T0)));

      // The database host drops every connection, then refuses new ones (it is down).
      proxy.mode = 'reset';
      proxy.cut();
      const triesBefore = proxy.accepted;
      const dropped = await burst('dropped');
      expect(dropped.every((r) => r.status === 'rejected')).toBe(true);
      // Eight deliveries, one batch: retrying each alone would only have repeated the outage eight more times.
      expect(proxy.accepted - triesBefore).toBeLessThanOrEqual(2);

      await proxy.refuse();
      const refused = await burst('refused');
      expect(refused.map((r) => r.status === 'rejected' && (r.reason as { code?: string }).code)).toEqual(Array(8).fill('ECONNREFUSED'));

      // Back: the next delivery is stored; the failed ones were never stored (their callers got an error, so Zendesk
      // retries them).
      proxy.mode = 'pass';
      await proxy.listen(proxy.port);
      expect(await store.insertEvent(newEvent('inv-back'), T0)).toBe(true);
      expect(await store.countEvents()).toBe(2);
    } finally {
      await store.close();
      await proxy.close();
      await dropSchema(TEST_DATABASE_URL!, schema);
    }
  });
});
