// Zendesk signs base64(HMAC-SHA256(secret, timestamp + rawBody)); the timestamp header is an ISO-8601 string.
// See developer.zendesk.com/documentation/webhooks/verifying/. Pure: the clock is an argument.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureFailure = 'signature_missing' | 'signature_invalid' | 'timestamp_out_of_window';

export interface VerifyInput {
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  /** Several secrets are accepted so that an admin can rotate without downtime. */
  secrets: readonly string[];
  now: Date;
  /** Accepted clock skew in both directions. */
  windowMs?: number;
}

export const DEFAULT_WINDOW_MS = 5 * 60 * 1000;

export function signZendesk(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(timestamp).update(rawBody).digest('base64');
}

export function verifyZendeskSignature(input: VerifyInput): { ok: true } | { ok: false; code: SignatureFailure } {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, code: 'signature_missing' };
  const at = Date.parse(timestamp);
  // A timestamp without an explicit zone would parse as local time and shift the window.
  if (!Number.isFinite(at) || !/(Z|[+-]\d{2}:?\d{2})$/.test(timestamp.trim())) {
    return { ok: false, code: 'timestamp_out_of_window' };
  }
  if (Math.abs(input.now.getTime() - at) > (input.windowMs ?? DEFAULT_WINDOW_MS)) {
    return { ok: false, code: 'timestamp_out_of_window' };
  }
  // Parse strictly: Node's base64 decoder skips what it does not understand, so "sig + garbage" used to pass.
  // HMAC-SHA256 in base64 is exactly 44 characters ending in one "=".
  if (!/^[A-Za-z0-9+/]{43}=$/.test(signature.trim())) return { ok: false, code: 'signature_invalid' };
  const given = Buffer.from(signature.trim(), 'base64');
  // Check every secret (no early exit) so timing does not reveal which one matched.
  let match = false;
  for (const secret of input.secrets) {
    const expected = Buffer.from(signZendesk(secret, timestamp, input.rawBody), 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) match = true;
  }
  return match ? { ok: true } : { ok: false, code: 'signature_invalid' };
}
