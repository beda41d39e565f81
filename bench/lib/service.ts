// The real service (src/server.ts) as a child process, wired to a loopback fake Zendesk: what an admin runs, so
// RSS, crashes and two-instance runs are the service's own. By default through tsx like the test suite;
// `compiled: true` runs the tsc output (compiled-server.ts), as the Docker image does.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort, type ServerProcess } from '../../test/helpers/server-process.js';
import { ROOT } from './child.js';
import { compiledServer } from './compiled-server.js';
import { BENCH_WEBHOOK_SECRET } from './zendesk-webhook.js';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

/**
 * The heap limits compose.yaml sets: a 4 MB young generation and an old-space cap at twice the largest live heap
 * measured (~60 MB). Without them V8 grows the heap lazily to ~250 MB, which is RSS an admin pays for nothing.
 */
export const DEPLOY_NODE_OPTIONS = '--max-semi-space-size=4 --max-old-space-size=128';

export type Service = ServerProcess & { compiled: boolean };

/** Environment for one instance talking to `zd`; `extra` wins (DATA_DIR or DATABASE_URL, timeouts, poll). */
export function serviceEnv(zd: { url: string; email: string; token: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    LOG_LEVEL: 'warn',
    ZENDESK_URL: zd.url,
    ZENDESK_EMAIL: zd.email,
    ZENDESK_API_TOKEN: zd.token,
    ZENDESK_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    RECONCILE_INTERVAL_S: '0',
    ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    ...extra,
  };
}

/** Starts one instance and waits for /healthz (bounded by timeoutMs). Output is kept, the last 200 kB of it. */
export async function startServiceProcess(env: Record<string, string>, opts: { compiled?: boolean; timeoutMs?: number } = {}): Promise<Service> {
  const entry = opts.compiled ? await compiledServer() : null;
  const args = entry ? [entry] : ['--import', 'tsx', 'src/server.ts'];
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    compiled: entry !== null,
    output: () => out,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

export function startService(zd: { url: string; email: string; token: string }, extra: Record<string, string> = {}, opts: { compiled?: boolean } = {}): Promise<Service> {
  return startServiceProcess(serviceEnv(zd, extra), opts);
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export function processMemory(pid: number): { rssBytes: number; peakRssBytes: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; null off Linux. Ticks are
 * USER_HZ, 100 a second on every Linux this runs on.
 */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** One sample (summed over labels matching `labels`) from the Prometheus text at /metrics; null if absent. */
export async function scrape(url: string, name: string, labels: Record<string, string> = {}): Promise<number | null> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let sum: number | null = null;
  for (const l of text.split('\n')) {
    if (!l.startsWith(name) || (l[name.length] !== ' ' && l[name.length] !== '{')) continue;
    if (!Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`))) continue;
    sum = (sum ?? 0) + Number(l.slice(l.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Waits until the instance has no unprocessed event and no unsent outbox row (bounded by timeoutMs). */
export async function waitIdle(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const events = ((await scrape(url, 'm365_events_pending')) ?? 1) + ((await scrape(url, 'm365_events_processing')) ?? 0);
    const pending = await scrape(url, 'm365_outbox_depth', { state: 'pending' });
    const claimed = await scrape(url, 'm365_outbox_depth', { state: 'claimed' });
    if (events === 0 && pending === 0 && claimed === 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
