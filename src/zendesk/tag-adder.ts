// Who added a tag, from the ticket's audits. Pure.
// A webhook event's actor is the user who caused *that* event; events arrive unordered and the worker reads the
// tags as they are now, so the actor of the event being processed is not necessarily who added the approve tag.
// The audits say it exactly: each audit has an author_id and its events, and a tag change is an event
// {type: "Change" | "Create", field_name: "tags", value, previous_value}.
// https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/ (events: the Ticket Audit events reference)
import type { ZAudit } from './api-types.js';

const asTags = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : [];

/** The author of the newest audit that added `tag` (it was not there before that change), or null. */
export function whoAddedTag(audits: readonly ZAudit[], tag: string): number | null {
  const newestFirst = [...audits].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
  for (const audit of newestFirst) {
    for (const e of audit.events ?? []) {
      if (e.field_name !== 'tags' || (e.type !== 'Change' && e.type !== 'Create')) continue;
      if (asTags(e.value).includes(tag) && !asTags(e.previous_value).includes(tag)) return audit.author_id;
    }
  }
  return null;
}
