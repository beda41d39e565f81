// Try it's reading budget for all visitors together (issue 12): the per-client limit cannot bound the total, since a
// script rotates addresses, and each reading still costs the event loop that answers Zendesk's webhooks a few
// milliseconds and memory the collector must clear (receiving the paste, sending a page of a few hundred KiB). A
// token bucket: `perSecond` readings a second on average, `burst` at once. Pure, with the clock passed in.

export interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  at: number;
}

export interface Taken {
  ok: boolean;
  bucket: Bucket;
  /** Whole seconds until a reading is possible again (for Retry-After); 0 when ok. */
  retryAfterS: number;
}

export const fullBucket = (burst: number, nowMs: number): Bucket => ({ tokens: burst, at: nowMs });

export function takeReading(b: Bucket, nowMs: number, perSecond: number, burst: number): Taken {
  // A clock that goes back (a test clock reset, an NTP step) refills nothing rather than draining the bucket.
  const elapsed = Math.max(0, nowMs - b.at);
  const tokens = Math.min(burst, b.tokens + (elapsed / 1000) * perSecond);
  if (tokens >= 1) return { ok: true, bucket: { tokens: tokens - 1, at: nowMs }, retryAfterS: 0 };
  return { ok: false, bucket: { tokens, at: nowMs }, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
}

/** The budget as Try it holds it: `perSecond` readings a second, bursts of twice that (at least one). */
export function createReadingBudget(perSecond: number, now: () => Date): { take(): Omit<Taken, 'bucket'> } {
  const burst = Math.max(1, Math.ceil(2 * perSecond));
  let bucket = fullBucket(burst, now().getTime());
  return {
    take() {
      const { bucket: next, ...taken } = takeReading(bucket, now().getTime(), perSecond, burst);
      bucket = next;
      return taken;
    },
  };
}
