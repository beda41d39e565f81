// Slack Web API failures as the outbox sees them (src/slack/slack-errors.ts): each failure is produced by the fake
// Slack in the shape Slack documents (pages cited in test/fakes/slack.ts) and arrives through the app's own Web API
// client (createBoltApp: no hidden retries, 429s rejected at once). The expected handling is the README's ("Draft
// cards and approval") and docs/operations.md's: rate limits wait for Retry-After (a minute without one);
// configuration errors wait for an admin, retried every 5 minutes without using up attempts, with one sentence saying
// what to fix; a failure that may have posted all the same is retried (the sender looks for the card first); what
// Slack refuses for good is dead-lettered at once. The end-to-end consequences are in send.test.ts.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import { createMetrics } from '../../src/ops/metrics.js';
import { createBoltApp } from '../../src/slack/bolt-app.js';
import { FastifyReceiver } from '../../src/slack/receiver.js';
import { configAdvice, slackErrorCode, toRetryHint, type RetryHintError } from '../../src/slack/slack-errors.js';
import { FakeSlack, type SlackFailure } from '../fakes/slack.js';

const CHANNEL = 'C0REVIEW';
const FIVE_MINUTES = 5 * 60_000;

let slack: FakeSlack;
let bolt: App;
beforeAll(async () => {
  slack = await new FakeSlack().start();
  slack.addChannel(CHANNEL);
  const log = pino({ level: 'silent' });
  bolt = createBoltApp({ botToken: slack.token, apiUrl: slack.apiUrl, receiver: new FastifyReceiver({ log }), log, metrics: createMetrics({ defaults: false }) });
});
afterAll(() => slack.stop());

/** chat.postMessage with the given failure scripted (or none); the error the app's client threw. */
async function postFailing(failure: SlackFailure | null, args: Record<string, unknown> = {}): Promise<unknown> {
  if (failure) slack.failNext('chat.postMessage', failure);
  try {
    await bolt.client.chat.postMessage({ channel: CHANNEL, text: 'card', ...args });
  } catch (err) {
    return err;
  }
  throw new Error('chat.postMessage succeeded; the test expected it to fail');
}
const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } });

describe('how a Slack failure is handled', () => {
  it.each<[string, SlackFailure, number]>([
    ['HTTP 429 with Retry-After 7', { status: 429, retryAfter: 7 }, 7000],
    ['ratelimited (HTTP 200) with Retry-After 30', { error: 'ratelimited', retryAfter: 30 }, 30_000],
    ['rate_limited with Retry-After 9', { error: 'rate_limited', retryAfter: 9 }, 9000],
    ['rate_limited without Retry-After', { error: 'rate_limited' }, 60_000],
    ['message_limit_exceeded without Retry-After', { error: 'message_limit_exceeded' }, 60_000],
  ])('a rate limit (%s) waits for Retry-After, a minute without one', async (_name, failure, waitMs) => {
    const err = await postFailing(failure);
    const h = toRetryHint('chat.postMessage', err);
    expect(h).toMatchObject({ kind: 'rate', retryable: true, retryAfterMs: waitMs });
    expect(h.waitForConfig).toBeUndefined();
  });

  it.each<[string, string, string]>([
    ['not_in_channel', 'invite it there (/invite @m365-guide)', CHANNEL],
    ['channel_not_found', 'does not exist or the bot cannot see it', CHANNEL],
    ['is_archived', 'is archived: unarchive it or set another channel', CHANNEL],
    ['invalid_auth', 'set a valid SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN'],
    ['not_authed', 'set a valid SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN'],
    ['token_revoked', 'set a valid SLACK_BOT_TOKEN (reinstall the app if it was revoked)', 'SLACK_BOT_TOKEN'],
    ['account_inactive', 'set a valid SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN'],
  ])('a configuration error (%s) waits for an admin, every 5 minutes, and says what to fix', async (code, fix, names) => {
    const err = await postFailing({ error: code });
    expect(slackErrorCode(err)).toBe(code);
    const h = toRetryHint('chat.postMessage', err);
    expect(h).toMatchObject({ kind: 'config', code, retryable: true, waitForConfig: true, retryAfterMs: FIVE_MINUTES });
    const advice = configAdvice(code, err, CHANNEL);
    expect(advice).toContain(fix);
    expect(advice).toContain(names);
  });

  it('a missing scope names the scope Slack says is needed', async () => {
    slack.scopes.delete('chat:write');
    try {
      const err = await postFailing(null);
      expect(toRetryHint('chat.postMessage', err)).toMatchObject({ kind: 'config', code: 'missing_scope', waitForConfig: true });
      expect(configAdvice('missing_scope', err, CHANNEL)).toContain('lacks the scope chat:write');
    } finally {
      slack.scopes.add('chat:write');
    }
  });

  it.each<[string, SlackFailure, string]>([
    // "It's possible some aspect of the operation succeeded" (chat.postMessage#errors).
    ['internal_error', { error: 'internal_error' }, 'internal_error'],
    ['fatal_error', { error: 'fatal_error' }, 'fatal_error'],
    ['service_unavailable', { error: 'service_unavailable' }, 'service_unavailable'],
    ['request_timeout', { error: 'request_timeout' }, 'request_timeout'],
    ['HTTP 503', { status: 503 }, 'http_503'],
    ['HTTP 500', { status: 500 }, 'http_500'],
    ['no answer (the connection dropped)', { drop: true }, 'no_answer'],
  ])('a failure that may have posted all the same (%s) is retried, without a wait of its own', async (_name, failure, code) => {
    const h: RetryHintError = toRetryHint('chat.postMessage', await postFailing(failure));
    expect(h).toMatchObject({ kind: 'ambiguous', retryable: true, code });
    expect(h.retryAfterMs).toBeUndefined(); // the outbox's backoff decides
    expect(h.waitForConfig).toBeUndefined();
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ['msg_too_long', () => postFailing({ error: 'msg_too_long' }), 'msg_too_long'],
    ['no_text', () => postFailing({ error: 'no_text' }), 'no_text'],
    // The fake's own Block Kit check: 51 blocks, one over Slack's limit of 50.
    ['invalid_blocks (51 blocks)', () => postFailing(null, { blocks: Array.from({ length: 51 }, () => section('x')) }), 'invalid_blocks'],
  ])('what Slack refuses for good (%s) is not retried: it becomes a dead letter at once', async (_name, call, code) => {
    const h = toRetryHint('chat.postMessage', await call());
    expect(h).toMatchObject({ kind: 'refused', retryable: false, code });
  });

  it('a failure that is not the Web API\'s own is retried, as one that may have posted', () => {
    expect(toRetryHint('chat.update', new Error('socket closed'))).toMatchObject({ kind: 'ambiguous', retryable: true, message: 'Slack chat.update failed: socket closed' });
    expect(slackErrorCode(new Error('socket closed'))).toBeNull();
  });
});
