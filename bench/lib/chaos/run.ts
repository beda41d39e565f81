// One chaos run: two instances of the real server on one PostgreSQL database, a fake Zendesk behind a proxy that
// fails a share of calls, webhook traffic with duplicates, follow-ups and approvals, one instance SIGKILLed
// mid-run and started again. Then it waits for the work to settle and checks what arrived in Zendesk.
import { FakeZendesk } from '../../../test/fakes/zendesk.js';
import { FlakyZendesk, seededRandom, type FlakyCounts } from '../../../test/fakes/flaky-zendesk.js';
import { arrivals } from '../note-arrivals.js';
import { createScratchDatabase, queryDatabase } from '../postgres.js';
import { BENCH_ADMIN_TOKEN } from '../service.js';
import { seedTickets } from '../tickets.js';
import { Cluster } from './cluster.js';
import { planChaos, type ChaosPlanOptions } from './plan.js';
import { Traffic, type TrafficStats } from './traffic.js';
import { verifyChaos, type ChaosFindings, type DeadLetter } from './verify.js';

export interface ChaosOptions extends ChaosPlanOptions {
  /** Base PostgreSQL URL; the run creates its own database there and drops it. */
  postgresUrl: string;
  failureRate: number;
  /** Relative weights of 429 / 500 / hang (default equal). */
  failureMix?: { rateLimited: number; serverError: number; hang: number };
  seed: number;
  /** Deliveries per second while the traffic runs. */
  ratePerSecond: number;
  /** SIGKILL instance 1 once this share of the tickets has been delivered; restart it `downMs` later. */
  killAt: number;
  downMs: number;
  /** Give up after this long from the first delivery (the run then fails with what is left unfinished). */
  settleTimeoutMs: number;
  maxAttempts?: number;
  /** ZENDESK_TIMEOUT_MS of the instances (default 400) and how long an injected hang lasts (default 1,500). */
  zendeskTimeoutMs?: number;
  hangMs?: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  options: Omit<ChaosOptions, 'log'>;
  wallMs: number;
  trafficMs: number;
  settled: boolean;
  kills: number;
  restarts: number;
  injected: FlakyCounts;
  traffic: Omit<TrafficStats, 'accepted'> & { accepted: number };
  findings: ChaosFindings;
  /** After the run: Zendesk healthy again, an admin retried every dead letter (null: there were none). */
  recovery: ChaosRecovery | null;
  /** The last lines of every instance's output, for a failed run. */
  output: string;
}

