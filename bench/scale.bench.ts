// Scale-out: the same ingest + drafting load (new tickets delivered as fast as the instances accept them, each
// drafted and its note sent) with one and with two instances of the compiled server on one PostgreSQL database,
// deliveries spread round-robin as a load balancer would. Throughput is tickets whose note arrived per second,
// from the first delivery to the last note; the ratio two/one is the figure. On a 2-core machine that also runs
// PostgreSQL, the fake Zendesk and the load generator, two instances cannot double anything: the target is that a
// second instance adds throughput and never costs correctness (each ticket gets exactly one note).
import { FakeZendesk } from '../test/fakes/zendesk.js';
import { arrivals, until } from './lib/note-arrivals.js';
import { createScratchDatabase, postgresUrl } from './lib/postgres.js';
import { DEPLOY_NODE_OPTIONS, startService, type Service } from './lib/service.js';
import { round, spread } from './lib/stats.js';
import { seedTickets } from './lib/tickets.js';
import { atLeast, atMost, figure, line, overall, type Figure } from './lib/verdict.js';
import { commentAddedBody, deliver, signDelivery } from './lib/zendesk-webhook.js';
import type { BenchResult } from './types.js';

const TICKETS = Number(process.env.BENCH_SCALE_TICKETS ?? 800);
const CONCURRENCY = 16;

interface Run {
  perSecond: number;
  seconds: number;
  p95Ms: number;
  missing: number;
  duplicates: number;
}

async function run(pgBase: string, instances: number): Promise<Run> {
  const db = await createScratchDatabase(pgBase, 'm365_bench_scale');
  const zd = await new FakeZendesk().start();
  const services: Service[] = [];
  try {
    for (let i = 0; i < instances; i++) {
      services.push(await startService(zd, { DATABASE_URL: db.url, WORKER_POLL_MS: '50', ZENDESK_TIMEOUT_MS: '5000', NODE_OPTIONS: DEPLOY_NODE_OPTIONS }, { compiled: true }));
    }
    const tickets = seedTickets(zd, TICKETS);
    const sentAt = new Map<number, number>();
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < tickets.length) {
          const i = next++;
          const t = tickets[i]!;
          sentAt.set(t.ticket.id, Date.now());
          await deliver(services[i % services.length]!.url, signDelivery(commentAddedBody(t.ticket.id, t.commentId, t.ticket.requester_id)));
        }
      }),
    );
    await until(() => arrivals(zd, 'note').size >= tickets.length, 120_000);
    const notes = arrivals(zd, 'note');
    const last = Math.max(...[...notes.values()].map((a) => a[0]!));
    const seconds = (last - started) / 1000;
    const latencies = tickets.filter((t) => notes.has(t.ticket.id)).map((t) => notes.get(t.ticket.id)![0]! - sentAt.get(t.ticket.id)!);
    return {
      perSecond: notes.size / seconds,
      seconds,
      p95Ms: spread(latencies).p95,
      missing: tickets.length - notes.size,
      duplicates: [...notes.values()].filter((a) => a.length > 1).length,
    };
  } finally {
    await Promise.all(services.map((s) => s.kill('SIGTERM')));
    await zd.stop();
    await db.drop();
  }
}

export default async function scale(): Promise<BenchResult> {
  const pg = postgresUrl();
  if (!pg) {
    return { name: 'scale', pass: null, summary: 'scale: left out (needs PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL)', metrics: {} };
  }
  const one = await run(pg, 1);
  const two = await run(pg, 2);
  const ratio = two.perSecond / one.perSecond;
  const figures: Figure[] = [
    figure('one instance: tickets drafted and noted per second', one.perSecond, `${round(one.perSecond, 0)}/s`),
    figure('two instances: tickets drafted and noted per second', two.perSecond, `${round(two.perSecond, 0)}/s`),
    figure('ratio two / one', ratio, `${round(ratio, 2)}×`, atLeast(1, '≥ 1.0× (2 cores)')),
    figure('tickets without a note (both runs)', one.missing + two.missing, String(one.missing + two.missing), atMost(0, '= 0')),
    figure('tickets with more than one note (both runs)', one.duplicates + two.duplicates, String(one.duplicates + two.duplicates), atMost(0, '= 0')),
  ];
  const lines = [
    `scale: ${TICKETS} new tickets delivered ${CONCURRENCY} at a time, round-robin, one vs two instances (compiled) on one PostgreSQL`,
    `  one instance:  ${round(one.seconds, 1)} s, p95 webhook → note ${round(one.p95Ms, 0)} ms`,
    `  two instances: ${round(two.seconds, 1)} s, p95 webhook → note ${round(two.p95Ms, 0)} ms`,
    ...figures.map((f) => line(f)),
  ];
  return { name: 'scale', pass: overall(figures), summary: lines.join('\n'), metrics: { tickets: TICKETS, one, two, ratio: round(ratio, 3), figures } };
}
