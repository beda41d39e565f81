// Slack Web API failures as outbox retry hints. The client is built with retries: 0 and rejectRateLimitedCalls, so
// every failure surfaces here at once and the outbox decides: 429 waits Retry-After; transient errors back off;
// errors that will never succeed (bad channel, missing scope, revoked token) are dead-lettered at once.
import { webApi } from '@slack/bolt';

export interface RetryHintError extends Error {
  retryable: boolean;
  retryAfterMs?: number;
}

const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export function hint(message: string, retryable: boolean, retryAfterMs?: number): RetryHintError {
  return Object.assign(new Error(message), { retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}

export function toRetryHint(method: string, err: unknown): RetryHintError {
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return hint(`Slack rate-limited ${method}; retry after ${err.retryAfter}s`, true, Math.max(1, err.retryAfter) * 1000);
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = String(err.data.error);
    return hint(`Slack ${method} failed: ${code}`, TRANSIENT.has(code));
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return hint(`Slack ${method} answered HTTP ${err.statusCode}`, err.statusCode >= 500 || err.statusCode === 408);
  }
  if (err instanceof webApi.WebAPIRequestError) {
    // A timeout may still have posted: a retry can duplicate a card, which is harmless (approval is once per draft,
    // whichever card is clicked); losing the card is not.
    return hint(`Slack ${method} did not answer: ${err.original.message}`, true);
  }
  return hint(`Slack ${method} failed: ${err instanceof Error ? err.message : String(err)}`, true);
}
