import { describe, expect, it } from 'vitest';
import { overloadVerdict } from '../../src/ops/overload.js';

describe('overloadVerdict', () => {
  const limits = { maxEventLoopDelayMs: 200, maxRssBytes: 500 * 1024 * 1024 };
  it('lets work in below the limits and refuses it above, naming the reason', () => {
    expect(overloadVerdict({ eventLoopDelayMs: 20, rssBytes: 100 * 1024 * 1024 }, limits)).toEqual({ overloaded: false });
    expect(overloadVerdict({ eventLoopDelayMs: 250, rssBytes: 0 }, limits)).toEqual({ overloaded: true, reason: 'event_loop_delay', retryAfterS: 5 });
    expect(overloadVerdict({ eventLoopDelayMs: 0, rssBytes: 600 * 1024 * 1024 }, limits)).toMatchObject({ overloaded: true, reason: 'memory' });
  });
  it('treats a limit of 0 as off', () => {
    expect(overloadVerdict({ eventLoopDelayMs: 1e6, rssBytes: 1e12 }, { maxEventLoopDelayMs: 0, maxRssBytes: 0 })).toEqual({ overloaded: false });
  });
});
