// Try it beside the webhook (issue 12): anonymous visitors pasting large tickets must not slow Zendesk's deliveries.
// The webhook's p99 is measured alone, then while eight Try it streams post 115 KiB pastes as fast as they are
// answered, each from its own client address (X-Forwarded-For with TRUST_PROXY=1, so the per-client limit does not
// simply refuse them: this measures what a rate limit cannot cover).
// Two layouts: Try it in a process of its own (TRY_IT=only, as compose.yaml runs it: the target) and Try it in the
// webhook's own process (TRY_IT=here, a single `npm start`: for information). In one process the readings run on a
// worker thread, but their pages and pastes still pass through the event loop and their garbage through its heap.
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, spawnTarget } from './lib/child.js';
import { signedLoad } from './lib/load.js';
import { pacedLoad } from './lib/paced-load.js';
import { fmtMs, round } from './lib/stats.js';
import { atMost, figure, line, overall, type Figure } from './lib/verdict.js';
import { BENCH_WEBHOOK_SECRET, commentAddedBody, signDelivery } from './lib/zendesk-webhook.js';
import type { BenchResult } from './types.js';

// Ten seconds a load: 2,000 deliveries, so the p99 is the 20th slowest, not a lone stall of the load generator.
const DURATION_S = Number(process.env.BENCH_TRYIT_SECONDS ?? 10);
const STREAMS = 8;
const TARGET_P99_MS = 10;
/** Deliveries a second in the steady loads: about a fifth of what one core ingests, far above a helpdesk's peak. */
const STEADY_RATE = 200;

let ticket = 5_000_000;
const next = () => signDelivery(commentAddedBody(++ticket, ticket * 10, 42));

/** The visitors run in a child process (try-it-visitors.ts says why); resolves with their counts. */
function visitors(url: string, seconds: number): Promise<{ answered: number; busy: number; limited: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/try-it-visitors.ts', url, String(STREAMS), String(seconds)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // The visitors' CPU is their own machines' in real life; here they share two cores with the server and
    // autocannon, so they run at the lowest priority, like Try it's worker thread.
    if (child.pid) setPriority(child.pid, 19);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`try-it-visitors exited ${code}`))));
  });
}

export default async function tryItLoad(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'm365-bench-tryit-'));
  const tryDir = mkdtempSync(join(tmpdir(), 'm365-bench-tryit-only-'));
  const env = {
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
    TRUST_PROXY: '1',
    ZENDESK_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    ZENDESK_URL: 'http://127.0.0.1:9',
    ZENDESK_EMAIL: 'bench@example.org',
    ZENDESK_API_TOKEN: 'bench-token-unused',
    RECONCILE_INTERVAL_S: '0',
  };
  const target = await spawnTarget('bench/lib/ingest-target.ts', ['app'], env);
  // The Try it process at normal priority: no help from the CPU weight compose.yaml gives its container.
  const tryIt = await spawnTarget('bench/lib/ingest-target.ts', ['app'], { ...env, DATA_DIR: tryDir, TRY_IT: 'only' });
  try {
    await signedLoad(target.url, { durationS: 1, connections: 4, next });
    // Two loads each: a steady STEADY_RATE deliveries a second (the target: what a delivery waits for while Try it
    // is busy; far above a helpdesk's real rate) and as fast as answered (for information: how much throughput Try
    // it's share of the event loop takes when the webhook saturates it, where every extra millisecond is queueing).
    const alone = await pacedLoad(target.url, { durationS: DURATION_S, ratePerSecond: STEADY_RATE, next });
    const aloneMax = await signedLoad(target.url, { durationS: DURATION_S, connections: 4, next });
    // Let the visitors' process start and their first pastes arrive before the webhook is measured beside them.
    const settle = () => new Promise((r) => setTimeout(r, 1000));
    const apartStreams = visitors(tryIt.url, 2 * DURATION_S + 2);
    await settle();
    const apart = await pacedLoad(target.url, { durationS: DURATION_S, ratePerSecond: STEADY_RATE, next });
    const apartMax = await signedLoad(target.url, { durationS: DURATION_S, connections: 4, next });
    const tApart = await apartStreams;
    const togetherStreams = visitors(target.url, DURATION_S + 1);
    await settle();
    const together = await pacedLoad(target.url, { durationS: DURATION_S, ratePerSecond: STEADY_RATE, next });
    const tTogether = await togetherStreams;
    const figures: Figure[] = [
      figure(`webhook p99 at ${STEADY_RATE}/s, alone`, alone.p99, fmtMs(alone.p99)),
      figure(`webhook p99 at ${STEADY_RATE}/s beside ${STREAMS} Try it streams (TRY_IT=only process)`, apart.p99, fmtMs(apart.p99), atMost(TARGET_P99_MS, `≤ ${TARGET_P99_MS} ms`)),
      figure(`webhook p99 at ${STEADY_RATE}/s beside ${STREAMS} Try it streams (same process)`, together.p99, fmtMs(together.p99)),
      figure('webhook p99 saturated, alone', aloneMax.p99Ms, fmtMs(aloneMax.p99Ms)),
      figure(`webhook p99 saturated, beside ${STREAMS} Try it streams (TRY_IT=only process)`, apartMax.p99Ms, fmtMs(apartMax.p99Ms)),
    ];
    const lines = [
      `try it beside the webhook: ${STREAMS} streams of 115 KiB pastes from distinct clients, ${DURATION_S} s per load`,
      `  Try it process: ${tApart.answered} answered, ${tApart.busy} told busy (503), ${tApart.limited} rate-limited (429); same process: ${tTogether.answered} answered, ${tTogether.busy} busy`,
      `  webhook: saturated ${round(apartMax.requestsPerSecond, 0)} req/s beside Try it's process (${round(aloneMax.requestsPerSecond, 0)} alone); steady ${round(apart.ratePerSecond, 0)} req/s (${apart.failed + together.failed} not 2xx), p50 ${fmtMs(apart.p50)} beside, ${fmtMs(together.p50)} in the same process, ${fmtMs(alone.p50)} alone`,
      ...figures.map((f) => line(f)),
    ];
    return { name: 'try-it-load', pass: overall(figures), summary: lines.join('\n'), metrics: { alone, apart, apartMax, together, aloneMax, tryIt: { apart: tApart, together: tTogether } } };
  } finally {
    await Promise.all([target.stop(), tryIt.stop()]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(tryDir, { recursive: true, force: true });
  }
}
