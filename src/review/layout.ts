// The page shell shared by every review page: head (CSS and scripts are files, see assets.ts), a skip link,
// navigation, the signed-in user with a sign-out form, and an optional notice. The notice is focusable and focused on
// load (review.js), so after a decision a keyboard or screen-reader user lands on the confirmation, not at the top.
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfField } from './csrf.js';
import { html, trusted, type SafeHtml } from './html.js';

export type NavItem = 'try-it' | 'queue' | 'analytics' | 'login' | 'none';

export interface Notice {
  kind: 'ok' | 'error';
  text: string | SafeHtml;
}

export interface PageOptions {
  title: string;
  active: NavItem;
  body: SafeHtml;
  /** Script files under /assets/review/ (or /assets/chart.umd.js), loaded with defer; review.js is always loaded. */
  scripts?: string[];
  /** Shown at the top of <main>; a page that wants it elsewhere renders noticeView() itself and leaves this out. */
  notice?: Notice | null;
  /** The skip link's target id and words (default: the main content). */
  skip?: { target: string; label: string };
}

const NAV: Array<[Exclude<NavItem, 'login' | 'none'>, string, string]> = [
  ['try-it', '/', 'Try it'],
  ['queue', '/queue', 'Queue'],
  ['analytics', '/analytics', 'Analytics'],
];

/** The confirmation or error after an action: announced (status / alert) and focused by review.js. */
export function noticeView(n: Notice | null | undefined): SafeHtml {
  if (!n) return html``;
  return html`<p class="notice ${n.kind}" id="notice" role="${n.kind === 'error' ? 'alert' : 'status'}" tabindex="-1">${n.text}</p>`;
}

/** Demo mode (src/demo/): every page says that Zendesk is the built-in fake, and links to what it received. */
function demoBanner(req: FastifyRequest): SafeHtml {
  if (req.server.m365?.config.demo !== true) return html``;
  return html`<p class="demo-banner" role="note"><strong>Demo:</strong> replies go to a built-in fake Zendesk, nothing leaves this machine. <a href="/demo/zendesk/writes">What the fake Zendesk received</a></p>`;
}

export function page(req: FastifyRequest, reply: FastifyReply, o: PageOptions): string {
  const user = req.reviewUser;
  const who = user
    ? html`<form class="signout" method="post" action="/logout">${csrfField(req, reply)}<span>Signed in as <strong>${user.login}</strong></span> <button type="submit" class="link">Sign out</button></form>`
    : html`<a href="/login"${o.active === 'login' ? html` class="active" aria-current="page"` : ''}>Sign in</a>`;
  const scripts = [...new Set([...(o.scripts ?? []), '/assets/review/review.js'])];
  const skip = o.skip ?? { target: 'main', label: 'Skip to main content' };
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · m365-guide</title>
<link rel="stylesheet" href="/assets/review/review.css">
<link rel="icon" href="data:,">
${scripts.map((s) => html`<script src="${s}" defer></script>`)}
</head>
<body>
<a class="skip" href="#${skip.target}">${skip.label}</a>
${demoBanner(req)}
<header class="top">
  <a class="brand" href="/">m365-guide</a>
  <nav aria-label="Pages">${NAV.map(([key, href, label]) => (o.active === key ? html`<a href="${href}" class="active" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`))}</nav>
  <div class="who">${who}</div>
</header>
<main id="main" tabindex="-1">
${noticeView(o.notice)}
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

// Where the body goes in `sendPageParts`: a comment no escaped text can contain (escaping turns every `<` into
// `&lt;`), and the shell around the body is this file's own markup.
const BODY_SLOT = '<!--page-body-->';

/**
 * Sends a page whose body may be partly UTF-8 bytes already (Try it's answer, rendered in its worker thread): the
 * shell and the SafeHtml parts are encoded here, the bytes are copied in as they are. The same bytes as `sendPage`
 * with the parts joined as its body.
 */
export function sendPageParts(req: FastifyRequest, reply: FastifyReply, status: number, o: Omit<PageOptions, 'body'>, body: ReadonlyArray<SafeHtml | Uint8Array>): FastifyReply {
  if (!body.some((p) => p instanceof Uint8Array)) return sendPage(req, reply, status, { ...o, body: html`${body as readonly SafeHtml[]}` });
  const shell = page(req, reply, { ...o, body: trusted(BODY_SLOT) });
  const at = shell.indexOf(BODY_SLOT);
  const parts = [shell.slice(0, at), ...body, shell.slice(at + BODY_SLOT.length)].map((p) => (p instanceof Uint8Array ? p : Buffer.from(String(p))));
  // Written part by part, not joined: a joined copy of a 240 KiB page is a new off-heap buffer per answer, and enough
  // of those make V8 run a full mark-compact every second or so, pauses the webhook's deliveries wait behind.
  const length = parts.reduce((n, p) => n + p.byteLength, 0);
  return reply.code(status).type('text/html; charset=utf-8').header('content-length', length).send(Readable.from(parts, { objectMode: false }));
}
