import { describe, expect, it } from 'vitest';
import { signZendesk, verifyZendeskSignature } from '../../src/zendesk/verify-signature.js';

// The fixed secret Zendesk uses for test deliveries of unsaved webhooks (developer.zendesk.com, verifying webhooks).
const SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const now = new Date('2026-11-24T10:00:00Z');
const body = Buffer.from('{"ticket_id":"42"}');
const ts = '2026-11-24T09:59:30Z';

describe('verifyZendeskSignature', () => {
  it('accepts base64(HMAC-SHA256(secret, timestamp + body))', () => {
    const signature = signZendesk(SECRET, ts, body);
    expect(verifyZendeskSignature({ rawBody: body, signature, timestamp: ts, secrets: [SECRET], now })).toEqual({ ok: true });
  });

  it('parses the signature strictly: trailing garbage or odd characters after a valid signature are refused', () => {
    const signature = signZendesk(SECRET, ts, body);
    for (const bad of [`${signature}garbage`, `${signature}!!`, `${signature.slice(0, -1)}`, `${signature} extra`]) {
      expect(verifyZendeskSignature({ rawBody: body, signature: bad, timestamp: ts, secrets: [SECRET], now }), bad).toEqual({ ok: false, code: 'signature_invalid' });
    }
  });

  it('accepts any of several secrets so an admin can rotate', () => {
    const signature = signZendesk('the-new-secret-0123456789', ts, body);
    expect(verifyZendeskSignature({ rawBody: body, signature, timestamp: ts, secrets: [SECRET, 'the-new-secret-0123456789'], now }).ok).toBe(true);
  });

  it('rejects body + timestamp order, a changed body and a wrong secret', () => {
    const wrongOrder = signZendesk(SECRET, '', Buffer.concat([body, Buffer.from(ts)]));
    expect(verifyZendeskSignature({ rawBody: body, signature: wrongOrder, timestamp: ts, secrets: [SECRET], now })).toEqual({ ok: false, code: 'signature_invalid' });
    const signature = signZendesk(SECRET, ts, body);
    expect(verifyZendeskSignature({ rawBody: Buffer.from('{"ticket_id":"43"}'), signature, timestamp: ts, secrets: [SECRET], now }).ok).toBe(false);
    expect(verifyZendeskSignature({ rawBody: body, signature, timestamp: ts, secrets: ['another-secret-000000'], now }).ok).toBe(false);
  });

  it('rejects stale and future timestamps outside ±5 minutes, accepts the edges inside', () => {
    for (const [t, ok] of [
      ['2026-11-24T09:54:59Z', false],
      ['2026-11-24T10:05:01Z', false],
      ['2026-11-24T09:55:01Z', true],
      ['2026-11-24T10:04:59+00:00', true],
    ] as const) {
      const signature = signZendesk(SECRET, t, body);
      const r = verifyZendeskSignature({ rawBody: body, signature, timestamp: t, secrets: [SECRET], now });
      expect(r.ok, t).toBe(ok);
      if (!ok) expect(r).toEqual({ ok: false, code: 'timestamp_out_of_window' });
    }
  });

  it('rejects missing headers, unparsable or zone-less timestamps', () => {
    expect(verifyZendeskSignature({ rawBody: body, signature: undefined, timestamp: ts, secrets: [SECRET], now })).toEqual({ ok: false, code: 'signature_missing' });
    expect(verifyZendeskSignature({ rawBody: body, signature: 'x', timestamp: undefined, secrets: [SECRET], now })).toEqual({ ok: false, code: 'signature_missing' });
    for (const t of ['yesterday', '2026-11-24T09:59:30', '1764000000']) {
      const signature = signZendesk(SECRET, t, body);
      expect(verifyZendeskSignature({ rawBody: body, signature, timestamp: t, secrets: [SECRET], now }).ok, t).toBe(false);
    }
  });

  it('never accepts when no secret is configured', () => {
    const signature = signZendesk('', ts, body);
    expect(verifyZendeskSignature({ rawBody: body, signature, timestamp: ts, secrets: [], now }).ok).toBe(false);
  });
});
