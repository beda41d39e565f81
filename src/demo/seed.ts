// Fills the demo through the real path: each example ticket (examples/tickets.jsonl) is opened in the fake Zendesk,
// then Zendesk's "comment added" event is delivered, signed with the webhook secret, to the app's own webhook route
// (in-process, app.inject). The worker reads the ticket back through the API client and drafts it as it would in
// production; nothing here writes a draft itself.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ExampleTicket } from '../review/example-tickets.js';
import { signZendesk } from '../zendesk/verify-signature.js';
import type { DemoZendesk } from './fake-zendesk.js';

const NAME = /^[\p{Lu}][\p{Ll}'-]+(?: [\p{Lu}][\p{Ll}'-]+){1,2}$/u;

/** Pure: the customer's name from the last line of the mail when it looks like one ("Sandra Vogel"), else a stand-in. */
export function signatureName(body: string): string {
  const last = body.trim().split('\n').at(-1)?.trim() ?? '';
  return NAME.test(last) ? last : 'Demo Customer';
}

/** The event-subscribed webhook body Zendesk sends when a comment is added (ids as strings in `detail`). */
function commentAddedEvent(ticketId: number, commentId: number, authorId: number) {
  // https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/ (ticket.comment_added)
  return {
    type: 'zen:event-type:ticket.comment_added',
    id: randomUUID(),
    account_id: 1,
    subject: `zen:ticket:${ticketId}`,
    time: new Date().toISOString(),
    zendesk_event_version: '2022-11-06',
    detail: { id: String(ticketId), actor_id: String(authorId), requester_id: String(authorId) },
    event: { comment: { id: commentId, is_public: true, author: { id: authorId, is_staff: false } } },
  };
}

/** Opens every example as a ticket and delivers its webhook event; returns how many the webhook accepted. */
export async function seedExamples(app: FastifyInstance, fake: DemoZendesk, agentId: number, webhookSecret: string, examples: readonly ExampleTicket[]): Promise<number> {
  let accepted = 0;
  for (const ex of examples) {
    const customer = fake.addUser(signatureName(ex.thread.body), 'end-user');
    const ticket = fake.addTicket({
      subject: ex.thread.subject,
      requesterId: customer.id,
      comments: [
        { authorId: customer.id, text: ex.thread.body },
        ...(ex.thread.comments ?? []).map((c) => ({ authorId: c.author === 'customer' ? customer.id : agentId, text: c.body })),
      ],
    });
    const last = ticket.comments.at(-1)!;
    const status = await deliverSigned(app, webhookSecret, JSON.stringify(commentAddedEvent(ticket.id, last.id, last.author_id)));
    if (status === 200) accepted++;
    else app.log.warn({ example: ex.id, status }, 'demo: the webhook refused an example ticket');
  }
  return accepted;
}

const MAX_ATTEMPTS = 12;

/**
 * One signed delivery, retried as Zendesk retries: a 503 with Retry-After (the overload guard, busy right after boot)
 * is tried again after the pause it asks for. https://developer.zendesk.com/documentation/webhooks/creating-and-monitoring-webhooks/
 */
export async function deliverSigned(app: FastifyInstance, secret: string, raw: string): Promise<number> {
  const invocation = randomUUID();
  let status = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Zendesk's signature: base64 HMAC-SHA256 over the ISO timestamp followed by the raw body.
    const timestamp = new Date().toISOString();
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/zendesk',
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-id': 'demo',
        'x-zendesk-webhook-invocation-id': invocation,
        'x-zendesk-webhook-signature-timestamp': timestamp,
        'x-zendesk-webhook-signature': signZendesk(secret, timestamp, raw),
      },
    });
    status = res.statusCode;
    const retryAfterS = Number(res.headers['retry-after']);
    if (status !== 503 || !Number.isFinite(retryAfterS)) return status;
    await new Promise((r) => setTimeout(r, Math.min(retryAfterS, 10) * 1000));
  }
  return status;
}
