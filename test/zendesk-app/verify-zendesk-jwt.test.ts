// The signed-request check on its own: tokens built here with node:crypto (zaf-host.ts), not with the code under test.
import { createPublicKey, createSecretKey, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { agentIdFromSub, verifyZendeskJwt } from '../../src/zendesk-app/verify-zendesk-jwt.js';
import { checkSession, issueSession, SESSION_MAX_S, SESSION_TTL_S } from '../../src/zendesk-app/session.js';
import { testKeys, zendeskJwt } from './zaf-host.js';

const zendeskUrl = 'https://acme.zendesk.com';
const installationId = '42';
const keys = testKeys();
const key = createPublicKey(keys.publicPem);
const now = new Date('2025-03-01T12:00:00Z');
const nowS = now.getTime() / 1000;
const x = { issuer: 'acme.zendesk.com', zendeskUrl, audience: `${zendeskUrl}/api/v2/apps/installations/42.json`, now };
const sign = (o: Partial<Parameters<typeof zendeskJwt>[0]> = {}) => zendeskJwt({ key: keys.privateKey, zendeskUrl, installationId, agentId: 7001, nowS, ...o });

describe('verifyZendeskJwt', () => {
  it('accepts Zendesk’s token and takes the agent from sub', async () => {
    expect(await verifyZendeskJwt(sign(), key, x)).toMatchObject({ ok: true, agentId: '7001' });
  });

  it.each([
    ['another key (forged)', () => sign({ key: testKeys().privateKey }), 'signature_invalid'],
    ['expired an hour ago', () => sign({ nowS: nowS - 3600 }), 'token_expired'],
    ['another installation', () => sign({ aud: `${zendeskUrl}/api/v2/apps/installations/43.json` }), 'audience_wrong'],
    ['another Zendesk account', () => sign({ iss: 'evil.zendesk.com' }), 'issuer_wrong'],
    ['alg none', () => sign().split('.').slice(0, 2).join('.').replace(/^[^.]+/, Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')) + '.', 'token_malformed'],
    ['garbage', () => 'not.a.token', 'token_malformed'],
    ['nothing', () => '', 'token_missing'],
  ])('refuses a token from %s', async (_name, token, reason) => {
    expect(await verifyZendeskJwt(token(), key, x)).toEqual({ ok: false, reason });
  });

  it('refuses HS256 "signed" with the public key text (algorithm confusion)', async () => {
    const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ iss: x.issuer, aud: x.audience, sub: '7001', exp: nowS + 60 })}`;
    const forged = `${input}.${createHmac('sha256', createSecretKey(Buffer.from(keys.publicPem)).export()).update(input).digest('base64url')}`;
    expect(await verifyZendeskJwt(forged, key, x)).toEqual({ ok: false, reason: 'token_malformed' });
  });

  it('without the key, refuses every token (key_unavailable)', async () => {
    expect(await verifyZendeskJwt(sign(), null, x)).toEqual({ ok: false, reason: 'key_unavailable' });
  });

  it('reads sub only as a user of the configured Zendesk', () => {
    expect(agentIdFromSub('https://acme.zendesk.com/api/v2/users/123.json', zendeskUrl)).toBe('123');
    expect(agentIdFromSub('123', zendeskUrl)).toBe('123');
    expect(agentIdFromSub('https://evil.zendesk.com/api/v2/users/123.json', zendeskUrl)).toBeNull();
    expect(agentIdFromSub('https://acme.zendesk.com/api/v2/tickets/123.json', zendeskUrl)).toBeNull();
    expect(agentIdFromSub(undefined, zendeskUrl)).toBeNull();
  });
});

describe('the page session', () => {
  const secret = 'a-session-secret-of-at-least-32-characters!!';
  it('is the agent’s for 15 minutes, renewable up to 12 hours after Zendesk’s request, and only with the secret', async () => {
    const since = nowS;
    const { token, expiresAt } = await issueSession({ agentId: '7001', installationId, since }, secret, now);
    expect(expiresAt.getTime() / 1000).toBe(nowS + SESSION_TTL_S);
    expect(await checkSession(`Bearer ${token}`, secret, installationId, now)).toMatchObject({ ok: true, session: { agentId: '7001' } });
    expect(await checkSession(`Bearer ${token}`, secret, '43', now)).toEqual({ ok: false, reason: 'session_invalid' });
    expect(await checkSession(`Bearer ${token}`, `${secret}x`, installationId, now)).toEqual({ ok: false, reason: 'session_invalid' });
    expect(await checkSession(`Bearer ${token}`, secret, installationId, new Date(now.getTime() + (SESSION_TTL_S + 1) * 1000))).toEqual({ ok: false, reason: 'session_expired' });
    expect(await checkSession(token, secret, installationId, now)).toEqual({ ok: false, reason: 'session_invalid' });
    const late = new Date((since + SESSION_MAX_S - 60) * 1000);
    const renewed = await issueSession({ agentId: '7001', installationId, since }, secret, late);
    expect(renewed.expiresAt.getTime() / 1000).toBe(since + SESSION_MAX_S);
  });
});
