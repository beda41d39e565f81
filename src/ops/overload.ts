// Overload protection for the webhook: when the event loop lags or memory runs high, answer 503 with Retry-After
// (Zendesk retries a 503 that carries Retry-After < 60 s, so nothing is lost) instead of accepting work we cannot
// store in time. Health and readiness routes are never guarded.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface OverloadLimits {
  /** p99 event-loop delay over the last sampling window; 0 = off. */
  maxEventLoopDelayMs: number;
  /** Resident set size; 0 = off. */
  maxRssBytes: number;
}
export interface LoadSample {
  eventLoopDelayMs: number;
  rssBytes: number;
}
export type OverloadVerdict = { overloaded: false } | { overloaded: true; reason: 'event_loop_delay' | 'memory'; retryAfterS: number };

/** Pure: decides from one sample. */
export function overloadVerdict(s: LoadSample, l: OverloadLimits): OverloadVerdict {
  if (l.maxEventLoopDelayMs > 0 && s.eventLoopDelayMs > l.maxEventLoopDelayMs) return { overloaded: true, reason: 'event_loop_delay', retryAfterS: 5 };
  if (l.maxRssBytes > 0 && s.rssBytes > l.maxRssBytes) return { overloaded: true, reason: 'memory', retryAfterS: 10 };
  return { overloaded: false };
}

export interface OverloadGuard {
  check(): OverloadVerdict;
  /** Replaceable in tests; by default reads the event-loop histogram and process memory. */
  sample: () => LoadSample;
  stop(): void;
}

export function createOverloadGuard(limits: OverloadLimits, windowMs = 1000): OverloadGuard {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  let last: LoadSample = { eventLoopDelayMs: 0, rssBytes: process.memoryUsage.rss() };
  // Reset the histogram every window so one slow second does not stick forever.
  const timer = setInterval(() => {
    last = { eventLoopDelayMs: h.percentile(99) / 1e6, rssBytes: process.memoryUsage.rss() };
    h.reset();
  }, windowMs);
  timer.unref();
  const guard: OverloadGuard = {
    sample: () => last,
    check: () => overloadVerdict(guard.sample(), limits),
    stop() {
      clearInterval(timer);
      h.disable();
    },
  };
  return guard;
}
