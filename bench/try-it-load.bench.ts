// Try it beside the webhook (issue 12): anonymous visitors pasting large tickets must not slow Zendesk's deliveries.
// The webhook's p99 is measured alone, then while eight Try it streams post 100 KiB pastes as fast as they are
// answered, each from its own client address (X-Forwarded-For with TRUST_PROXY=1, so the per-client limit does not
// simply refuse them: this measures the worker pool and its bounded queue, the part a rate limit cannot cover).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTarget } from './lib/child.js';
import { signedLoad } from './lib/load.js';
import { fmtMs, round } from './lib/stats.js';
import { paste } from './lib/try-it-paste.js';
import { atMost, figure, line, overall, type Figure } from './lib/verdict.js';
import { BENCH_WEBHOOK_SECRET, commentAddedBody, signDelivery } from './lib/zendesk-webhook.js';
import type { BenchResult } from './types.js';

const DURATION_S = Number(process.env.BENCH_TRYIT_SECONDS ?? 5);
const STREAMS = 8;
const TARGET_P99_MS = 10;

let ticket = 5_000_000;
const next = () => signDelivery(commentAddedBody(++ticket, ticket * 10, 42));

async function tryItStream(url: string, client: number, until: number): Promise<{ answered: number; busy: number; limited: number }> {
  const ip = `198.51.100.${client + 1}`;
  const out = { answered: 0, busy: 0, limited: 0 };
  while (Date.now() < until) {
    const page = await fetch(`${url}/`, { headers: { 'x-forwarded-for': ip } });
    const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const body = paste(token);
    const r = await fetch(`${url}/`, { method: 'POST', headers: { 'x-forwarded-for': ip, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
    await r.arrayBuffer();
    if (r.status === 200) out.answered++;
    else if (r.status === 503) out.busy++;
    else if (r.status === 429) out.limited++;
  }
  return out;
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
    const alone = await signedLoad(target.url, { durationS: DURATION_S, connections: 4, next });
    const until = Date.now() + (DURATION_S + 1) * 1000;
    const streams = Array.from({ length: STREAMS }, (_, i) => tryItStream(target.url, i, until));
    const beside = await signedLoad(target.url, { durationS: DURATION_S, connections: 4, next });
    const t = (await Promise.all(streams)).reduce((a, b) => ({ answered: a.answered + b.answered, busy: a.busy + b.busy, limited: a.limited + b.limited }));
    const figures: Figure[] = [
      figure('webhook p99, alone', alone.p99Ms, fmtMs(alone.p99Ms)),
      figure(`webhook p99 beside ${STREAMS} Try it streams`, beside.p99Ms, fmtMs(beside.p99Ms), atMost(TARGET_P99_MS, `≤ ${TARGET_P99_MS} ms`)),
    ];
    const lines = [
      `try it beside the webhook: ${STREAMS} streams of 115 KiB pastes from distinct clients, ${DURATION_S} s`,
      `  Try it: ${t.answered} answered, ${t.busy} told busy (503), ${t.limited} rate-limited (429); webhook ${round(beside.requestsPerSecond, 0)} req/s beside it (${round(alone.requestsPerSecond, 0)} alone)`,
      ...figures.map((f) => line(f)),
    ];
    return { name: 'try-it-load', pass: overall(figures), summary: lines.join('\n'), metrics: { alone, beside, tryIt: t } };
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
