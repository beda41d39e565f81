// Memory: resident set size of the real server (a child process, so the figure is the service's own) after 10,000
// webhook events have been received, processed and their notes sent: 2,000 new tickets, each followed by four more
// events for the same ticket (as Zendesk sends on tag, status and assignee changes). Embedded storage and
// PostgreSQL. The server is the compiled one (node dist/server.js, as in the Docker image). RSS is read from
// /proc/<pid>/status (VmRSS; VmHWM is the peak) and matches m365_process_resident_memory_bytes on /metrics.
// Node runs with the heap limits compose.yaml sets (NODE_OPTIONS below; BENCH_NODE_OPTIONS= to measure Node's
// defaults, which let V8 grow the heap lazily to ~250 MB although the live heap stays under ~60 MB).
// Embedded storage is measured on a data directory a first boot created, as on any day but the first: creating
// it (PGlite's initdb) costs several hundred MB that the process keeps until it restarts; that first boot's RSS
// is printed too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeZendesk } from '../test/fakes/zendesk.js';
import { arrivals, until } from './lib/note-arrivals.js';
import { createScratchDatabase, postgresUrl } from './lib/postgres.js';
import { DEPLOY_NODE_OPTIONS, processMemory, scrape, startService, waitIdle } from './lib/service.js';
import { fmtMb, round } from './lib/stats.js';
import { seedTickets } from './lib/tickets.js';
import { atMost, figure, line, overall, type Figure } from './lib/verdict.js';
import { commentAddedBody, deliver, signDelivery, tagsChangedBody } from './lib/zendesk-webhook.js';
import type { BenchResult } from './types.js';

const EVENTS = Number(process.env.BENCH_MEMORY_EVENTS ?? 10_000);
const PER_TICKET = 5;
const CONCURRENCY = 16;
const MB = 1024 * 1024;
const NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS ?? DEPLOY_NODE_OPTIONS;

interface Run {
  firstBootRss: number | null;
  baselineRss: number;
  rss: number;
  peakRss: number;
  metricRss: number | null;
  seconds: number;
  accepted: number;
  notes: number;
  tickets: number;
}

async function firstBoot(zd: FakeZendesk, env: Record<string, string>): Promise<number | null> {
  const first = await startService(zd, env, { compiled: true });
  await new Promise((r) => setTimeout(r, 1_000));
  const rss = processMemory(first.child.pid!)?.rssBytes ?? null;
  await first.kill('SIGTERM');
  return rss;
}

async function run(storage: Record<string, string>, initFirst: boolean): Promise<Run & { compiled: boolean }> {
  const zd = await new FakeZendesk().start();
  const env = { ...storage, WORKER_POLL_MS: '50', ZENDESK_TIMEOUT_MS: '5000', NODE_OPTIONS };
  const firstBootRss = initFirst ? await firstBoot(zd, env) : null;
  const service = await startService(zd, env, { compiled: true });
  try {
    const pid = service.child.pid!;
    await new Promise((r) => setTimeout(r, 1_000));
    const baselineRss = processMemory(pid)!.rssBytes;
    const tickets = seedTickets(zd, Math.ceil(EVENTS / PER_TICKET));
    // Events in ticket order: the new ticket first, then its follow-up events.
    const bodies = tickets.flatMap((t) => [
      commentAddedBody(t.ticket.id, t.commentId, t.ticket.requester_id),
      ...Array.from({ length: PER_TICKET - 1 }, () => tagsChangedBody(t.ticket.id, t.ticket.requester_id)),
    ]).slice(0, EVENTS);
    const started = Date.now();
    let next = 0;
    let accepted = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const r = await deliver(service.url, signDelivery(bodies[next++]!));
          if (r.status === 200) accepted++;
        }
      }),
    );
    await until(() => arrivals(zd, 'note').size >= tickets.length, 240_000);
    await waitIdle(service.url, 60_000);
    const seconds = (Date.now() - started) / 1000;
    const mem = processMemory(pid)!;
    return {
      compiled: service.compiled,
      firstBootRss,
      baselineRss,
      rss: mem.rssBytes,
      peakRss: mem.peakRssBytes,
      metricRss: await scrape(service.url, 'm365_process_resident_memory_bytes'),
      seconds,
      accepted,
      notes: arrivals(zd, 'note').size,
      tickets: tickets.length,
    };
  } finally {
    await service.kill('SIGTERM');
    await zd.stop();
  }
}

export default async function memory(): Promise<BenchResult> {
  const lines = [
    `memory: RSS of one server process (node dist/server.js, NODE_OPTIONS="${NODE_OPTIONS}") after ${EVENTS.toLocaleString('en-US')} webhook events (${EVENTS / PER_TICKET} tickets × ${PER_TICKET} events), all processed and their notes sent`,
  ];
  const figures: Figure[] = [];
  const metrics: Record<string, unknown> = { events: EVENTS, nodeOptions: NODE_OPTIONS };
  const backends: Array<{ name: string; targetMb: number; initFirst: boolean; open: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> }> = [
    {
      name: 'embedded (PGlite)',
      targetMb: 350,
      initFirst: true,
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'm365-bench-memory-'));
        return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  const pg = postgresUrl();
  if (pg) {
    backends.push({
      name: 'PostgreSQL',
      targetMb: 150,
      initFirst: false,
      open: async () => {
        const db = await createScratchDatabase(pg, 'm365_bench_memory');
        return { env: { DATABASE_URL: db.url }, cleanup: db.drop };
      },
    });
  } else lines.push('  PostgreSQL: left out (set DATABASE_URL or TEST_DATABASE_URL to include it)');

  for (const b of backends) {
    const { env, cleanup } = await b.open();
    try {
      const r = await run(env, b.initFirst);
      if (!r.compiled) lines.push('  (the compiled server could not be built; measured through tsx, which adds ~85 MB)');
      if (r.firstBootRss !== null) lines.push(`  ${b.name}: first boot on an empty data directory: RSS ${fmtMb(r.firstBootRss)} (creating the database; gone after a restart)`);
      metrics[b.name] = { ...r, rssMb: round(r.rss / MB), peakRssMb: round(r.peakRss / MB), baselineRssMb: round(r.baselineRss / MB) };
      lines.push(
        `  ${b.name}: RSS ${fmtMb(r.baselineRss)} after boot → ${fmtMb(r.rss)} after the events (peak ${fmtMb(r.peakRss)}; /metrics says ${r.metricRss === null ? '–' : fmtMb(r.metricRss)}); ` +
          `${r.accepted.toLocaleString('en-US')} accepted, ${r.notes}/${r.tickets} notes, ${round(r.seconds, 0)} s (${Math.round(r.accepted / r.seconds)} events/s processed)`,
      );
      figures.push(
        figure(`${b.name}: RSS after ${EVENTS / 1000}k events`, r.rss, fmtMb(r.rss), atMost(b.targetMb * MB, `≤ ${b.targetMb} MB`)),
        figure(`${b.name}: peak RSS`, r.peakRss, fmtMb(r.peakRss)),
        figure(`${b.name}: tickets without a note`, r.tickets - r.notes, String(r.tickets - r.notes), atMost(0, '= 0')),
      );
    } finally {
      await cleanup();
    }
  }
  lines.push(...figures.map((f) => line(f)));
  return { name: 'memory', pass: overall(figures), summary: lines.join('\n'), metrics: { ...metrics, figures } };
}
