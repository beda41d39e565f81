import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackSignature } from '../../src/slack/verify-slack-signature.js';
import { slackSignature } from './sign.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const now = Date.parse('2026-11-24T10:00:00Z');
const ts = String(now / 1000);
const body = Buffer.from('token=x&team_id=T1&command=%2Fm365-guide&text=ldap+keep+de');

describe('verifySlackSignature', () => {
  it('accepts Slack\'s v0 signature computed independently (node:crypto in the test)', () => {
    const signature = slackSignature(secret, ts, body.toString());
    expect(signSlackRequest(secret, ts, body)).toBe(signature);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature, timestamp: ts, nowMs: now })).toEqual({ ok: true });
  });

  it.each([
    ['no signature', undefined, ts, 'signature_missing'],
    ['no timestamp', 'v0=abc', undefined, 'signature_missing'],
    ['a wrong secret', slackSignature('other-secret', ts, body.toString()), ts, 'signature_invalid'],
    ['an unknown version', slackSignature(secret, ts, body.toString()).replace('v0=', 'v1='), ts, 'signature_invalid'],
    ['a truncated signature', slackSignature(secret, ts, body.toString()).slice(0, 20), ts, 'signature_invalid'],
    ['a timestamp 6 minutes old', slackSignature(secret, now / 1000 - 360, body.toString()), String(now / 1000 - 360), 'timestamp_out_of_window'],
    // Bolt's own verifySlackRequest lets this one pass.
    ['a timestamp 6 minutes in the future', slackSignature(secret, now / 1000 + 360, body.toString()), String(now / 1000 + 360), 'timestamp_out_of_window'],
    ['a non-numeric timestamp', 'v0=abc', '1e9', 'timestamp_out_of_window'],
  ])('refuses %s', (_name, signature, timestamp, code) => {
    const r = verifySlackSignature({ signingSecret: secret, rawBody: body, signature, timestamp, nowMs: now });
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.code).toBe(code);
  });

  it('accepts the edges of the 5-minute window both ways', () => {
    for (const skew of [-300, 300]) {
      const t = String(now / 1000 + skew);
      expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: slackSignature(secret, t, body.toString()), timestamp: t, nowMs: now }).ok).toBe(true);
    }
  });

  it('property: any change to the body or the timestamp breaks the signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 299 }), (bytes, flip) => {
        const raw = Buffer.from(bytes);
        const sig = signSlackRequest(secret, ts, raw);
        expect(verifySlackSignature({ signingSecret: secret, rawBody: raw, signature: sig, timestamp: ts, nowMs: now }).ok).toBe(true);
        if (raw.length > 0) {
          const changed = Buffer.from(raw);
          changed[flip % raw.length]! ^= 0x01;
          expect(verifySlackSignature({ signingSecret: secret, rawBody: changed, signature: sig, timestamp: ts, nowMs: now }).ok).toBe(false);
        }
        const t2 = String(Number(ts) + 1);
        expect(verifySlackSignature({ signingSecret: secret, rawBody: raw, signature: sig, timestamp: t2, nowMs: now }).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
