// autocannon against one URL with a fresh signed delivery per request (setupRequest signs each one with a new
// invocation id and timestamp, so none is a duplicate and every one is verified and stored).
import autocannon from 'autocannon';
import type { Delivery } from './zendesk-webhook.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
}

export async function signedLoad(url: string, o: { durationS: number; connections: number; next: () => Delivery }): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: o.connections,
    duration: o.durationS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/zendesk',
        setupRequest: (req) => {
          const d = o.next();
          return { ...req, headers: d.headers, body: d.body };
        },
      },
    ],
  });
  return {
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}
