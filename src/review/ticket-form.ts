// Pure: the Try it form body → a Thread for the classifier (or a sentence saying what to fix). Browsers send
// textarea line ends as CRLF; they become LF so the evidence offsets point into the text we show back.
import { parse } from 'fast-querystring';
import { BRANCHES, type Branch, type Language, type Thread, type ThreadComment } from '../classify/types.js';

export const LIMITS = { subject: 500, body: 20_000, comments: 20, name: 100 } as const;

export interface TicketForm {
  thread: Thread;
  /** The reply's language, chosen in the form or with the switch (the switch wins); null = the classified language. */
  lang: Language | null;
  /** The reply's product, chosen in the form; null = the classified product. */
  product: 'server' | 'spe' | null;
  /** A branch chosen by hand, to see any other reply; null = the classified branch. */
  branch: Branch | null;
}

export type ReplyOptions = Omit<TicketForm, 'thread'>;
export const NO_OPTIONS: ReplyOptions = { lang: null, product: null, branch: null };
const oneOf = <T extends string>(list: readonly T[], v: string): T | null => ((list as readonly string[]).includes(v) ? (v as T) : null);

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
const text = (v: unknown): string => list(v)[0]?.replace(/\r\n?/g, '\n') ?? '';

export type ParsedTicketForm = { ok: true; form: TicketForm } | { ok: false; message: string; thread: Thread };

export function parseTicketForm(body: unknown): ParsedTicketForm {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const subject = text(b.subject).trim();
  const first = text(b.body);
  const name = text(b.name).trim();
  // On a mistake the form comes back with what was typed (cut to the limits), so nothing has to be pasted again.
  const fail = (message: string) => ({ ok: false as const, message, thread: { subject: subject.slice(0, LIMITS.subject), body: first.slice(0, LIMITS.body) } });
  if (!first.trim()) return fail("Paste the customer's first message into “Message”.");
  if (subject.length > LIMITS.subject) return fail(`The subject is longer than ${LIMITS.subject} characters.`);
  if (first.length > LIMITS.body) return fail(`The message is longer than ${LIMITS.body} characters.`);
  if (name.length > LIMITS.name) return fail(`The name is longer than ${LIMITS.name} characters.`);

  const authors = list(b.followup_author);
  const bodies = list(b.followup_body).map((s) => s.replace(/\r\n?/g, '\n'));
  const comments: ThreadComment[] = [];
  bodies.forEach((c, i) => {
    if (c.trim()) comments.push({ author: authors[i] === 'agent' ? 'agent' : 'customer', body: c });
  });
  if (comments.length > LIMITS.comments) return fail(`At most ${LIMITS.comments} follow-ups.`);
  if (comments.some((c) => c.body.length > LIMITS.body)) return fail(`A follow-up is longer than ${LIMITS.body} characters.`);

  return {
    ok: true,
    form: {
      thread: { subject, body: first, ...(comments.length ? { comments } : {}), ...(name ? { requesterName: name } : {}) },
      lang: oneOf(['en', 'de'] as const, text(b.lang)) ?? oneOf(['en', 'de'] as const, text(b.reply_lang)),
      product: oneOf(['server', 'spe'] as const, text(b.product)),
      branch: oneOf(BRANCHES, text(b.branch)),
    },
  };
}

// Try it's POST body arrives as bytes (pages/try-it.ts): decoding 100 KiB of form is a millisecond and more, so the
// worker thread decodes it (try-it-worker.ts). The event loop only needs the CSRF token, which it finds without
// decoding the rest.

/** The form body's bytes → the ticket form: what @fastify/formbody would hand parseTicketForm (the same parser). */
export function parseTicketFormBytes(bytes: Uint8Array): ParsedTicketForm {
  return parseTicketForm(parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')));
}

const CSRF_PAIR = Buffer.from('_csrf=');

/**
 * The `_csrf` field of a form body, decoded as @fastify/formbody decodes it; undefined when it is missing or sent
 * more than once (formbody made that an array, which no token check accepts). A browser writes the name as it is
 * (the URL-encoded form serializer leaves `_` alone), so only a pair starting `_csrf=` counts.
 */
export function formCsrfToken(bytes: Buffer): string | undefined {
  let token: string | undefined;
  let seen = 0;
  for (let at = bytes.indexOf(CSRF_PAIR); at !== -1; at = bytes.indexOf(CSRF_PAIR, at + 1)) {
    if (at > 0 && bytes[at - 1] !== 0x26) continue; // a pair starts the body or follows `&`
    const end = bytes.indexOf(0x26, at);
    token = (parse(bytes.toString('utf8', at, end === -1 ? bytes.length : end)) as Record<string, string>)._csrf;
    seen++;
  }
  return seen === 1 ? token : undefined;
}
