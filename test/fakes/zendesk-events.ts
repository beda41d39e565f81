// Event-subscribed webhook bodies as Zendesk sends them (developer.zendesk.com, ticket events): one envelope, the
// change in `event`. Shared by the tests and the benchmarks so both speak the same shape.
import { randomUUID } from 'node:crypto';

function envelope(type: string, ticketId: number, actorId: number, event: object) {
  return {
    type: `zen:event-type:${type}`,
    id: randomUUID(),
    account_id: 1,
    subject: `zen:ticket:${ticketId}`,
    time: new Date().toISOString(),
    zendesk_event_version: '2022-11-06',
    detail: { id: String(ticketId), actor_id: String(actorId) },
    event,
  };
}

/** The event Zendesk sends when a comment is added. */
export function commentAdded(ticketId: number, commentId: number, actorId: number) {
  return envelope('ticket.comment_added', ticketId, actorId, { comment: { id: commentId, is_public: true, author: { id: actorId } } });
}

export function tagsChanged(ticketId: number, actorId: number) {
  return envelope('ticket.tags_changed', ticketId, actorId, {});
}
