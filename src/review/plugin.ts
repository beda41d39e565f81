// Review pages (issue "Review page and analytics…"), registered by app.ts: Try it at `/` for everyone; Queue and
// Analytics for signed-in agents. Everything here is scoped to this plugin: cookies, form parsing, CSRF, rate
// limits, security headers and the HTML error pages apply to these routes only.
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Store } from '../store/types.js';
import { assetRoutes } from './assets.js';
import { createAuth } from './auth.js';
import { registerCsrf } from './csrf.js';
import { html } from './html.js';
import { sendPage } from './layout.js';
import { analyticsRoutes } from './pages/analytics.js';
import { loginRoutes } from './pages/login.js';
import { queueRoutes } from './pages/queue.js';
import { tryItRoutes } from './pages/try-it.js';
import type { ReviewConfig } from './review-config.js';
import { addSecurityHeaders } from './security-headers.js';

function errorPage(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const show = (status: number, title: string, text: string) =>
    sendPage(req, reply, status, { title, active: 'none', body: html`<h1>${title}</h1><p>${text}</p><p><a href="${req.url.startsWith('/queue') ? '/queue' : '/'}">Back</a></p>` });
  if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
    return show(403, 'Form expired', 'This form has expired or did not come from this site, so nothing was changed. Reload the page and submit it again.');
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return show(413, 'Too long', 'The text is longer than this form accepts.');
  const status = err.statusCode ?? 500;
  // @fastify/rate-limit (Try it's per-client limit) refuses before the body is read, so the text cannot come back in
  // the page; the browser still has it one step back.
  if (status === 429) {
    return show(429, 'Too many readings', 'This address has sent more tickets than Try it reads in a minute. Wait a minute, go back (your text is still in the form there) and send it again.');
  }
  if (status >= 400 && status < 500) return show(status, 'Request not understood', 'Reload the page and try again.');
  req.log.error({ err: err.message }, 'review page failed');
  return show(500, 'Something went wrong', 'Something went wrong on our side; nothing was sent. Try again in a moment.');
}

export interface ReviewOptions {
  config: Config;
  /** Null in a Try it only process (TRY_IT=only): sessions are then checked by their signature alone (auth.ts). */
  store: Store | null;
  now: () => Date;
}

export async function reviewPlugin(app: FastifyInstance, opts: ReviewOptions): Promise<void> {
  const { config, store, now } = opts;
  const rc: ReviewConfig = config.review;
  const auth = createAuth(rc, store, now);
  if (!auth.configured && config.tryIt !== 'only') app.log.info('review pages: Try it only (set REVIEW_USERS and REVIEW_SESSION_SECRET for the queue and analytics)');

  addSecurityHeaders(app);
  app.setErrorHandler(errorPage);
  app.decorateRequest('reviewUser', null);
  app.decorateRequest('reviewSessionIat', null);
  await registerCsrf(app, rc);
  app.addHook('onRequest', async (req) => {
    req.reviewUser = await auth.userOf(req);
    req.reviewSessionIat = auth.sessionIat(req);
  });
  await app.register(formbody);
  await app.register(rateLimit, { global: false });

  await app.register(assetRoutes);
  if (config.tryIt !== 'off') await app.register(tryItRoutes, { config, now });
  // Another process serves Try it (TRY_IT=off, the proxy routes `/` there): an agent who reaches this one directly
  // at `/` is taken to the queue.
  else app.get('/', async (_req, reply) => reply.redirect('/queue', 303));
  if (config.tryIt === 'only') return;
  await app.register(loginRoutes, { auth });
  await app.register(queueRoutes, { auth });
  await app.register(analyticsRoutes, { auth });
}
