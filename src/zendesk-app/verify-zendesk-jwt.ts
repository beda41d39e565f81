// Verifies the JWT Zendesk posts (form field `token`) with the first request of a signed-URL app, using `jose`:
// RS256 only, signature, expiry, issuer = the configured Zendesk, audience = this app installation. The agent comes
// from `sub`, which Zendesk sets to the user's API URL (https://acme.zendesk.com/api/v2/users/123.json; seen in
// Zendesk's own signed-URL test server, developer.zendesk.com/apps/docs/developer-guide/manifest#signedurls).
// Pure apart from the key: `now` is injected, every failure has a stable reason the refusal page explains.
// Not checked: `qsh` (a query-string hash some ZAF tokens carry; its use for signed URLs is not documented, and
// the only query Zendesk adds here is origin/app_guid, which grant nothing).
import { errors, jwtVerify, type JWTPayload, type KeyObject } from 'jose';

export type RefusalReason =
  | 'token_missing'
  | 'token_malformed'
  | 'signature_invalid'
  | 'token_expired'
  | 'issuer_wrong'
  | 'audience_wrong'
  | 'agent_unknown'
  | 'key_unavailable'
  | 'session_invalid'
  | 'session_expired';

export type VerifiedAgent = { ok: true; agentId: string; claims: JWTPayload } | { ok: false; reason: RefusalReason };

export interface ZendeskJwtExpectations {
  /** The account host as Zendesk writes `iss` (acme.zendesk.com). The origin form is accepted too. */
  issuer: string;
  zendeskUrl: string;
  audience: string;
  now: Date;
}

/** Zendesk's clocks and ours may differ a little; the token lives minutes, not seconds. */
const CLOCK_TOLERANCE_S = 30;

/** The agent id from `sub`: the user's API URL on the configured Zendesk, or a bare id. */
export function agentIdFromSub(sub: unknown, zendeskUrl: string): string | null {
  if (typeof sub === 'number' && Number.isSafeInteger(sub) && sub > 0) return String(sub);
  if (typeof sub !== 'string') return null;
  if (/^\d{1,20}$/.test(sub)) return sub;
  let url: URL;
  try {
    url = new URL(sub);
  } catch {
    return null;
  }
  if (url.origin !== new URL(zendeskUrl).origin) return null;
  const m = /^\/api\/v2\/users\/(\d{1,20})(?:\.json)?$/.exec(url.pathname);
  return m ? m[1]! : null;
}

export async function verifyZendeskJwt(token: unknown, key: KeyObject | null, x: ZendeskJwtExpectations): Promise<VerifiedAgent> {
  if (typeof token !== 'string' || token.trim() === '') return { ok: false, reason: 'token_missing' };
  if (!key) return { ok: false, reason: 'key_unavailable' };
  try {
    const { payload } = await jwtVerify(token.trim(), key, {
      algorithms: ['RS256'],
      issuer: [x.issuer, new URL(x.zendeskUrl).origin],
      audience: x.audience,
      requiredClaims: ['exp', 'sub'],
      currentDate: x.now,
      clockTolerance: CLOCK_TOLERANCE_S,
    });
    const agentId = agentIdFromSub(payload.sub, x.zendeskUrl);
    return agentId ? { ok: true, agentId, claims: payload } : { ok: false, reason: 'agent_unknown' };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

function reasonOf(err: unknown): RefusalReason {
  if (err instanceof errors.JWTExpired) return 'token_expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return 'issuer_wrong';
    if (err.claim === 'aud') return 'audience_wrong';
    if (err.claim === 'sub') return 'agent_unknown';
    return 'token_malformed';
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'signature_invalid';
  // Wrong algorithm (an HS256 token "signed" with the public key, `none`), broken structure, bad JSON.
  return 'token_malformed';
}
