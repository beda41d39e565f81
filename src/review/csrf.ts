// CSRF protection for every review form: @fastify/csrf-protection with its secret in a signed, HttpOnly,
// SameSite=Strict cookie and each token bound to the signed-in login (so a token obtained while signed out, or as
// another user, does not validate). Forms carry the token in a hidden `_csrf` field; the check runs after the
// body is parsed (preValidation), as the plugin's README asks for tokens sent in the body.
import { createHmac, randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cookieName } from './auth.js';
import { html, type SafeHtml } from './html.js';
import type { ReviewConfig } from './review-config.js';

// Non-empty for everyone (the library refuses an empty userInfo); the prefix keeps "anonymous" from matching a login.
// The session's issue time is part of it: a token from before a sign-out does not work in the next session (issue 12).
const userInfo = (req: FastifyRequest): string =>
  req.reviewUser ? `user:${req.reviewUser.login}:${req.reviewSessionIat ?? 0}` : 'anonymous';

export async function registerCsrf(app: FastifyInstance, rc: ReviewConfig): Promise<void> {
  // Without a configured secret only Try it is served: a per-process key is enough there (a restart means a reload).
  const base = rc.sessionSecret ?? randomBytes(32).toString('hex');
  const derive = (label: string) => createHmac('sha256', base).update(label).digest('base64url');
  await app.register(fastifyCookie, { secret: derive('cookie-signing') });
  await app.register(fastifyCsrf, {
    cookieKey: cookieName('m365_csrf', rc.cookieSecure),
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: rc.cookieSecure, signed: true },
    getUserInfo: userInfo,
    csrfOpts: { hmacKey: derive('csrf-user-binding'), validity: rc.sessionTtlMs },
    logLevel: 'info',
  });
}

/** The hidden form field every POST form on the review pages carries. */
export function csrfField(req: FastifyRequest, reply: FastifyReply): SafeHtml {
  const token = reply.generateCsrf({ userInfo: userInfo(req) });
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}
