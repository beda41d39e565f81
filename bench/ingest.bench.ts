// Webhook ingest: signed, deduplicated, durably stored Zendesk deliveries per second and their p99, against the same
// app with its insert replaced by an in-memory set, measured the same way in the same run: the ratio is what storage
// costs, and it carries across machines where absolute numbers do not. Target: storing keeps at least half of that
// throughput, p99 ≤ 10 ms. A bare Fastify JSON route is shown for information (the HTTP ceiling). The app is built
// with background loops off, so only ingest is measured; each server runs in its own process and autocannon in this
// one. After each run the stored events are counted: every 2xx must be a row in the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open-store.js';
import { spawnTarget } from './lib/child.js';
import { signedLoad, type LoadResult } from './lib/load.js';
import { createScratchDatabase, postgresUrl, queryDatabase } from './lib/postgres.js';
import { processCpuMs } from './lib/service.js';
import { fmtInt, fmtMs, round } from './lib/stats.js';
import { atLeast, atMost, figure, line, overall, type Figure } from './lib/verdict.js';
import { BENCH_WEBHOOK_SECRET, commentAddedBody, signDelivery } from './lib/zendesk-webhook.js';
import type { BenchResult } from './types.js';

const DURATION_S = Number(process.env.BENCH_INGEST_SECONDS ?? 5);
const WARMUP_S = 1;
const CONNECTIONS = Number(process.env.BENCH_INGEST_CONNECTIONS ?? 8);
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 10;

const appEnv = {
  LOG_LEVEL: 'info',
  ZENDESK_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
  // Required with the webhook on; never called, because the worker does not run in this bench.
  ZENDESK_URL: 'http://127.0.0.1:9',
  ZENDESK_EMAIL: 'bench@example.org',
  ZENDESK_API_TOKEN: 'bench-token-unused',
  RECONCILE_INTERVAL_S: '0',
};

let ticket = 1_000_000;
const next = () => {
  ticket += 1;
  return signDelivery(commentAddedBody(ticket, ticket * 10, 42));
};

interface Measured extends LoadResult {
  sent: number;
  /** CPU the server process used per answered request (µs), and the load generator (this process). */
  serverCpuUs: number | null;
  loadCpuUs: number;
}

async function measure(args: string[], env: Record<string, string>): Promise<Measured> {
  const target = await spawnTarget('bench/lib/ingest-target.ts', args, env);
  try {
    const warm = await signedLoad(target.url, { durationS: WARMUP_S, connections: CONNECTIONS, next });
    const cpu0 = processCpuMs(target.pid);
    const own0 = process.cpuUsage();
    const r = await signedLoad(target.url, { durationS: DURATION_S, connections: CONNECTIONS, next });
    const cpu1 = processCpuMs(target.pid);
    const own = process.cpuUsage(own0);
    const per = (ms: number) => round((ms * 1000) / Math.max(1, r.total), 0);
    return {
      ...r,
      sent: warm.ok + r.ok,
      serverCpuUs: cpu0 !== null && cpu1 !== null ? per(cpu1 - cpu0) : null,
      loadCpuUs: per((own.user + own.system) / 1000),
    };
  } finally {
    await target.stop();
  }
}

async function countPglite(dataDir: string): Promise<number> {
  const store = await openStore({ dataDir, warn: () => undefined });
  try {
    return await store.countEvents();
  } finally {
    await store.close();
  }
}

// Where the time goes: a ratio alone cannot say whether the server or the load generator was the limit.
const cpuNote = (m: Measured) => `CPU per request: server ${m.serverCpuUs ?? '?'} µs, load generator ${m.loadCpuUs} µs`;

