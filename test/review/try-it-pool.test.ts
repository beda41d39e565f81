// Try it reads tickets in a worker thread (issue 12): the event loop that answers webhooks stays free, and a full
// queue says "busy" at once rather than piling up work. The worker takes the form as posted and answers with the
// page's HTML as UTF-8 (try-it-worker.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { NO_OPTIONS, type TicketForm } from '../../src/review/ticket-form.js';
import { createTryItPool, TRY_IT_QUEUE } from '../../src/review/try-it-pool.js';
import { ticketFormFields, tryItHtml } from '../../src/review/try-it-view.js';
import type { TryItAnswer } from '../../src/review/try-it-worker.js';

const FORM: TicketForm = {
  thread: {
    subject: 'AD behalten',
    body: "Hallo,\nMailStore Server synchronisiert mit unserem Active Directory (Benutzernamen wie 'jmüller'). Wir behalten die AD-Synchronisation und stellen nur die Archivierung auf Modern Authentication um.\nGrüße",
    requesterName: 'Jürgen Müller',
  },
  lang: 'en',
  product: null,
  branch: null,
};
// The same form as a browser posts it (application/x-www-form-urlencoded, UTF-8, CRLF line ends).
const posted = (fields: Record<string, string>): Uint8Array => Buffer.from(new URLSearchParams(fields).toString());
const FORM_BYTES = posted({ _csrf: 'token', subject: FORM.thread.subject, body: FORM.thread.body.replace(/\n/g, '\r\n'), name: 'Jürgen Müller', reply_lang: 'en' });
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe('Try it worker pool', () => {
  // At normal priority: beside a busy neighbour at nice 0, a nice-19 thread would wait minutes (helpers.ts says more).
  const pool = createTryItPool(1, 0);
  afterAll(() => pool.close());

  it('answers a posted form with the HTML try-it-view renders for it in this thread, byte for byte', async () => {
    const answer = await pool.read({ autoSend: false, body: FORM_BYTES });
    expect(answer?.ok).toBe(true);
    const { fields, result } = answer as Extract<TryItAnswer, { ok: true }>;
    const here = tryItHtml(FORM, false, classify(FORM.thread));
    expect(text(fields)).toBe(here.fields);
    expect(text(result)).toBe(here.result);
  });

  it('a form with a mistake: what to fix, and the fields as typed, as this thread renders them', async () => {
    const answer = await pool.read({ autoSend: false, body: posted({ _csrf: 'token', subject: 'Nur ein Betreff', body: '   ' }) });
    expect(answer).toMatchObject({ ok: false, message: "Paste the customer's first message into “Message”." });
    expect(text(answer!.fields)).toBe(ticketFormFields({ subject: 'Nur ein Betreff', body: '   ' }, NO_OPTIONS, null).value);
  });

  it('a burst beyond the queue: the extra requests are told "busy" (null) at once, the rest are answered', async () => {
    const answers = await Promise.all(Array.from({ length: TRY_IT_QUEUE + 12 }, () => pool.read({ autoSend: false, body: FORM_BYTES })));
    const busy = answers.filter((a) => a === null).length;
    expect(busy).toBeGreaterThan(0);
    expect(answers.filter((a) => a !== null).every((a) => a!.ok && text(a!.result).includes('data-branch="hybrid"'))).toBe(true);
    expect(answers.length - busy).toBeGreaterThanOrEqual(TRY_IT_QUEUE);
  });
});
