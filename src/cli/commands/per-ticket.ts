// The loop shared by classify and draft: stream tickets in, one JSON line out per good ticket, one stderr line per
// bad one, and never stop early because of a single line.
import type { Thread } from '../../classify/types.js';
import { OutputClosedError, StreamWriter, openInput } from '../io.js';
import type { CliIO } from '../io.js';
import { formatLineError, readTickets } from '../read-tickets.js';

/** A per-ticket failure with a message fit for the user (the step that failed and why). */
export class TicketError extends Error {}

/** Runs fn, re-throwing any error as a TicketError that names the step, e.g. "classifier failed: …". */
export function step<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new TicketError(`${name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

export async function runPerTicket(
  command: string,
  file: string | undefined,
  io: CliIO,
  handle: (ticket: { id: string; thread: Thread }) => unknown,
): Promise<number> {
  const source = await openInput(file, io.stdin, io.stderr);
  const out = new StreamWriter(io.stdout);
  let failed = 0;
  let written = 0;
  try {
    for await (const item of readTickets(source)) {
      if (!item.ok) {
        failed += 1;
        io.stderr.write(formatLineError(item.lineNo, item.error, item.id));
        continue;
      }
      let result: unknown;
      try {
        result = handle(item);
      } catch (err) {
        if (!(err instanceof TicketError)) throw err;
        failed += 1;
        io.stderr.write(formatLineError(item.lineNo, err.message, item.id));
        continue;
      }
      await out.write(JSON.stringify(result) + '\n');
      written += 1;
    }
    await out.flush();
  } catch (err) {
    // Reader gone (EPIPE): nothing more can be delivered, so stop quietly with a failure code.
    if (err instanceof OutputClosedError) return 1;
    throw err;
  } finally {
    out.release();
  }
  if (failed > 0) {
    io.stderr.write(`m365-guide ${command}: ${failed} line${failed === 1 ? '' : 's'} failed, ${written} ticket${written === 1 ? '' : 's'} written\n`);
    return 1;
  }
  return 0;
}
