// Try it's answer is rendered in its worker thread and spliced into the page as UTF-8 (issue 12). Through the real
// app: the page a visitor gets carries exactly the HTML try-it-view renders for the same ticket in this thread, and
// hostile text in a paste comes back as text, never as markup or template syntax.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import type { TicketForm } from '../../src/review/ticket-form.js';
import { resultView, ticketFormFields, ticketFormStart } from '../../src/review/try-it-view.js';
import { Client, startReviewApp, type ReviewApp } from './helpers.js';

/** Fails with the place the page departs from `expected` (from where `expected` starts), not 200 KiB of diff. */
function expectSpliced(page: string, expected: string, what: string): void {
  const head = expected.slice(0, 60);
  const at = page.indexOf(head);
  expect(at, `${what}: its first characters (${head}) are not on the page`).toBeGreaterThanOrEqual(0);
  const got = page.slice(at, at + expected.length);
  if (got === expected) return;
  let i = 0;
  while (got[i] === expected[i]) i++;
  expect(got.slice(Math.max(0, i - 80), i + 80), `${what} differs at character ${i}`).toBe(expected.slice(Math.max(0, i - 80), i + 80));
}

const between = (page: string, from: string, to: string): string => {
  const start = page.indexOf(from);
  expect(start, `${from} on the page`).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf(to, start) + to.length);
};

describe('Try it page HTML rendered in the worker', () => {
  let r: ReviewApp;
  beforeAll(async () => {
    r = await startReviewApp({ review: null });
  });
  afterAll(async () => r?.close());

  it('the page carries exactly the form and the result that try-it-view renders for the ticket in this thread', async () => {
    // German text with umlauts and a typographic apostrophe, a customer and an agent follow-up, a name, and the reply
    // asked for in English for SPE: every part of the answer and every option the form echoes.
    const form: TicketForm = {
      thread: {
        subject: 'Umstellung auf Modern Authentication – AD behalten',
        body: "Hallo,\nwir nutzen MailStore Server mit Active Directory. Die Benutzernamen sind die Anmeldenamen ohne Domain (z. B. 'mmüller').\nViele Grüße",
        comments: [
          { author: 'agent', body: 'Möchten Sie umbenennen oder das AD behalten?' },
          { author: 'customer', body: 'Wir möchten das AD behalten und nur die Archivierung umstellen – das ist uns wichtig’.' },
        ],
        requesterName: 'Markus Müller',
      },
      lang: 'en',
      product: 'spe',
      branch: null,
    };
    const c = new Client(r.app, { remoteAddress: '198.51.100.40' });
    await c.get('/');
    const res = await c.post('/', {
      _csrf: c.csrf(),
      subject: form.thread.subject,
      body: form.thread.body.replace(/\n/g, '\r\n'),
      name: 'Markus Müller',
      followup_author: ['agent', 'customer', 'customer'],
      followup_body: [...form.thread.comments!.map((x) => x.body), ''],
      reply_lang: 'en',
      product: 'spe',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const reading = classify(form.thread);
    expect(reading.branch).toBe('hybrid');
    // The CSRF field is the session's, made by the page for this visitor: the one thing not from try-it-view.
    const csrf = /<input type="hidden" name="_csrf" value="[^"]+">/.exec(res.body)?.[0] ?? 'no CSRF field';
    expectSpliced(res.body, ticketFormStart.value + csrf + ticketFormFields(form.thread, form, reading.slots.language).value, 'the ticket form');
    expectSpliced(res.body, resultView(form, false, reading).value, 'the result');
  });

  it('an escaping-hostile paste stays text: <script>, {{x}} and {% %} come back as typed, escaped, and never reach the reply as template syntax', async () => {
    const c = new Client(r.app, { remoteAddress: '198.51.100.41' });
    await c.get('/');
    // The hostile text in the message and in an agent's follow-up: agent comments are never evidence, so that part of
    // the thread view is the text alone, with no marks in between.
    const hostile = '{{x}} {{{y}}} {% if a %}b{% endif %} <script>alert(2)</script></textarea><img src=x onerror=alert(3)> "q" & \'s\' {{#each z}}<b onmouseover=alert(4)>hi</b>{{/each}}';
    const res = await c.post('/', {
      _csrf: c.csrf(),
      subject: '<script>alert(1)</script> {{x}}',
      body: `We use MailStore Server with Active Directory and keep the AD sync. ${hostile}`,
      name: '{{x}} Eve {% y %}',
      followup_author: 'agent',
      followup_body: hostile,
    });
    expect(res.statusCode).toBe(200);
    const page = res.body;
    // HTML-escaped as written by hand (& < > " ' become entities), everything else exactly as typed.
    const escaped =
      '{{x}} {{{y}}} {% if a %}b{% endif %} &lt;script&gt;alert(2)&lt;/script&gt;&lt;/textarea&gt;&lt;img src=x onerror=alert(3)&gt; &quot;q&quot; &amp; &#39;s&#39; {{#each z}}&lt;b onmouseover=alert(4)&gt;hi&lt;/b&gt;{{/each}}';
    expect(page).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt; {{x}}"');
    expect(between(page, '<textarea name="body"', '</textarea>')).toBe(
      `<textarea name="body" rows="11" required lang="en">We use MailStore Server with Active Directory and keep the AD sync. ${escaped}</textarea>`,
    );
    expect(between(page, '<textarea name="followup_body"', '</textarea>')).toBe(
      `<textarea name="followup_body" rows="3" aria-label="Follow-up text" placeholder="A later message in the thread" lang="en">${escaped}</textarea>`,
    );
    expect(page).toContain('value="{{x}} Eve {% y %}"');
    expect(between(page, '<section class="part agent" data-where="comment 1">', '</section>')).toContain(`<div class="ticket-text" lang="en">${escaped}</div>`);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page).not.toMatch(/<(img|b)\b[^>]*(onerror|onmouseover)/);
    // The reply: the name is data, not template source; no Handlebars or Liquid syntax survives into it.
    const reply = between(page, '<article class="reply"', '</article>') + between(page, '<pre class="markdown"', '</pre>');
    expect(reply).toContain('Eve');
    expect(reply).not.toMatch(/\{\{|\{%|%\}|\}\}/);
  });

  it('a post that is not a browser form is read as before: JSON with the token gets its reading, plain text what to fix', async () => {
    const c = new Client(r.app, { remoteAddress: '198.51.100.42' });
    await c.get('/');
    const cookie = [c.last!.headers['set-cookie']].flat().map((x) => String(x).split(';')[0]).join('; ');
    const post = (type: string, payload: string) => r.app.inject({ method: 'POST', url: '/', remoteAddress: '198.51.100.42', headers: { cookie, 'content-type': type, 'x-csrf-token': c.csrf() }, payload });
    const json = await post('application/json', JSON.stringify({ subject: 'Keep AD', body: 'MailStore Server with Active Directory; we keep the AD sync and move only archiving to modern auth.' }));
    expect(json.statusCode).toBe(200);
    expect(json.body).toContain('data-branch="hybrid"');
    const text = await post('text/plain', 'MailStore Server with Active Directory');
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('Paste the customer&#39;s first message into “Message”.');
  });
});
