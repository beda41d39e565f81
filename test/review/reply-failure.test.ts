// The reason a dead public reply shows on its draft card (the not-posted state, test/review/draft-card.test.ts):
// an outbox error cut to 200 characters, with no secret of the configuration and no credential of any kind in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configuredSecrets, failureReason, REASON_MAX } from '../../src/review/reply-failure.js';

// One value per secret the configuration reads (README, "Configuration"), each long and unlike the others.
const SECRETS = {
  ZENDESK_API_TOKEN: 'zdTokenAbc123def456ghi789',
  ZENDESK_WEBHOOK_SECRET: 'webhookSecretOld0123456789,webhookSecretNew0123456789',
  ADMIN_TOKEN: 'adminToken0123456789abcdef',
  SLACK_SIGNING_SECRET: 'slackSigningSecret0123456789',
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-slackBotToken',
  REVIEW_SESSION_SECRET: 'reviewSessionSecret-0123456789-0123456789',
  ZENDESK_APP_SESSION_SECRET: 'zendeskAppSessionSecret-0123456789-0123456789',
};
const config = loadConfig({
  LOG_LEVEL: 'silent',
  ZENDESK_URL: 'https://acme.zendesk.com',
  ZENDESK_EMAIL: 'bot@acme.example',
  ZENDESK_APP_PUBLIC_KEY: 'https://acme.zendesk.com/api/v2/apps/77/public_key.pem',
  ZENDESK_APP_INSTALLATION_ID: '123456',
  REVIEW_USERS: '[]',
  ...SECRETS,
});
const values = Object.values(SECRETS).flatMap((v) => v.split(','));

describe('the reason on a not-posted card', () => {
  it('shows no secret the configuration holds, wherever the error quotes it', () => {
    const secrets = configuredSecrets(config);
    for (const v of values) {
      const shown = failureReason(`Zendesk did not answer PUT tickets.update: Error: request to ${v} failed (${v})`, secrets);
      expect(shown, v).not.toContain(v);
      expect(shown).toBe('Zendesk did not answer PUT tickets.update: Error: request to [redacted] failed ([redacted])');
    }
  });

  it('shows no credential that is not configured either: Basic, Bearer, a URL’s user:password, a Slack token', () => {
    const shown = failureReason(
      'fetch https://bot%40acme.example:hunter2@acme.zendesk.com/api/v2 with Authorization: Basic Ym90QGFjbWUvdG9rZW46eHl6 or Bearer eyJhbGciOi.J9.sig; slack xoxp-9-8-secret',
      [],
    );
    for (const leaked of ['hunter2', 'bot%40acme.example', 'Ym90QGFjbWUvdG9rZW46eHl6', 'eyJhbGciOi', 'xoxp-9-8-secret']) expect(shown).not.toContain(leaked);
    expect(shown).toBe('fetch https://[redacted]@acme.zendesk.com/api/v2 with Authorization: Basic [redacted] or Bearer [redacted]; slack [redacted]');
  });

  it('is one line of at most 200 characters, cut with an ellipsis; a short error is shown whole', () => {
    expect(REASON_MAX).toBe(200);
    expect(failureReason('Zendesk answered 500\n  to PUT tickets.update', [])).toBe('Zendesk answered 500 to PUT tickets.update');
    const long = `Zendesk answered 500 to PUT tickets.update: ${'x'.repeat(300)}`;
    const shown = failureReason(long, []);
    expect(shown).toHaveLength(200);
    expect(shown).toBe(`${long.slice(0, 199)}…`);
    expect(failureReason('y'.repeat(200), [])).toBe('y'.repeat(200));
  });

  it('never shows a configured secret or its beginning, at any place in any error, and never more than 200 characters', () => {
    const secrets = configuredSecrets(config);
    // size 'max': lengths spread over 0–300, so the secret often straddles the cut at 200.
    const text = fc.string({ maxLength: 300, size: 'max' });
    fc.assert(
      fc.property(text, fc.constantFrom(...values), text, (before, secret, after) => {
        const shown = failureReason(`${before}${secret}${after}`, secrets);
        return !shown.includes(secret.slice(0, 8)) && shown.length <= REASON_MAX;
      }),
    );
  });
});
