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

/**
 * The event Zendesk sends for one audit (one change): `detail.actor_id` is whoever made *that* change, not whoever
 * touched the ticket last; events are not ordered ("order not guaranteed", meta.sequence).
 * https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/
 */
export function eventForAudit(audit: { ticket_id: number; author_id: number; events: Array<{ id: number; type: string; field_name?: string; public?: boolean }> }) {
  const comment = audit.events.find((e) => e.type === 'Comment');
  if (comment) return envelope('ticket.comment_added', audit.ticket_id, audit.author_id, { comment: { id: comment.id, is_public: comment.public !== false, author: { id: audit.author_id } } });
  if (audit.events.some((e) => e.field_name === 'tags')) return tagsChanged(audit.ticket_id, audit.author_id);
  return envelope('ticket.status_changed', audit.ticket_id, audit.author_id, {});
}
