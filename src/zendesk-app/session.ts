// The page's own short-lived session, given once Zendesk's signed request checked out. Zendesk frames the page
// cross-site, where third-party cookies are blocked, so the token travels in the page and in an Authorization
// header (which no other site can make a browser send: no CSRF token needed). HS256 with ZENDESK_APP_SESSION_SECRET,
// so any instance can check it. It lives 15 minutes and the page renews it while open, up to 12 hours after
// Zendesk's signed request; after that the agent reopens the app and Zendesk signs a new request.
import { jwtVerify, SignJWT } from 'jose';
import type { RefusalReason } from './verify-zendesk-jwt.js';

export const SESSION_TTL_S = 15 * 60;
export const SESSION_MAX_S = 12 * 60 * 60;
const ISSUER = 'm365-guide';
const AUDIENCE = 'm365-guide:zendesk-app';

export interface AppSession {
  agentId: string;
  installationId: string;
  /** When Zendesk's signed request was verified (seconds); renewals never pass SESSION_MAX_S after it. */
  since: number;
}

export type SessionCheck = { ok: true; session: AppSession } | { ok: false; reason: Extract<RefusalReason, 'session_invalid' | 'session_expired'> };

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function issueSession(s: AppSession, secret: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = Math.min(iat + SESSION_TTL_S, s.since + SESSION_MAX_S);
  const token = await new SignJWT({ inst: s.installationId, since: s.since })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(s.agentId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(keyOf(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

/** The session from an `Authorization: Bearer …` header value. */
export async function checkSession(header: unknown, secret: string, installationId: string, now: Date): Promise<SessionCheck> {
  const m = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]{20,4096})$/.exec(header) : null;
  if (!m) return { ok: false, reason: 'session_invalid' };
  try {
    const { payload } = await jwtVerify(m[1]!, keyOf(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, currentDate: now, requiredClaims: ['exp', 'sub'] });
    if (payload.inst !== installationId || typeof payload.since !== 'number' || !/^\d{1,20}$/.test(String(payload.sub))) return { ok: false, reason: 'session_invalid' };
    return { ok: true, session: { agentId: String(payload.sub), installationId, since: payload.since } };
  } catch (err) {
    return { ok: false, reason: (err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'session_expired' : 'session_invalid' };
  }
}
