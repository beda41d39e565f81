// Try it beside the webhook (issue 12): anonymous visitors pasting large tickets must not slow Zendesk's deliveries.
// The webhook's p99 is measured alone, then while eight Try it streams post 100 KiB pastes as fast as they are
// answered, each from its own client address (X-Forwarded-For with TRUST_PROXY=1, so the per-client limit does not
// simply refuse them: this measures the worker pool and its bounded queue, the part a rate limit cannot cover).
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

const DURATION_S = Number(process.env.BENCH_TRYIT_SECONDS ?? 5);
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
  try {
    await signedLoad(target.url, { durationS: 1, connections: 4, next });
    // Two loads each: a steady STEADY_RATE deliveries a second (the target: what a delivery waits for while Try it
    // is busy; far above a helpdesk's real rate) and as fast as answered (for information: how much throughput Try
    // it's share of the event loop takes when the webhook saturates it, where every extra millisecond is queueing).
    const alone = await pacedLoad(target.url, { durationS: DURATION_S, ratePerSecond: STEADY_RATE, next });
    const aloneMax = await signedLoad(target.url, { durationS: DURATION_S, connections: 4, next });
    const streams = visitors(target.url, 2 * DURATION_S + 2);
    // Let the visitors' process start and their first pastes arrive before the webhook is measured beside them.
    await new Promise((r) => setTimeout(r, 1000));
    const beside = await pacedLoad(target.url, { durationS: DURATION_S, ratePerSecond: STEADY_RATE, next });
    const besideMax = await signedLoad(target.url, { durationS: DURATION_S, connections: 4, next });
    const t = await streams;
    const figures: Figure[] = [
      figure(`webhook p99 at ${STEADY_RATE}/s, alone`, alone.p99, fmtMs(alone.p99)),
      figure(`webhook p99 at ${STEADY_RATE}/s beside ${STREAMS} Try it streams`, beside.p99, fmtMs(beside.p99), atMost(TARGET_P99_MS, `≤ ${TARGET_P99_MS} ms`)),
      figure('webhook p99 saturated, alone', aloneMax.p99Ms, fmtMs(aloneMax.p99Ms)),
      figure(`webhook p99 saturated, beside ${STREAMS} Try it streams`, besideMax.p99Ms, fmtMs(besideMax.p99Ms)),
    ];
    const lines = [
      `try it beside the webhook: ${STREAMS} streams of 115 KiB pastes from distinct clients, ${DURATION_S} s per load`,
      `  Try it: ${t.answered} answered, ${t.busy} told busy (503), ${t.limited} rate-limited (429); saturated webhook ${round(besideMax.requestsPerSecond, 0)} req/s beside it (${round(aloneMax.requestsPerSecond, 0)} alone); steady ${round(beside.ratePerSecond, 0)} req/s (${beside.failed} not 2xx), p50 ${fmtMs(beside.p50)} beside, ${fmtMs(alone.p50)} alone`,
      ...figures.map((f) => line(f)),
    ];
    return { name: 'try-it-load', pass: overall(figures), summary: lines.join('\n'), metrics: { alone, beside, aloneMax, besideMax, tryIt: t } };
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
