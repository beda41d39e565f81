// The gate in front of the queue and analytics: not configured → how to configure; signed out → sign in (GET) or
// 401 (POST). Every page behind it knows req.reviewUser is set.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Auth } from './auth.js';
import { html } from './html.js';
import { sendPage } from './layout.js';
import { notConfiguredBody } from './pages/not-configured.js';

const LOCAL_NEXT = /^\/(queue|analytics)(\?[A-Za-z0-9=&%._-]{0,200})?$/;

/** Where to go after signing in: only our own pages, never another site (open redirect). */
export const safeNext = (v: unknown): string => (typeof v === 'string' && LOCAL_NEXT.test(v) ? v : '/queue');

export function requireUser(auth: Auth): preHandlerAsyncHookHandler {
  return async function guard(req: FastifyRequest, reply: FastifyReply) {
    if (!auth.configured) {
      return sendPage(req, reply, 403, { title: 'Not set up', active: 'none', body: notConfiguredBody });
    }
    if (req.reviewUser) return;
    if (req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(safeNext(req.url))}`, 303);
    return sendPage(req, reply, 401, {
      title: 'Signed out',
      active: 'login',
      body: html`<h1>You are signed out</h1><p><a href="/login">Sign in</a> and try again.</p>`,
    });
  };
}
