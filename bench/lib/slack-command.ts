// A Slack slash command as Slack sends it: form-encoded, signed v0=HMAC-SHA256(secret, `v0:{ts}:{body}`) in
// X-Slack-Signature with X-Slack-Request-Timestamp (api.slack.com/authentication/verifying-requests-from-slack).
// Computed here with node:crypto, independent of the code under test.
import { createHmac, randomUUID } from 'node:crypto';

export const BENCH_SLACK_SECRET = 'bench-slack-signing-secret-1234';

export function signedCommand(text: string, responseUrl: string): { headers: Record<string, string>; body: string } {
  const body = new URLSearchParams({
    token: 'legacy-unused',
    team_id: 'T0BENCH',
    team_domain: 'mailstore',
    channel_id: 'C0SUPPORT',
    channel_name: 'support',
    user_id: 'U0AGENT',
    user_name: 'anna',
    command: '/m365-guide',
    text,
    api_app_id: 'A0BENCH',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', BENCH_SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
  };
}
