// The Zendesk sidebar app (issue 15): a fourth door to the same draft functions, served inside Zendesk's ticket view.
// Registered by app.ts and encapsulated: its own security headers (framed by the configured Zendesk only), form
// parsing for Zendesk's signed POST, and the session guard for its API. Off (no routes) without ZENDESK_APP_*.
// Flow (developer.zendesk.com/documentation/apps/build-an-app/building-a-server-side-app/part-5-secure-the-app/):
// Zendesk POSTs the location URL with form field `token` (a JWT) → verify → the shell page with our own session
// token → sidebar.js asks ZAF for the open ticket and calls /zendesk-app/api/* with `Authorization: Bearer`.
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appApiRoutes } from './api-routes.js';
import { appAssetRoutes } from './assets.js';
import { refusalPage, shellPage } from './pages.js';
import { createKeySource } from './public-key.js';
import { checkSession, issueSession, type AppSession } from './session.js';
import { verifyZendeskJwt, type RefusalReason } from './verify-zendesk-jwt.js';

declare module 'fastify' {
  interface FastifyRequest {
    appSession: AppSession | null;
  }
}

export async function zendeskAppPlugin(app: FastifyInstance): Promise<void> {
  const cfg = app.m365.config.zendeskApp;
  if (!cfg) return;
  const { now, metrics } = app.m365;
  const keyOf = createKeySource(cfg.publicKey, app.log, now);

  // Zendesk frames the page from the account's own origin; nobody else may (clickjacking).
  const csp = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", `frame-ancestors ${new URL(cfg.zendeskUrl).origin}`].join('; ');
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(formbody);
  app.decorateRequest('appSession', null);

  const refuse = (reply: FastifyReply, reason: RefusalReason) => {
    metrics.inc('zendesk_app_refusals_total', { reason });
    return reply.code(reason === 'key_unavailable' ? 503 : 401).type('text/html; charset=utf-8').send(refusalPage(reason));
  };

  app.get('/zendesk-app/sidebar', async (_req, reply) => refuse(reply, 'token_missing'));
  app.post('/zendesk-app/sidebar', { bodyLimit: 16 * 1024 }, async (req, reply) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const at = now();
    const verified = await verifyZendeskJwt(body.token, await keyOf(), { issuer: cfg.issuer, zendeskUrl: cfg.zendeskUrl, audience: cfg.audience, now: at });
    if (!verified.ok) {
      req.log.warn({ reason: verified.reason }, 'zendesk app: signed request refused');
      return refuse(reply, verified.reason);
    }
    const session = await issueSession({ agentId: verified.agentId, installationId: cfg.installationId, since: Math.floor(at.getTime() / 1000) }, cfg.sessionSecret, at);
    req.log.info({ agentId: verified.agentId }, 'zendesk app: sidebar opened');
    return reply.type('text/html; charset=utf-8').send(shellPage({ ...session, agentId: verified.agentId }));
  });

  await app.register(appAssetRoutes);
  await app.register(async (api) => {
    api.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
      const checked = await checkSession(req.headers.authorization, cfg.sessionSecret, cfg.installationId, now());
      if (!checked.ok) {
        return reply.code(401).send({ code: 'not_authorised', reason: checked.reason, message: checked.reason === 'session_expired' ? 'The session has ended; reopen the app in Zendesk.' : 'Open the app from a ticket in Zendesk.' });
      }
      req.appSession = checked.session;
    });
    api.post('/zendesk-app/api/session', async (req) => {
      const s = await issueSession(req.appSession!, cfg.sessionSecret, now());
      return { token: s.token, expiresAt: s.expiresAt.toISOString() };
    });
    await api.register(appApiRoutes);
  });
}
