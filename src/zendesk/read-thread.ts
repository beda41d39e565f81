// Maps a Zendesk ticket and its comments to the classifier's thread. Pure. Private notes (ours included) are never
// part of the thread; authors are customers when they are the requester or an end user, agents otherwise. Text is
// made storable here (safe-text.ts), so a NUL in a comment or a name cannot fail the draft's transaction.
import type { Thread, ThreadComment } from '../classify/types.js';
import { safeText } from '../text/safe-text.js';
import type { ZComment, ZTicket, ZUser } from './api-types.js';

export interface TicketThread {
  thread: Thread;
  /** Id of the newest customer comment: what a draft answers. Null when the customer has said nothing yet. */
  version: string | null;
  /**
   * An agent (or this service) answered the newest customer statement publicly already: nothing is left to draft,
   * and a draft for it must not go out on top of that answer.
   */
  answered: boolean;
  /** Those public answers after the newest customer statement: who wrote each and when (Zendesk's created_at). */
  answers: Array<{ authorId: number; at: string }>;
}

export function readThread(ticket: ZTicket, comments: ZComment[], users: ZUser[], botUserId: number | null): TicketThread {
  const byId = new Map(users.map((u) => [u.id, u]));
  const isCustomer = (c: ZComment) => c.author_id === ticket.requester_id || byId.get(c.author_id)?.role === 'end-user';
  const sorted = [...comments].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);

  let body: string | null = null;
  let version: string | null = null;
  let answers: TicketThread['answers'] = [];
  const rest: ThreadComment[] = [];
  for (const c of sorted) {
    if (!c.public) continue;
    // A public comment after the customer's newest statement (ours included) answers it.
    if (version !== null && !isCustomer(c)) answers.push({ authorId: c.author_id, at: c.created_at });
    if (c.author_id === botUserId) continue;
    const text = safeText(c.plain_body ?? c.body ?? '').trim();
    if (!text) continue;
    const customer = isCustomer(c);
    if (customer) {
      version = String(c.id);
      answers = [];
    }
    if (body === null) {
      // Agent comments before the customer's first message give no context to anything.
      if (customer) body = text;
      continue;
    }
    rest.push({ author: customer ? 'customer' : 'agent', body: text });
  }
  const requesterName = safeText(byId.get(ticket.requester_id)?.name ?? '').trim();
  return {
    thread: {
      subject: safeText(ticket.subject ?? ''),
      body: body ?? '',
      ...(rest.length ? { comments: rest } : {}),
      ...(requesterName ? { requesterName } : {}),
    },
    version,
    answered: answers.length > 0,
    answers,
  };
}
