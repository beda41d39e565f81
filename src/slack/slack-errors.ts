// Slack Web API failures as outbox retry hints. The client is built with retries: 0 and rejectRateLimitedCalls, so
// every failure surfaces here at once and the outbox decides:
// - rate limits (HTTP 429 `ratelimited`, `rate_limited`, `message_limit_exceeded`) wait Retry-After, or a minute;
// - configuration errors (bot not in the channel, channel gone, missing scope, bad token) will fail for every card
//   until an admin acts: reported once as a configuration problem (/readyz, /metrics), the rows wait and retry every
//   few minutes without using up their attempts, so they go out once the cause is fixed;
// - ambiguous failures (a timeout, a 5xx, internal_error/fatal_error: "it's possible some aspect of the operation
//   succeeded", https://docs.slack.dev/reference/methods/chat.postMessage#errors) retry, and the sender looks for
//   the message before posting again;
// - anything else Slack refused (invalid_blocks, msg_too_long…) is dead-lettered at once.
import { webApi } from '@slack/bolt';

export type SlackFailureKind = 'rate' | 'config' | 'ambiguous' | 'refused';

export interface RetryHintError extends Error {
  retryable: boolean;
  retryAfterMs?: number;
  /** Wait for an admin: retried without counting towards OUTBOX_MAX_ATTEMPTS. */
  waitForConfig?: boolean;
  kind?: SlackFailureKind;
  code?: string;
}

const RATE = new Set(['ratelimited', 'rate_limited', 'message_limit_exceeded']);
const AMBIGUOUS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
export const CONFIG_ERRORS = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'missing_scope',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'restricted_action',
  'ekm_access_denied',
]);
export const CONFIG_RETRY_MS = 5 * 60_000;

export function hint(message: string, retryable: boolean, retryAfterMs?: number): RetryHintError {
  return Object.assign(new Error(message), { retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}

/** The platform error code (`not_in_channel`…) of a Web API failure, or null. */
export function slackErrorCode(err: unknown): string | null {
  if (err instanceof webApi.WebAPIRateLimitedError) return 'ratelimited';
  if (err instanceof webApi.WebAPIPlatformError) return String(err.data.error);
  return null;
}

/** What an admin must do about a configuration error, in one sentence. */
export function configAdvice(code: string, err: unknown, channel?: string | null): string {
  const needed = err instanceof webApi.WebAPIPlatformError ? (err.data as { needed?: string }).needed : undefined;
  switch (code) {
    case 'not_in_channel':
      return `The bot is not a member of SLACK_REVIEW_CHANNEL ${channel ?? ''}: invite it there (/invite @m365-guide). Cards wait and go out once it is in.`;
    case 'channel_not_found':
      return `SLACK_REVIEW_CHANNEL ${channel ?? ''} does not exist or the bot cannot see it (a private channel needs the bot invited first): check the channel id.`;
    case 'is_archived':
      return `SLACK_REVIEW_CHANNEL ${channel ?? ''} is archived: unarchive it or set another channel.`;
    case 'missing_scope':
      return `The bot token lacks the scope ${needed ?? '(see slack-manifest.yaml)'}: add it under OAuth & Permissions (or recreate the app from slack-manifest.yaml) and reinstall the app.`;
    default:
      return `Slack refused the bot token (${code}): set a valid SLACK_BOT_TOKEN (reinstall the app if it was revoked).`;
  }
}

export function toRetryHint(method: string, err: unknown): RetryHintError {
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return Object.assign(hint(`Slack rate-limited ${method}; retry after ${err.retryAfter}s`, true, Math.max(1, err.retryAfter) * 1000), { kind: 'rate' as const, code: 'ratelimited' });
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = String(err.data.error);
    if (RATE.has(code)) {
      // Slack names the wait in Retry-After when it has one (https://docs.slack.dev/apis/web-api/rate-limits).
      const after = (err.data.response_metadata as { retryAfter?: number } | undefined)?.retryAfter;
      return Object.assign(hint(`Slack ${method} failed: ${code}`, true, Math.max(1, after ?? 60) * 1000), { kind: 'rate' as const, code });
    }
    if (CONFIG_ERRORS.has(code)) {
      return Object.assign(hint(`Slack ${method} failed: ${code} (a configuration problem; waiting for it to be fixed)`, true, CONFIG_RETRY_MS), {
        kind: 'config' as const,
        code,
        waitForConfig: true,
      });
    }
    if (AMBIGUOUS.has(code)) return Object.assign(hint(`Slack ${method} failed: ${code}`, true), { kind: 'ambiguous' as const, code });
    return Object.assign(hint(`Slack ${method} failed: ${code}`, false), { kind: 'refused' as const, code });
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    const retry = err.statusCode >= 500 || err.statusCode === 408;
    return Object.assign(hint(`Slack ${method} answered HTTP ${err.statusCode}`, retry), { kind: retry ? ('ambiguous' as const) : ('refused' as const), code: `http_${err.statusCode}` });
  }
  if (err instanceof webApi.WebAPIRequestError) {
    // A timeout may still have posted: the sender looks for the message (its metadata) before posting again.
    return Object.assign(hint(`Slack ${method} did not answer: ${err.original.message}`, true), { kind: 'ambiguous' as const, code: 'no_answer' });
  }
  return Object.assign(hint(`Slack ${method} failed: ${err instanceof Error ? err.message : String(err)}`, true), { kind: 'ambiguous' as const });
}
