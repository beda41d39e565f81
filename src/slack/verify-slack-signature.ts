// Slack request signing, checked by a pure function of (secret, headers, raw bytes, now) so it is testable without
// a server or a clock. Why our own and not Bolt's verifySlackRequest: Bolt rejects timestamps older than 5 minutes
// but lets any *future* timestamp pass, so a captured request signed with a skewed clock could be replayed later
// (integrations.md §4). We check the window both ways and compare in constant time.
// https://api.slack.com/authentication/verifying-requests-from-slack
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SLACK_WINDOW_MS = 5 * 60_000;

export type SlackSignatureFailure = 'signature_missing' | 'signature_invalid' | 'timestamp_out_of_window';

export type SlackSignatureResult = { ok: true } | { ok: false; code: SlackSignatureFailure; message: string };

export interface SlackSignatureInput {
  signingSecret: string;
  /** The body exactly as received: the signature covers bytes, not a re-serialised object. */
  rawBody: Buffer;
  /** `X-Slack-Signature`, e.g. `v0=5f2b…` */
  signature: string | undefined;
  /** `X-Slack-Request-Timestamp`, Unix seconds as sent. */
  timestamp: string | undefined;
  nowMs: number;
  windowMs?: number;
}

export function signSlackRequest(signingSecret: string, timestamp: string | number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', signingSecret);
  mac.update(`v0:${timestamp}:`);
  mac.update(rawBody);
  return `v0=${mac.digest('hex')}`;
}

export function verifySlackSignature(input: SlackSignatureInput): SlackSignatureResult {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) {
    return { ok: false, code: 'signature_missing', message: 'X-Slack-Signature and X-Slack-Request-Timestamp are required.' };
  }
  // Digits only: `Number(' 1e3 ')` would accept forms Slack never sends, and the string is part of the signed text.
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, code: 'timestamp_out_of_window', message: 'X-Slack-Request-Timestamp is not a Unix time in seconds.' };
  }
  const skew = Math.abs(input.nowMs - Number(timestamp) * 1000);
  if (skew > (input.windowMs ?? SLACK_WINDOW_MS)) {
    return {
      ok: false,
      code: 'timestamp_out_of_window',
      message: 'The request timestamp is more than 5 minutes from our clock (a replay, or a clock out of sync).',
    };
  }
  const [version] = signature.split('=', 1);
  if (version !== 'v0') {
    return { ok: false, code: 'signature_invalid', message: `Unknown signature version "${String(version).slice(0, 8)}"; expected v0.` };
  }
  const expected = Buffer.from(signSlackRequest(input.signingSecret, timestamp, input.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; a length mismatch reveals nothing secret (the expected length is public).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'signature_invalid', message: 'The Slack signature does not match; check SLACK_SIGNING_SECRET.' };
  }
  return { ok: true };
}
