// The page shell shared by every review page: head (CSS and scripts are files, see assets.ts), navigation, the
// signed-in user with a sign-out form, and an optional notice.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfField } from './csrf.js';
import { html, type SafeHtml } from './html.js';

export type NavItem = 'try-it' | 'queue' | 'analytics' | 'login' | 'none';

export interface PageOptions {
  title: string;
  active: NavItem;
  body: SafeHtml;
  /** Script files under /assets/review/ (or /assets/chart.umd.js), loaded with defer. */
  scripts?: string[];
  notice?: { kind: 'ok' | 'error'; text: string } | null;
}

const NAV: Array<[Exclude<NavItem, 'login' | 'none'>, string, string]> = [
  ['try-it', '/', 'Try it'],
  ['queue', '/queue', 'Queue'],
  ['analytics', '/analytics', 'Analytics'],
];

export function page(req: FastifyRequest, reply: FastifyReply, o: PageOptions): string {
  const user = req.reviewUser;
  const who = user
    ? html`<form class="signout" method="post" action="/logout">${csrfField(req, reply)}<span>Signed in as <strong>${user.login}</strong></span> <button type="submit" class="link">Sign out</button></form>`
    : html`<a href="/login" class="${o.active === 'login' ? 'active' : ''}">Sign in</a>`;
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · m365-guide</title>
<link rel="stylesheet" href="/assets/review/review.css">
<link rel="icon" href="data:,">
${(o.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</head>
<body>
<header class="top">
  <a class="brand" href="/">m365-guide</a>
  <nav>${NAV.map(([key, href, label]) => html`<a href="${href}" class="${o.active === key ? 'active' : ''}">${label}</a>`)}</nav>
  <div class="who">${who}</div>
</header>
<main>
${o.notice ? html`<p class="notice ${o.notice.kind}" role="status">${o.notice.text}</p>` : ''}
${o.body}
</main>
<footer>MailStore helpdesk · Microsoft 365 Modern Authentication guide · <a href="/healthz">health</a></footer>
</body>
</html>`;
  return doc.value;
}

/** Sends a page as HTML with a status code. */
export function sendPage(req: FastifyRequest, reply: FastifyReply, status: number, o: PageOptions): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page(req, reply, o));
}