export default async function ingest(): Promise<BenchResult> {
  const lines: string[] = [`ingest: signed webhook deliveries, ${CONNECTIONS} connections, ${DURATION_S} s each after ${WARMUP_S} s warm-up, background loops off`];
  const figures: Figure[] = [];
  const metrics: Record<string, unknown> = { connections: CONNECTIONS, durationS: DURATION_S };

  const bare = await measure(['bare'], {});
  metrics.bare = bare;
  lines.push(`  bare Fastify JSON route (info only):         ${fmtInt(bare.requestsPerSecond)} req/s, p99 ${fmtMs(bare.p99Ms)}; ${cpuNote(bare)}`);

  // The baseline: the whole app (verify, parse, dedupe, answer) with an in-memory set instead of the database. Not
  // a product configuration (a 200 would not mean stored); the gap to it is exactly what storage costs.
  const unstoredDir = mkdtempSync(join(tmpdir(), 'm365-bench-ingest-'));
  let unstored: Measured;
  try {
    unstored = await measure(['app-unstored'], { ...appEnv, DATA_DIR: unstoredDir });
    metrics.unstored = { ...unstored, ratioToBare: round(unstored.requestsPerSecond / bare.requestsPerSecond, 3) };
    lines.push(
      `  the app, insert replaced by an in-memory set (baseline): ${fmtInt(unstored.requestsPerSecond)} req/s = ${round((unstored.requestsPerSecond / bare.requestsPerSecond) * 100, 0)}% of bare, p99 ${fmtMs(unstored.p99Ms)}; ${cpuNote(unstored)}`,
    );
  } finally {
    rmSync(unstoredDir, { recursive: true, force: true });
  }

  const backends: Array<{ name: string; env: () => Promise<{ env: Record<string, string>; count: () => Promise<number>; cleanup: () => Promise<void> }> }> = [
    {
      name: 'embedded (PGlite)',
      env: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'm365-bench-ingest-'));
        return { env: { DATA_DIR: dir }, count: () => countPglite(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  const pgBase = postgresUrl();
  if (pgBase) {
    backends.push({
      name: 'PostgreSQL',
      env: async () => {
        const db = await createScratchDatabase(pgBase, 'm365_bench_ingest');
        const count = async () => (await queryDatabase<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM events'))[0]!.n;
        return { env: { DATABASE_URL: db.url }, count, cleanup: db.drop };
      },
    });
  } else {
    lines.push('  PostgreSQL: left out (set DATABASE_URL or TEST_DATABASE_URL to include it)');
  }

  for (const b of backends) {
    const setup = await b.env();
    try {
      const r = await measure(['app'], { ...appEnv, ...setup.env });
      const stored = await setup.count();
      const ratio = r.requestsPerSecond / unstored.requestsPerSecond;
      metrics[b.name] = { ...r, stored, ratioToUnstored: round(ratio, 3), ratioToBare: round(r.requestsPerSecond / bare.requestsPerSecond, 3) };
      // autocannon stops counting with requests still in flight, so a few more rows than counted answers are normal.
      const lost = Math.max(0, r.sent - stored);
      lines.push(
        `  webhook ingest, ${b.name}: ${fmtInt(r.requestsPerSecond)} req/s, p50 ${fmtMs(r.p50Ms)}; ${fmtInt(stored)} events stored for ${fmtInt(r.sent)} 200 answers` +
          `${r.non2xx + r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}; ${cpuNote(r)}`,
      );
      figures.push(
        figure(`${b.name}: share of the in-memory app`, ratio, `${round(ratio * 100, 0)}%`, atLeast(TARGET_RATIO, '≥ 50% of in-memory')),
        figure(`${b.name}: p99 latency`, r.p99Ms, fmtMs(r.p99Ms), atMost(TARGET_P99_MS, `≤ ${TARGET_P99_MS} ms`)),
        figure(`${b.name}: 200 answers without a stored event`, lost, fmtInt(lost), atMost(0, '= 0')),
      );
    } finally {
      await setup.cleanup();
    }
  }
  lines.push(...figures.map((f) => line(f)));
  return { name: 'ingest', pass: overall(figures), summary: lines.join('\n'), metrics: { ...metrics, figures } };
}
