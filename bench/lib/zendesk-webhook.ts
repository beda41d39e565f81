// Zendesk webhook deliveries as Zendesk sends them: an event-subscribed body, a fresh invocation id, a timestamp and
// base64(HMAC-SHA256(secret, timestamp + body)) (developer.zendesk.com/documentation/webhooks/verifying/). Computed
// here with node:crypto, independent of the code under test.
import { createHmac, randomUUID } from 'node:crypto';

export const BENCH_WEBHOOK_SECRET = 'YmVuY2gtd2ViaG9vay1zZWNyZXQtbm90LWZvci1wcm9kdWN0aW9u';

export interface Delivery {
  headers: Record<string, string>;
  body: string;
  invocationId: string;
}

// The bodies are the tests' own (one shape for both): re-exported under the names the benches use.
export { commentAdded as commentAddedBody, tagsChanged as tagsChangedBody } from '../../test/fakes/zendesk-events.js';

/** Signs `body` now. Re-sending the same invocation id is what Zendesk does when it retries a delivery. */
export function signDelivery(body: object | string, opts: { secret?: string; invocationId?: string } = {}): Delivery {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = new Date().toISOString();
  const invocationId = opts.invocationId ?? randomUUID();
  const signature = createHmac('sha256', opts.secret ?? BENCH_WEBHOOK_SECRET).update(timestamp).update(raw).digest('base64');
  return {
    body: raw,
    invocationId,
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-id': '01BENCHWEBHOOK',
      'x-zendesk-webhook-invocation-id': invocationId,
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-signature': signature,
    },
  };
}

/** POSTs one delivery once; the HTTP status (0 when the connection failed, e.g. the instance is down). */
export async function deliverOnce(baseUrl: string, d: Delivery, timeoutMs = 5_000): Promise<{ status: number; retryAfterS: number | null }> {
  try {
    const res = await fetch(`${baseUrl}/webhooks/zendesk`, { method: 'POST', headers: d.headers, body: d.body, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    const ra = Number(res.headers.get('retry-after'));
    return { status: res.status, retryAfterS: Number.isFinite(ra) && ra > 0 ? ra : null };
  } catch {
    return { status: 0, retryAfterS: null };
  }
}

export interface DeliveryOutcome {
  status: number;
  attempts: number;
  /** Answers 503 (overload guard) that were retried, as Zendesk retries them. */
  refused: number;
}

/**
 * Delivers like Zendesk: a 503 with Retry-After is retried after that many seconds, a 409/429 too, up to
 * `maxAttempts`. The same invocation id and body are re-signed with a fresh timestamp, as a real retry would be.
 */
export async function deliver(baseUrl: string, d: Delivery, opts: { maxAttempts?: number; timeoutMs?: number } = {}): Promise<DeliveryOutcome> {
  const maxAttempts = opts.maxAttempts ?? 4;
  let refused = 0;
  let current = d;
  for (let attempt = 1; ; attempt++) {
    const r = await deliverOnce(baseUrl, current, opts.timeoutMs);
    const retryable = r.status === 503 || r.status === 429 || r.status === 409;
    if (r.status === 503) refused++;
    if (!retryable || attempt >= maxAttempts) return { status: r.status, attempts: attempt, refused };
    await new Promise((res) => setTimeout(res, Math.min(r.retryAfterS ?? 1, 10) * 1000));
    current = signDelivery(d.body, { invocationId: d.invocationId });
  }
}
