// Try it's budget for all visitors together (src/review/try-it-budget.ts): a token bucket with the clock passed in.
import { describe, expect, it } from 'vitest';
import { fullBucket, takeReading, type Bucket } from '../../src/review/try-it-budget.js';

function takeMany(b: Bucket, now: number, n: number, perSecond: number, burst: number) {
  const oks: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const t = takeReading(b, now, perSecond, burst);
    oks.push(t.ok);
    b = t.bucket;
  }
  return { oks, bucket: b };
}

describe('Try it budget', () => {
  it('a burst of `burst` readings at once, then refusals with a Retry-After of at least a second', () => {
    const { oks, bucket } = takeMany(fullBucket(4, 0), 0, 6, 2, 4);
    expect(oks).toEqual([true, true, true, true, false, false]);
    const next = takeReading(bucket, 0, 2, 4);
    expect(next.ok).toBe(false);
    expect(next.retryAfterS).toBe(1);
  });

  it('refills at `perSecond` and never above `burst`', () => {
    let b = takeMany(fullBucket(4, 0), 0, 4, 2, 4).bucket;
    expect(takeReading(b, 499, 2, 4).ok).toBe(false);
    b = takeReading(b, 499, 2, 4).bucket;
    // Half a second at two a second: one reading.
    const half = takeMany(b, 500, 2, 2, 4);
    expect(half.oks).toEqual([true, false]);
    // An hour later the bucket holds `burst`, not 7,200.
    expect(takeMany(half.bucket, 3_600_000, 6, 2, 4).oks).toEqual([true, true, true, true, false, false]);
  });

  it('a slow budget says how long to wait: one reading every ten seconds', () => {
    const b = takeReading(fullBucket(1, 0), 0, 0.1, 1).bucket;
    const t = takeReading(b, 2_000, 0.1, 1);
    expect(t.ok).toBe(false);
    expect(t.retryAfterS).toBe(8);
  });

  it('a clock that steps back refills nothing', () => {
    const b = takeMany(fullBucket(2, 10_000), 10_000, 2, 1, 2).bucket;
    expect(takeReading(b, 5_000, 1, 2).ok).toBe(false);
  });
});
