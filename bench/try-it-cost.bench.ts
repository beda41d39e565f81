// What one Try it POST costs the event loop (issue 12): the main thread's busy time per request with the 115 KiB
// paste of try-it-load, i.e. everything except the worker pool's part (which runs on its own thread at nice 19).
// The app is built in this process and listens on loopback; the client runs in a worker thread, so its own work
// (building and sending the form, reading the page) is not on the thread measured. Requests go one at a time, so
// the pool is never busy and every request is a full reading and page.
// Two measures of the same thing: the event loop's utilisation (performance.eventLoopUtilization(), active time:
// wall-clock, so it grows when the machine is busy) and, on Linux, the main thread's own CPU time
// (/proc/self/task/<pid>/stat, 10 ms ticks over the whole batch), which a loaded machine does not inflate. Beside
// them the main thread's garbage collection (perf_hooks 'gc' entries): its pauses hold up every other request too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { fmtMs, round } from './lib/stats.js';
import { paste } from './lib/try-it-paste.js';
import { figure, line } from './lib/verdict.js';
import type { BenchResult } from './types.js';

// Which collection a 'gc' entry was: perf_hooks.constants.NODE_PERFORMANCE_GC_MINOR, _MAJOR, _INCREMENTAL, _WEAKCB.
const GC_KIND: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

const REQUESTS = Number(process.env.BENCH_TRYIT_COST_REQUESTS ?? 100);
const WARMUP = 10;

interface ThreadCpu {
  user: number;
  system: number;
}

/** The main thread's CPU time in ms, or null off Linux. The main thread's task id is the pid. */
function mainThreadCpu(): ThreadCpu | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state is field 3, utime 14 and stime 15 (proc(5)), in clock ticks of 10 ms on Linux.
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return null;
  }
}

