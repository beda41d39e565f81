// JSONL lines → validated tickets, still one at a time. Failures carry the line number for the stderr message.
import type { Thread } from '../classify/types.js';
import { readJsonl } from './read-jsonl.js';
import type { ByteSource } from './read-jsonl.js';
import { validateTicket } from './validate-ticket.js';

export type TicketItem =
  | { lineNo: number; ok: true; id: string; thread: Thread; record: Record<string, unknown> }
  | { lineNo: number; ok: false; id: string; error: string };

export async function* readTickets(source: ByteSource): AsyncGenerator<TicketItem> {
  for await (const line of readJsonl(source)) {
    if (!line.ok) {
      yield { lineNo: line.lineNo, ok: false, id: `line-${line.lineNo}`, error: line.error };
      continue;
    }
    yield { lineNo: line.lineNo, ...validateTicket(line.value, line.lineNo) };
  }
}

/** `line 3: body is missing or empty (id d003)`: the line number first (what an editor jumps to), the id when the
 *  line has its own, so the ticket can be found in the ticket system as well. */
export function formatLineError(lineNo: number, error: string, id?: string): string {
  const suffix = id !== undefined && id !== `line-${lineNo}` ? ` (id ${id})` : '';
  return `line ${lineNo}: ${error}${suffix}\n`;
}
