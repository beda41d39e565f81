// Try it reads tickets in a worker thread (issue 12): the event loop that answers webhooks stays free, and a full
// queue says "busy" at once rather than piling up work. The worker answers with the page's HTML as UTF-8
// (try-it-worker.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import type { TicketForm } from '../../src/review/ticket-form.js';
import { createTryItPool, TRY_IT_QUEUE } from '../../src/review/try-it-pool.js';
import { tryItHtml } from '../../src/review/try-it-view.js';

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
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe('Try it worker pool', () => {
  const pool = createTryItPool(1);
  afterAll(() => pool.close());

  it('answers with the HTML try-it-view renders for the form in this thread, byte for byte', async () => {
    const answer = await pool.read({ autoSend: false, form: FORM });
    const here = tryItHtml(FORM, false, classify(FORM.thread));
    expect(text(answer!.fields)).toBe(here.fields);
    expect(text(answer!.result)).toBe(here.result);
  });

  it('a burst beyond the queue: the extra requests are told "busy" (null) at once, the rest are answered', async () => {
    const answers = await Promise.all(Array.from({ length: TRY_IT_QUEUE + 12 }, () => pool.read({ autoSend: false, form: FORM })));
    const busy = answers.filter((a) => a === null).length;
    expect(busy).toBeGreaterThan(0);
    expect(answers.filter((a) => a !== null).every((a) => text(a!.result).includes('data-branch="hybrid"'))).toBe(true);
    expect(answers.length - busy).toBeGreaterThanOrEqual(TRY_IT_QUEUE);
  });
});
