// Runs in a worker thread (try-it-pool.ts): one Try it reading and its HTML, so a visitor's 100 KiB paste costs this
// thread's CPU, not the event loop that answers Zendesk's webhooks. Same classify() as everywhere else; the HTML is
// try-it-view.ts's, the same the page would render itself. The HTML leaves as UTF-8: a page of 200 KiB of ticket
// text sent as a string costs the event loop a copy (flattening the joined string) and the UTF-8 encoding on every
// answer, bytes go to the socket as they are.
import { classify } from '../classify/index.js';
import type { TicketForm } from './ticket-form.js';
import { tryItHtml } from './try-it-view.js';

export interface TryItTask {
  form: TicketForm;
  /** The service's AUTO_SEND setting, which the summary names. */
  autoSend: boolean;
}

/** try-it-view.ts's HTML as UTF-8: the form's fields and the result. */
export interface TryItAnswer {
  fields: Uint8Array;
  result: Uint8Array;
}

const utf8 = (html: string): Uint8Array => Buffer.from(html, 'utf8');

export default function readTicket({ form, autoSend }: TryItTask): TryItAnswer {
  const { fields, result } = tryItHtml(form, autoSend, classify(form.thread));
  return { fields: utf8(fields), result: utf8(result) };
}
