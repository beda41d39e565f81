// The labelled example tickets of examples/tickets.jsonl (EN/DE, every branch) for Try it's "Load an example": read
// once at start. Only what Try it needs is kept (id, subject, body, comments, the labelled branch and language for
// the menu). A missing or broken file leaves the menu with the two built-in examples rather than stopping the
// service; a line that is not a ticket is skipped.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BRANCHES, LANGUAGES, type Branch, type Language, type Thread, type ThreadComment } from '../classify/types.js';

// ../../examples/ from src/review/ (tsx, tests) and from dist/review/ (npm start) alike.
export const EXAMPLES_FILE = fileURLToPath(new URL('../../examples/tickets.jsonl', import.meta.url));

export interface ExampleTicket {
  id: string;
  branch: Branch;
  language: Language;
  thread: Thread;
}

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const isOne = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

function comments(v: unknown): ThreadComment[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c: { author?: unknown; body?: unknown }) =>
    c && typeof c.body === 'string' && (c.author === 'customer' || c.author === 'agent') ? [{ author: c.author, body: c.body }] : [],
  );
}

/** Pure: JSONL text → the tickets that have an id, a body and a labelled branch and language. */
export function parseExampleTickets(jsonl: string): ExampleTicket[] {
  const out: ExampleTicket[] = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    let t: Record<string, unknown>;
    try {
      t = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const labels = (t.labels ?? {}) as Record<string, unknown>;
    if (typeof t.id !== 'string' || !ID.test(t.id) || typeof t.body !== 'string' || !isOne(BRANCHES, labels.branch) || !isOne(LANGUAGES, labels.language)) continue;
    const c = comments(t.comments);
    out.push({ id: t.id, branch: labels.branch, language: labels.language, thread: { subject: typeof t.subject === 'string' ? t.subject : '', body: t.body, ...(c.length ? { comments: c } : {}) } });
  }
  return out;
}

export function loadExampleTickets(file = EXAMPLES_FILE): ExampleTicket[] {
  try {
    return parseExampleTickets(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}