// The client, as plain JavaScript in a worker thread: GET / for the CSRF token and cookie, then, on each message
// from the main thread, `count` requests of one kind one at a time: POSTs of the paste, each from its own address
// (TRUST_PROXY=1, so the per-client limit of 20 a minute does not answer instead of the page), or GETs of the empty
// page for comparison (no reading, a small page).
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, body } = workerData;
let n = 0;
(async () => {
  const page = await fetch(url + '/');
  const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const form = body.replace(/^_csrf=/, '_csrf=' + encodeURIComponent(token));
  const once = async (kind) => {
    const i = ++n;
    const ip = '10.' + ((i >> 16) & 255) + '.' + ((i >> 8) & 255) + '.' + (i & 255);
    const r = kind === 'post'
      ? await fetch(url + '/', { method: 'POST', headers: { 'x-forwarded-for': ip, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form })
      : await fetch(url + '/', { headers: { 'x-forwarded-for': ip, cookie } });
    return [r.status, (await r.text()).length];
  };
  parentPort.on('message', async ({ kind, count }) => {
    try {
      const statuses = {};
      let chars = 0;
      for (let i = 0; i < count; i++) {
        const [status, length] = await once(kind);
        statuses[status] = (statuses[status] ?? 0) + 1;
        chars += length;
      }
      parentPort.postMessage({ statuses, chars });
    } catch (e) {
      parentPort.postMessage({ error: String((e && e.stack) || e) });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

interface Batch {
  statuses: Record<string, number>;
  chars: number;
}

interface Cost {
  statuses: Record<string, number>;
  pageKiB: number;
  /** ELU active time per request, ms. */
  busy: number;
  utilization: number;
  /** Main thread CPU per request, ms (Linux). */
  cpu: ThreadCpu | null;
  /** The main thread's garbage collection: pause time per request and the longest pause, ms. */
  gc: { perRequest: number; longest: number; count: number; kinds: Record<string, number> };
}

type Reply = { ready?: true; error?: string } & Partial<Batch>;

function clientMessages(client: Worker): () => Promise<Reply> {
  const waiting: Array<(m: Reply) => void> = [];
  const arrived: Reply[] = [];
  const deliver = (m: Reply) => (waiting.length ? waiting.shift()!(m) : arrived.push(m));
  client.on('message', deliver);
  client.on('error', (e) => deliver({ error: String(e) }));
  return () => (arrived.length ? Promise.resolve(arrived.shift()!) : new Promise((resolve) => waiting.push(resolve)));
}

async function batch(client: Worker, next: () => Promise<Reply>, kind: 'post' | 'get', count: number): Promise<Cost> {
  client.postMessage({ kind, count: WARMUP });
  const warm = await next();
  if (warm.error) throw new Error(warm.error);
  const pauses: number[] = [];
  const kinds: Record<string, number> = {};
  const gc = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => {
      pauses.push(e.duration);
      const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
      kinds[GC_KIND[kind] ?? kind] = Math.max(kinds[GC_KIND[kind] ?? kind] ?? 0, e.duration);
    }),
  );
  gc.observe({ entryTypes: ['gc'] });
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = mainThreadCpu();
  client.postMessage({ kind, count });
  const done = await next();
  const elu = performance.eventLoopUtilization(elu0);
  const cpu1 = mainThreadCpu();
  gc.disconnect();
  if (done.error) throw new Error(done.error);
  return {
    statuses: done.statuses ?? {},
    pageKiB: (done.chars ?? 0) / count / 1024,
    busy: elu.active / count,
    utilization: elu.utilization,
    cpu: cpu0 && cpu1 ? { user: (cpu1.user - cpu0.user) / count, system: (cpu1.system - cpu0.system) / count } : null,
    gc: { perRequest: pauses.reduce((a, b) => a + b, 0) / count, longest: Math.max(0, ...pauses), count: pauses.length, kinds },
  };
}

function costLines(what: string, short: string, c: Cost): string[] {
  const figures = [
    figure(`${short}: event loop busy per request (ELU)`, c.busy, fmtMs(c.busy)),
    ...(c.cpu
      ? [
          figure(`${short}: main thread CPU per request, user`, c.cpu.user, fmtMs(c.cpu.user)),
          // Mostly the kernel's side of loopback TCP (the form coming in, the page going out).
          figure(`${short}: main thread CPU per request, system`, c.cpu.system, fmtMs(c.cpu.system)),
        ]
      : []),
    figure(`${short}: GC pauses per request (${c.gc.count} in the batch)`, c.gc.perRequest, fmtMs(c.gc.perRequest)),
    figure(`${short}: longest GC pause (${Object.entries(c.gc.kinds).map(([k, v]) => `${k} ${round(v, 0)}`).join(', ')})`, c.gc.longest, fmtMs(c.gc.longest)),
  ];
  const answers = Object.entries(c.statuses).map(([s, n]) => `${n} × ${s}`).join(', ');
  return [`  ${what}: ${answers}, ${round(c.pageKiB, 0)} Ki characters of page each, event loop ${round(c.utilization * 100, 0)} % busy`, ...figures.map((f) => line(f))];
}

export default async function tryItCost(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'm365-bench-tryit-cost-'));
  const config = loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: dir, TRUST_PROXY: '1', RECONCILE_INTERVAL_S: '0' });
  const app = await buildApp({ config, background: false }, { pluginTimeout: 120_000 });
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new Worker(CLIENT, { eval: true, workerData: { url, body: paste('').toString() } });
    try {
      const next = clientMessages(client);
      const ready = await next();
      if (ready.error) throw new Error(ready.error);
      const post = await batch(client, next, 'post', REQUESTS);
      const get = await batch(client, next, 'get', REQUESTS);
      const lines = [
        `try it cost on the event loop: ${REQUESTS} requests of each kind, one at a time, after ${WARMUP} to warm up (CPU from /proc, in 10 ms ticks over the batch)`,
        ...costLines('Try it POST of the 115 KiB paste', 'POST', post),
        ...costLines('GET / (the empty form, no reading), for comparison', 'GET', get),
      ];
      if ((post.statuses['200'] ?? 0) !== REQUESTS) lines.push('  (not every POST was answered with a reading: the POST figures are not per reading)');
      return { name: 'try-it-cost', pass: null, summary: lines.join('\n'), metrics: { requests: REQUESTS, post, get } };
    } finally {
      await client.terminate();
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
