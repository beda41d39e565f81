// End to end: a signed comment_added webhook → the private draft note arriving at a loopback fake Zendesk, per
// ticket, p50/p95. Events come at a modest steady rate (a helpdesk, not a flood) to one instance of the real server
// (a child process) with its background loops on; the webhook route wakes the worker, and WORKER_POLL_MS is small.
// The clock starts just before the POST and stops when the fake Zendesk receives the note's PUT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeZendesk } from '../test/fakes/zendesk.js';
import { arrivals, until } from './lib/note-arrivals.js';
import { createScratchDatabase, postgresUrl } from './lib/postgres.js';
import { startService } from './lib/service.js';
import { spread, fmtMs, round } from './lib/stats.js';
import { seedTickets } from './lib/tickets.js';
import { atMost, figure, line, overall, type Figure } from './lib/verdict.js';
import { commentAddedBody, deliver, signDelivery, type DeliveryOutcome } from './lib/zendesk-webhook.js';
import type { BenchResult } from './types.js';

const EVENTS = Number(process.env.BENCH_E2E_EVENTS ?? 200);
const RATE_PER_S = Number(process.env.BENCH_E2E_RATE ?? 20);
const POLL_MS = process.env.BENCH_E2E_POLL_MS ?? '25';
const TARGET_P95_MS = 150;

async function run(storage: Record<string, string>): Promise<{ latencies: number[]; missing: number; duplicates: number; refused: number; notAccepted: number }> {
  const zd = await new FakeZendesk().start();
  const service = await startService(zd, { ...storage, WORKER_POLL_MS: POLL_MS, ZENDESK_TIMEOUT_MS: '2000' });
  try {
    const tickets = seedTickets(zd, EVENTS + 10);
    // Warm-up (JIT, connection pools, template cache): not counted.
    await Promise.all(tickets.slice(EVENTS).map((t) => deliver(service.url, signDelivery(commentAddedBody(t.ticket.id, t.commentId, t.ticket.requester_id)))));
    await until(() => arrivals(zd, 'note').size >= 10, 20_000);

    const sentAt = new Map<number, number>();
    const gap = 1000 / RATE_PER_S;
    const started = Date.now();
    const posts: Promise<DeliveryOutcome>[] = [];
    for (const [i, t] of tickets.slice(0, EVENTS).entries()) {
      // A fixed schedule (not "after the previous answer"), so a slow answer cannot hide latency.
      const wait = started + i * gap - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sentAt.set(t.ticket.id, Date.now());
      posts.push(deliver(service.url, signDelivery(commentAddedBody(t.ticket.id, t.commentId, t.ticket.requester_id))));
    }
    const outcomes = await Promise.all(posts);
    const measured = tickets.slice(0, EVENTS).map((t) => t.ticket.id);
    await until(() => {
      const a = arrivals(zd, 'note');
      return measured.every((id) => a.has(id));
    }, 30_000);
    const notes = arrivals(zd, 'note');
    const latencies = measured.filter((id) => notes.has(id)).map((id) => notes.get(id)![0]! - sentAt.get(id)!);
    const duplicates = measured.filter((id) => (notes.get(id)?.length ?? 0) > 1).length;
    return {
      latencies,
      missing: measured.length - latencies.length,
      duplicates,
      refused: outcomes.reduce((n, o) => n + o.refused, 0),
      notAccepted: outcomes.filter((o) => o.status !== 200).length,
    };
  } finally {
    await service.kill('SIGTERM');
    await zd.stop();
  }
}

export default async function endToEnd(): Promise<BenchResult> {
  const lines = [`end-to-end: webhook → private note at the fake Zendesk, ${EVENTS} tickets at ${RATE_PER_S}/s, one instance (child process), WORKER_POLL_MS=${POLL_MS}`];
  const figures: Figure[] = [];
  const metrics: Record<string, unknown> = { events: EVENTS, ratePerSecond: RATE_PER_S, workerPollMs: Number(POLL_MS) };
  const backends: Array<{ name: string; open: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> }> = [
    {
      name: 'embedded (PGlite)',
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'm365-bench-e2e-'));
        return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  const pg = postgresUrl();
  if (pg) {
    backends.push({
      name: 'PostgreSQL',
      open: async () => {
        const db = await createScratchDatabase(pg, 'm365_bench_e2e');
        return { env: { DATABASE_URL: db.url }, cleanup: db.drop };
      },
    });
  } else lines.push('  PostgreSQL: left out (set DATABASE_URL or TEST_DATABASE_URL to include it)');

  for (const b of backends) {
    const { env, cleanup } = await b.open();
    try {
      const r = await run(env);
      const s = spread(r.latencies);
      metrics[b.name] = { ...s, missing: r.missing, duplicates: r.duplicates, refused: r.refused, notAccepted: r.notAccepted };
      lines.push(`  ${b.name}: p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}, p99 ${fmtMs(s.p99)}, max ${fmtMs(s.max)} over ${s.count} notes`);
      if (r.refused) lines.push(`  ${b.name}: ${r.refused} deliveries answered 503 (overload guard) and retried after Retry-After, as Zendesk does; their latency includes the wait`);
      figures.push(
        figure(`${b.name}: p95 webhook → note`, s.p95, fmtMs(s.p95), atMost(TARGET_P95_MS, `≤ ${TARGET_P95_MS} ms`)),
        figure(`${b.name}: p50 webhook → note`, s.p50, fmtMs(s.p50)),
        figure(`${b.name}: deliveries never accepted`, r.notAccepted, String(r.notAccepted), atMost(0, '= 0')),
        figure(`${b.name}: tickets without a note`, r.missing, String(r.missing), atMost(0, '= 0')),
        figure(`${b.name}: tickets with more than one note`, r.duplicates, String(r.duplicates), atMost(0, '= 0')),
      );
    } finally {
      await cleanup();
    }
  }
  lines.push(...figures.map((f) => line(f)));
  return { name: 'end-to-end', pass: overall(figures), summary: lines.join('\n'), metrics: { ...metrics, figures: figures.map((f) => ({ ...f, value: round(f.value, 2) })) } };
}
