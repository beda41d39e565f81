// Stateless sessions: the cookie holds `payload.signature` (HMAC-SHA256 with REVIEW_SESSION_SECRET), so any instance
// can check it without shared state. The payload carries an expiry and a fingerprint of the user's password hash:
// changing a user's password (or removing the user) ends their sessions at once; signing out ends every session
// of that user issued before (auth.ts keeps the time in the store). Pure apart from node:crypto.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  login: string;
  /** Fingerprint of the user's password hash at sign-in. */
  fp: string;
  /** Issued at and expiry, epoch milliseconds. */
  iat: number;
  exp: number;
}

export const passwordFingerprint = (passwordHash: string): string =>
  createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);

const sign = (payload: string, secret: string): string => createHmac('sha256', secret).update(`session:${payload}`).digest('base64url');

export function createSessionToken(claims: SessionClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims of a well-signed, unexpired token; null for anything else (never throws). */
export function readSessionToken(token: string | undefined, secret: string, now: Date): SessionClaims | null {
  if (!token || token.length > 1024) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(payload, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SessionClaims>;
    if (typeof c.login !== 'string' || typeof c.fp !== 'string' || typeof c.iat !== 'number' || typeof c.exp !== 'number') return null;
    if (c.exp <= now.getTime()) return null;
    return { login: c.login, fp: c.fp, iat: c.iat, exp: c.exp };
  } catch {
    return null;
  }
}
