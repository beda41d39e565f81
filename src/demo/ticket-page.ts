// What the demo's fake Zendesk shows at /agent/tickets/:id, where the review pages link a ticket: the conversation
// as plain, escaped text (the customer's words and our notes and replies), labelled as the demo's stand-in. Pure.
import type { ZUser } from '../zendesk/api-types.js';
import { html } from '../review/html.js';
import type { DemoTicket } from './fake-zendesk.js';

export function ticketPage(t: DemoTicket, users: ReadonlyMap<number, ZUser>): string {
  const who = (id: number) => users.get(id)?.name ?? `user ${id}`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo ticket #${t.id}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem}pre{white-space:pre-wrap;overflow-wrap:anywhere}
.banner{background:#fff3c4;border:1px solid #c9a400;padding:.5rem 1rem}.note{background:#fff8e1}article{border-top:1px solid #ccc;padding:.5rem}</style></head>
<body><p class="banner">Demo: this is the built-in fake Zendesk; nothing leaves this machine.</p>
<h1>#${t.id} ${t.subject ?? ''}</h1>
<p>Status ${t.status} · tags: ${t.tags.join(' ') || 'none'}</p>
${t.comments.map((c) => html`<article class="${c.public ? 'public' : 'note'}"><p><strong>${who(c.author_id)}</strong> · ${c.public ? 'public' : 'private note'} · ${c.created_at}</p><pre>${c.plain_body ?? c.body}</pre></article>`)}
</body></html>`.value;
}
