// Turns one parsed JSONL value into a Thread, or into the single clearest reason it cannot be one.
// The corpus format is the contract (../shared/corpus/README.md); `labels` and `trap` are ignored here.
import type { Thread, ThreadComment } from '../classify/types.js';
import { MAX_TICKET_TEXT_BYTES, formatBytes } from './limits.js';

export type TicketCheck =
  | { ok: true; id: string; thread: Thread; record: Record<string, unknown> }
  | { ok: false; id: string; error: string };

const AUTHORS: readonly string[] = ['customer', 'agent'];

export function validateTicket(value: unknown, lineNo: number): TicketCheck {
  const fallbackId = `line-${lineNo}`;
  if (!isRecord(value)) return { ok: false, id: fallbackId, error: `expected a JSON object, got ${describe(value)}` };

  // null counts as absent for optional fields: exporters often write `"id": null` rather than omitting the key.
  let id = fallbackId;
  if (value.id !== undefined && value.id !== null) {
    if (typeof value.id === 'string' && value.id.trim() !== '') id = value.id;
    else if (typeof value.id === 'number' && Number.isFinite(value.id)) id = String(value.id);
    else return { ok: false, id, error: `id must be a non-empty string or a number, got ${describe(value.id)}` };
  }
  const bad = (error: string): TicketCheck => ({ ok: false, id, error });

  let subject = '';
  if (value.subject !== undefined && value.subject !== null) {
    if (typeof value.subject !== 'string') return bad(`subject must be a string, got ${describe(value.subject)}`);
    subject = value.subject;
  }

  const body = value.body;
  if (body === undefined || body === null || body === '') return bad('body is missing or empty');
  if (typeof body !== 'string') return bad(`body must be a string, got ${describe(body)}`);
  if (body.trim() === '') return bad('body is missing or empty (only whitespace)');

  let comments: ThreadComment[] | undefined;
  if (value.comments !== undefined && value.comments !== null) {
    if (!Array.isArray(value.comments)) return bad(`comments must be an array, got ${describe(value.comments)}`);
    comments = [];
    for (const [i, c] of value.comments.entries()) {
      const at = `comments[${i}]`;
      if (!isRecord(c)) return bad(`${at} must be an object with author and body, got ${describe(c)}`);
      if (typeof c.author !== 'string' || !AUTHORS.includes(c.author)) {
        return bad(`${at}.author must be "customer" or "agent", got ${describe(c.author)}`);
      }
      if (typeof c.body !== 'string') return bad(`${at}.body must be a string, got ${describe(c.body)}`);
      comments.push({ author: c.author as ThreadComment['author'], body: c.body });
    }
  }

  let requesterName: string | undefined;
  if (value.requesterName !== undefined && value.requesterName !== null) {
    if (typeof value.requesterName !== 'string') {
      return bad(`requesterName must be a string, got ${describe(value.requesterName)}`);
    }
    requesterName = value.requesterName;
  }

  // Size is checked before NUL so that a huge binary blob is reported by its most useful property.
  const bodyBytes = Buffer.byteLength(body, 'utf8');
  if (bodyBytes > MAX_TICKET_TEXT_BYTES) {
    return bad(`body is ${formatBytes(bodyBytes)}, over the ${formatBytes(MAX_TICKET_TEXT_BYTES)} limit for a ticket's text`);
  }
  let totalBytes = bodyBytes + Buffer.byteLength(subject, 'utf8');
  for (const c of comments ?? []) totalBytes += Buffer.byteLength(c.body, 'utf8');
  if (totalBytes > MAX_TICKET_TEXT_BYTES) {
    return bad(
      `ticket text (subject, body and comments) is ${formatBytes(totalBytes)}, over the ${formatBytes(MAX_TICKET_TEXT_BYTES)} limit`,
    );
  }

  // An escaped \u0000 is valid JSON but never part of a real mail text: it means binary content was serialised.
  if (subject.includes('\0')) return bad('subject contains NUL characters (binary data?)');
  if (body.includes('\0')) return bad('body contains NUL characters (binary data?)');
  for (const [i, c] of (comments ?? []).entries()) {
    if (c.body.includes('\0')) return bad(`comments[${i}].body contains NUL characters (binary data?)`);
  }

  const thread: Thread = { subject, body };
  if (comments) thread.comments = comments;
  if (requesterName !== undefined) thread.requesterName = requesterName;
  return { ok: true, id, thread, record: value };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Short description of a JSON value for error messages: its type, plus the value when that is small. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length <= 40 ? JSON.stringify(v) : `a string of ${v.length} characters`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return `an ${typeof v}`;
}
