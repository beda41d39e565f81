// Runs in a worker thread (try-it-pool.ts): one Try it reading from the form as sent to its HTML, so a visitor's
// 100 KiB paste costs this thread's CPU, not the event loop that answers Zendesk's webhooks: decoding the form,
// classify() (the same as everywhere else) and try-it-view.ts's HTML, the same the page would render itself. The HTML
// leaves as UTF-8: a page of 200 KiB of ticket text sent as a string costs the event loop a copy (flattening the
// joined string) and the UTF-8 encoding on every answer, bytes go to the socket as they are.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { classify } from '../classify/index.js';
import { NO_OPTIONS, parseTicketFormBytes, type TicketForm } from './ticket-form.js';
import { ticketFormFields, tryItHtml } from './try-it-view.js';

/** A form as posted (its bytes), or one already built (a loaded example); and the service's AUTO_SEND setting. */
export type TryItTask = { autoSend: boolean } & ({ body: Uint8Array } | { form: TicketForm });

/** try-it-view.ts's HTML as UTF-8: the form's fields and the result, or the fields and what to fix in the form. */
export type TryItAnswer = { ok: true; fields: Uint8Array; result: Uint8Array } | { ok: false; message: string; fields: Uint8Array };

// TextEncoder, not Buffer.from: each answer gets an ArrayBuffer of its own, which can be moved to the event loop's
// thread instead of copied (a small Buffer is a slice of Node's shared pool, and moving that would take the pool).
const encoder = new TextEncoder();
const utf8 = (html: string): Uint8Array => encoder.encode(html);

/** The answer with its bytes moved, not copied, to the pool's caller: no 240 KiB copy on the event loop. */
function moved(answer: TryItAnswer): TryItAnswer {
  const buffers = answer.ok ? [answer.fields.buffer, answer.result.buffer] : [answer.fields.buffer];
  return move({ [transferableSymbol]: buffers, [valueSymbol]: answer }) as unknown as TryItAnswer;
}

export default function readTicket(task: TryItTask): TryItAnswer {
  const parsed = 'form' in task ? { ok: true as const, form: task.form } : parseTicketFormBytes(task.body);
  // A form with a mistake comes back with what was typed and no options, as the page would show it (pages/try-it.ts).
  if (!parsed.ok) return moved({ ok: false, message: parsed.message, fields: utf8(ticketFormFields(parsed.thread, NO_OPTIONS, null).value) });
  const { fields, result } = tryItHtml(parsed.form, task.autoSend, classify(parsed.form.thread));
  return moved({ ok: true, fields: utf8(fields), result: utf8(result) });
}
