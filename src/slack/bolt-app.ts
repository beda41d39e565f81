// The Bolt app: our receiver, our logger, a Web API client pointed at SLACK_API_URL (a loopback fake in tests) with
// no hidden retries, and the listeners. Bolt is used for what it is good at (routing payloads to listeners, ack,
// respond, typed payloads); signature checks, HTTP and sending through the outbox stay ours.
import { App, LogLevel, type Logger } from '@slack/bolt';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../zendesk/context.js';
import type { FastifyReceiver } from './receiver.js';

/** Bolt's Logger interface on top of the app's pino logger (one log stream, same redaction). */
export function boltLogger(log: FastifyBaseLogger): Logger {
  const child = log.child({ component: 'slack-bolt' });
  const fmt = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    // Bolt and web-api debug lines include request bodies (message text, ticket content): never logged.
    debug: () => {},
    info: (...m: unknown[]) => child.info(fmt(m)),
    warn: (...m: unknown[]) => child.warn(fmt(m)),
    error: (...m: unknown[]) => child.error(fmt(m)),
    // pino's level (LOG_LEVEL) decides; Bolt's own setting is ignored.
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/**
 * fetch with a deadline and a latency metric, shared by the Web API client and respond() (Bolt uses
 * clientOptions.fetch for response_url too). The Web API client's own `timeout` aborts too; either may fire.
 */
export function timedFetch(timeoutMs: number, metrics: Metrics): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = url.includes('/api/') ? url.slice(url.lastIndexOf('/') + 1) : 'response_url';
    const signal = init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    const started = performance.now();
    let status = 'error';
    try {
      const r = await fetch(input, { ...init, signal });
      status = String(r.status);
      return r;
    } finally {
      metrics.observe('slack_call_seconds', (performance.now() - started) / 1000, { method, status });
    }
  };
}

export function createBoltApp(opts: {
  botToken: string;
  apiUrl: string;
  receiver: FastifyReceiver;
  log: FastifyBaseLogger;
  metrics: Metrics;
  timeoutMs?: number;
}): App {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const bolt = new App({
    token: opts.botToken,
    receiver: opts.receiver,
    // No auth.test at boot (tests and restarts must not depend on Slack being up) …
    tokenVerificationEnabled: false,
    // … nor on every request: with verification off, Bolt calls auth.test for each event unless both ids are
    // known. We only use commands and interactivity, where the bot's own ids matter nowhere (ignoreSelf filters
    // Events API messages), so placeholders end the round trip before every ack.
    botId: 'unused',
    botUserId: 'unused',
    logger: boltLogger(opts.log),
    clientOptions: {
      slackApiUrl: opts.apiUrl,
      // web-api retries 10× over ~30 min by default and waits out 429s itself; a retried chat.postMessage can post
      // twice. Fail at once instead: the outbox retries with Retry-After, listeners report the failure.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: timeoutMs,
      fetch: timedFetch(timeoutMs, opts.metrics),
    },
  });
  // Rethrown so the receiver sees it: before the ack it answers with a sentence the person can act on (an empty
  // 200 would look like success); after the ack it only logs. Bolt resolves processEvent when this handler resolves.
  bolt.error(async (err) => {
    opts.log.error({ err: err.message, code: (err as { code?: string }).code }, 'slack listener failed');
    throw err;
  });
  return bolt;
}
