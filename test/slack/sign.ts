// Slack's request signature, computed independently of the code under test.
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, ts: string | number, raw: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex')}`;
}
