// Turns a verified webhook delivery into the one event shape the worker understands. Pure.
// Two kinds arrive: event-subscribed webhooks (`zen:event-type:ticket.*`, fixed schema, ids as strings) and
// trigger-connected webhooks whose JSON body the admin writes (README: at least {"ticket_id": "{{ticket.id}}"}).
import { createHash } from 'node:crypto';
import type { NewEvent } from '../store/types.js';
import { isSafeText } from '../text/safe-text.js';

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

/**
 * Ids we key on are short tokens in Zendesk's own deliveries (numeric invocation ids, ULID-like event ids); a longer
 * or odd one is refused with a 400 before it reaches the unique index (an 8,000-character id broke the index for the
 * whole group commit: issue 12). The invocation-id header is not covered by the signature, so it is never trusted
 * over the signed event id.
 */
const TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

function token(v: string | undefined, what: string): string | null {
  const t = v?.trim();
  if (!t) return null;
  if (!TOKEN.test(t)) throw new PayloadError(`${what} must be 1 to 128 letters, digits or . _ : - (got ${Math.min(t.length, 99_999)} characters).`);
  return t;
}

export function parseZendeskEvent(body: unknown, rawBody: Buffer, invocationId: string | undefined): ParsedEvent {
  if (!isObject(body)) throw new PayloadError('The body must be a JSON object.');
  const inv = token(invocationId, 'The X-Zendesk-Webhook-Invocation-Id header');
  const invocation = inv ? `inv:${inv}` : null;

  if (typeof body.type === 'string' && body.type.startsWith('zen:event-type:')) {
    if (!/^zen:event-type:[a-z0-9_.]{1,100}$/.test(body.type)) throw new PayloadError('The event "type" is not a Zendesk event type.');
    const detail = isObject(body.detail) ? body.detail : {};
    const event = isObject(body.event) ? body.event : {};
    const fromSubject = typeof body.subject === 'string' ? /^zen:ticket:(\d+)$/.exec(body.subject)?.[1] : undefined;
    const ticketId = idLike(detail.id) ?? idLike(fromSubject);
    if (!ticketId) throw new PayloadError('The event names no ticket (detail.id or subject zen:ticket:<id>).');
    const eventId = typeof body.id === 'string' ? token(body.id, 'The event "id"') : null;
    const comment = isObject(event.comment) ? event.comment : {};
    const author = isObject(comment.author) ? comment.author : {};
    return {
      // The signed event id first: a replay of the same bytes under a new (unsigned) invocation id is a duplicate.
      key: eventId ? `evt:${eventId}` : (invocation ?? fallbackKey(ticketId, idLike(comment.id), rawBody)),
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
    payload: { commentId, updatedAt: updatedAt(body.updated_at) },
    actorId: idLike(body.actor_id) ?? idLike(body.current_user_id),
  };
}

// A trigger's "updated_at" placeholder renders as a timestamp; anything else (a NUL, a lone surrogate, a novel) is
// refused with a 400 rather than stored, where PostgreSQL's jsonb would refuse it with a 500.
function updatedAt(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.length > 64 || !isSafeText(v)) throw new PayloadError('"updated_at" must be a timestamp such as {{ticket.updated_at_with_timestamp}}.');
  return v;
}

// Without an invocation id: ticket + latest comment when known, else the exact bytes (a byte-identical replay).
function fallbackKey(ticketId: string, commentId: string | null, rawBody: Buffer): string {
  if (commentId) return `ticket:${ticketId}:comment:${commentId}`;
  return `ticket:${ticketId}:body:${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;
}