export interface ChaosRecovery {
  revived: number;
  settled: boolean;
  /** Dead letters left after the retry (should be 0: nothing fails any more). */
  deadAfter: number;
  notesArrived: number;
  staleNotesDropped: number;
  /** Statements with more than one note, and approved tickets with other than one reply, after the retry. */
  severalNotes: number;
  repliesNotOne: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function outstanding(url: string): Promise<{ events: number; outbox: number }> {
  const [row] = await queryDatabase<{ events: number; outbox: number }>(
    url,
    `SELECT (SELECT count(*)::int FROM events WHERE state IN ('pending', 'processing')) AS events,
            (SELECT count(*)::int FROM outbox WHERE state IN ('pending', 'claimed')) AS outbox`,
  );
  return row ?? { events: 0, outbox: 0 };
}

async function deadLetters(cluster: Cluster): Promise<DeadLetter[]> {
  const live = cluster.live()[0];
  if (!live) return [];
  const r = await fetch(`${live.url}/admin/outbox?state=dead&limit=1000`, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
  const body = (await r.json()) as { rows: DeadLetter[] };
  return body.rows.map(({ id, kind, ticketId, attempts, lastError }) => ({ id, kind, ticketId, attempts, lastError }));
}

/** Waits until no event or outbox row is unfinished (false if the deadline came first). */
async function settle(databaseUrl: string, deadline: number): Promise<boolean> {
  let settled = false;
  while (Date.now() < deadline) {
    const left = await outstanding(databaseUrl);
    if (left.events === 0 && left.outbox === 0) {
      settled = true;
      break;
    }
    await sleep(250);
  }
  // A last look for writes that arrived after the outbox reported them (none should).
  await sleep(500);
  return settled;
}

/** The admin's part once Zendesk works again: POST /admin/outbox/retry-dead, wait until settled, look again. */
async function recover(
  cluster: Cluster,
  databaseUrl: string,
  deadline: number,
  before: ChaosFindings,
  verifyAgain: () => Promise<ChaosFindings>,
): Promise<ChaosRecovery> {
  const live = cluster.live()[0]!;
  const r = await fetch(`${live.url}/admin/outbox/retry-dead`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
  const { revived } = (await r.json()) as { revived: number[] };
  const settled = await settle(databaseUrl, deadline);
  const after = await verifyAgain();
  return {
    revived: revived.length,
    settled,
    deadAfter: after.deadLetters.length,
    notesArrived: after.notesArrived - before.notesArrived,
    staleNotesDropped: after.staleNotesDropped - before.staleNotesDropped,
    severalNotes: after.versionsWithSeveralNotes.length,
    repliesNotOne: after.repliesNotOne.filter((x) => x.why !== 'public reply dead-lettered').length,
  };
}

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const random = seededRandom(o.seed);
  const plan = planChaos(o, random);
  const maxAttempts = o.maxAttempts ?? 8;
  const db = await createScratchDatabase(o.postgresUrl, 'm365_chaos');
  const zd = await new FakeZendesk().start();
  const flaky = await new FlakyZendesk(zd, {
    failureRate: o.failureRate,
    retryAfterS: 1,
    hangMs: o.hangMs ?? 1_500,
    random: seededRandom(o.seed + 1),
    ...(o.failureMix ? { mix: o.failureMix } : {}),
  }).start();
  let cluster: Cluster | null = null;
  try {
    // The injected failures start with the traffic: booting is not what this run is about.
    flaky.failing = false;
    cluster = await Cluster.start(flaky, db.url, 2, {
      WORKER_LEASE_MS: '1500',
      ZENDESK_TIMEOUT_MS: String(o.zendeskTimeoutMs ?? 400),
      WORKER_POLL_MS: '50',
      OUTBOX_MAX_ATTEMPTS: String(maxAttempts),
    });
    flaky.failing = true;
    const agent = zd.addUser({ name: 'Olaf Agent', email: 'olaf@mailstore.example', role: 'agent' });
    const seeded = seedTickets(zd, plan.tickets);
    const traffic = new Traffic(cluster, zd, agent, random, plan.duplicateChance);
    const ids = seeded.map((s) => s.ticket.id);
    log(`chaos: ${plan.tickets} tickets (${plan.followUps.size} with a follow-up, ${plan.approvals.size} to approve), ~${o.deliveries} deliveries, ${Math.round(o.failureRate * 100)}% of Zendesk calls failing`);

    // ---- traffic ----
    const trafficStarted = Date.now();
    const gap = 1000 / o.ratePerSecond;
    const later: Array<{ at: number; run: () => void }> = [];
    const awaitingApproval = new Set<number>();
    const approved = new Set<number>();
    let killed = false;
    let restarting: Promise<void> | null = null;
    let restartError: unknown = null;
    let lastOutstandingCheck = 0;
    let next = 0;
    let lastProgress = Date.now();
    let lastApprovalScan = 0;
    const deadline = Date.now() + o.settleTimeoutMs;
    while (Date.now() < deadline) {
      const now = Date.now();
      // New tickets at a steady rate.
      while (next < seeded.length && now >= trafficStarted + next * gap) {
        const i = next++;
        const s = seeded[i]!;
        traffic.newTicket(s.ticket.id, s.commentId, s.ticket.requester_id);
        if (plan.followUps.has(i)) later.push({ at: now + 300 + random() * 4_000, run: () => traffic.followUp(s.ticket.id) });
        if (plan.approvals.has(i)) awaitingApproval.add(s.ticket.id);
      }
      for (let k = later.length - 1; k >= 0; k--) {
        if (later[k]!.at <= now) later.splice(k, 1)[0]!.run();
      }
      // Agents approve once the draft note is visible in Zendesk, as they would.
      if (now - lastApprovalScan > 250 && awaitingApproval.size) {
        lastApprovalScan = now;
        const notes = arrivals(zd, 'note');
        for (const id of awaitingApproval) {
          if (!notes.has(id)) continue;
          awaitingApproval.delete(id);
          approved.add(id);
          traffic.approve(id);
        }
      }
      if (!killed && next >= seeded.length * o.killAt) {
        killed = true;
        log(`chaos: SIGKILL instance 1 after ${next} tickets`);
        await cluster.kill(1);
        const c = cluster;
        // In the background: the traffic keeps flowing to the instance that is still up.
        restarting = sleep(o.downMs)
          .then(() => c.restart(1))
          .then(
            () => log('chaos: instance 1 restarted'),
            (err: unknown) => void (restartError = err),
          )
          .finally(() => (restarting = null));
      }
      if (now - lastProgress > 5_000) {
        lastProgress = now;
        const left = await outstanding(db.url);
        log(`chaos: ${traffic.stats.deliveries} deliveries, ${arrivals(zd, 'note').size} tickets with a note, ${approved.size} approved; unfinished events ${left.events}, outbox ${left.outbox}`);
      }
      const trafficDone = next >= seeded.length && later.length === 0 && traffic.busy === 0;
      if (trafficDone && awaitingApproval.size === 0) break;
      if (trafficDone && now - lastOutstandingCheck > 500) {
        // Approvals still waiting: stop only when nothing else can make their note arrive (it was dead-lettered).
        lastOutstandingCheck = now;
        const left = await outstanding(db.url);
        if (left.events === 0 && left.outbox === 0 && restarting === null) break;
      }
      await sleep(10);
    }
    await traffic.idle();
    await restarting;
    if (restartError) throw restartError;
    const trafficMs = Date.now() - trafficStarted;

    // ---- settle ----
    const settled = await settle(db.url, deadline);
    const dead = await deadLetters(cluster);
    const findings = await verifyChaos({
      databaseUrl: db.url,
      zd,
      ticketIds: ids,
      approved,
      approvalsSkipped: awaitingApproval.size,
      traffic: traffic.stats,
      deadLetters: dead,
      maxAttempts,
    });
    let recovery: ChaosRecovery | null = null;
    if (dead.length) {
      flaky.failing = false;
      const running = cluster;
      recovery = await recover(running, db.url, deadline, findings, async () =>
        verifyChaos({ databaseUrl: db.url, zd, ticketIds: ids, approved, approvalsSkipped: awaitingApproval.size, traffic: traffic.stats, deadLetters: await deadLetters(running), maxAttempts }),
      );
    }
    const { log: _l, ...options } = o;
    return {
      options,
      wallMs: Date.now() - started,
      trafficMs,
      settled,
      kills: cluster.kills,
      restarts: cluster.restarts,
      injected: { ...flaky.counts },
      traffic: { ...traffic.stats, accepted: traffic.stats.accepted.size },
      findings,
      recovery,
      output: cluster.output(),
    };
  } finally {
    await cluster?.stop();
    await flaky.stop();
    await zd.stop();
    await db.drop();
  }
}
