import { describe, expect, it } from 'vitest';
import { createSessionToken, passwordFingerprint, readSessionToken } from '../../src/review/session.js';

const secret = 'x'.repeat(40);
const now = new Date('2026-11-24T10:00:00Z');
const claims = { login: 'anna', fp: passwordFingerprint('$argon2id$abc'), iat: now.getTime() - 1000, exp: now.getTime() + 60_000 };

describe('session tokens', () => {
  it('round-trips a signed token', () => {
    expect(readSessionToken(createSessionToken(claims, secret), secret, now)).toEqual(claims);
  });
  it('refuses tampered, foreign, expired and malformed tokens', () => {
    const token = createSessionToken(claims, secret);
    const [payload, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, login: 'admin' })).toString('base64url');
    expect(readSessionToken(`${forged}.${sig}`, secret, now)).toBeNull();
    expect(readSessionToken(`${payload}.${sig.slice(0, -1)}A`, secret, now)).toBeNull();
    expect(readSessionToken(token, 'y'.repeat(40), now)).toBeNull();
    expect(readSessionToken(token, secret, new Date(claims.exp))).toBeNull();
    for (const bad of [undefined, '', '.', 'abc', `${payload}.`, 'a'.repeat(5000)]) expect(readSessionToken(bad, secret, now)).toBeNull();
  });
  it('fingerprints differ per password hash', () => {
    expect(passwordFingerprint('$argon2id$a')).not.toBe(passwordFingerprint('$argon2id$b'));
  });
});
