// Turns a verified webhook delivery into the one event shape the worker understands. Pure.
// Two kinds arrive: event-subscribed webhooks (`zen:event-type:ticket.*`, fixed schema, ids as strings) and
// trigger-connected webhooks whose JSON body the admin writes (README: at least {"ticket_id": "{{ticket.id}}"}).
import { createHash } from 'node:crypto';
import type { NewEvent } from '../store/types.js';

export class PayloadError extends Error {
  readonly code = 'payload_invalid';
}

export interface ParsedEvent extends NewEvent {
  /** Zendesk user who caused the change, when the payload says (used to author approvals). */
  actorId: string | null;
}

const idLike = (v: unknown): string | null => {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  if (typeof v === 'string' && /^\d{1,20}$/.test(v.trim())) return v.trim();
  return null;
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseZendeskEvent(body: unknown, rawBody: Buffer, invocationId: string | undefined): ParsedEvent {
  if (!isObject(body)) throw new PayloadError('The body must be a JSON object.');
  const invocation = invocationId?.trim() ? `inv:${invocationId.trim()}` : null;

  if (typeof body.type === 'string' && body.type.startsWith('zen:event-type:')) {
    const detail = isObject(body.detail) ? body.detail : {};
    const event = isObject(body.event) ? body.event : {};
    const fromSubject = typeof body.subject === 'string' ? /^zen:ticket:(\d+)$/.exec(body.subject)?.[1] : undefined;
    const ticketId = idLike(detail.id) ?? idLike(fromSubject);
    if (!ticketId) throw new PayloadError('The event names no ticket (detail.id or subject zen:ticket:<id>).');
    const eventId = typeof body.id === 'string' && body.id.trim() ? body.id.trim() : null;
    const comment = isObject(event.comment) ? event.comment : {};
    const author = isObject(comment.author) ? comment.author : {};
    return {
      key: invocation ?? (eventId ? `evt:${eventId}` : fallbackKey(ticketId, idLike(comment.id), rawBody)),
      source: 'webhook',
      ticketId,
      type: body.type.slice('zen:event-type:'.length),
      payload: { type: body.type, eventId, commentId: idLike(comment.id) },
      actorId: idLike(detail.actor_id) ?? idLike(author.id),
    };
  }

  const ticketId = idLike(body.ticket_id) ?? idLike(isObject(body.ticket) ? body.ticket.id : undefined);
  if (!ticketId) throw new PayloadError('The trigger body must contain "ticket_id" (e.g. "{{ticket.id}}").');
  const commentId = idLike(body.latest_comment_id);
  return {
    key: invocation ?? fallbackKey(ticketId, commentId, rawBody),
    source: 'webhook',
    ticketId,
    type: 'trigger',
    payload: { commentId, updatedAt: typeof body.updated_at === 'string' ? body.updated_at : null },
    actorId: idLike(body.actor_id) ?? idLike(body.current_user_id),
  };
}

// Without an invocation id: ticket + latest comment when known, else the exact bytes (a byte-identical replay).
function fallbackKey(ticketId: string, commentId: string | null, rawBody: Buffer): string {
  if (commentId) return `ticket:${ticketId}:comment:${commentId}`;
  return `ticket:${ticketId}:body:${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;
}
