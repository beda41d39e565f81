// Signed webhook deliveries at a steady rate (open loop): one every 1000/rate ms whether or not earlier ones are
// answered, each timed from the moment it was due, so a late generator or a stalled server shows up as latency
// instead of being left out (coordinated omission). autocannon's overallRate sends each second's quota in a burst at
// the start of the second, which measures the burst's queue rather than what a delivery waits for.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { spread, type Spread } from './stats.js';
import type { Delivery } from './zendesk-webhook.js';

export interface PacedResult extends Spread {
  ratePerSecond: number;
  failed: number;
}

function post(agent: Agent, url: URL, d: Delivery): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ agent, host: url.hostname, port: url.port, method: 'POST', path: '/webhooks/zendesk', headers: { ...d.headers, 'content-length': Buffer.byteLength(d.body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', () => resolve(0));
    req.end(d.body);
  });
}

export async function pacedLoad(baseUrl: string, o: { durationS: number; ratePerSecond: number; next: () => Delivery }): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const url = new URL(baseUrl);
  const interval = 1000 / o.ratePerSecond;
  const total = Math.round(o.durationS * o.ratePerSecond);
  const latencies: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      post(agent, url, o.next()).then((status) => {
        latencies.push(performance.now() - due);
        if (status < 200 || status > 299) failed++;
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return { ...spread(latencies), ratePerSecond: total / ((performance.now() - start) / 1000), failed };
}
