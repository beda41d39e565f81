// Try it (`/`, no sign-in): paste a ticket, see the slots with their evidence marked in the text, the branch, the
// confidence, auto-send eligibility and the reply in the classified language, with a switch to the other one.
// Nothing is stored and nothing is sent: it runs the same classify() and renderReply() as the worker.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Classification, Language, Thread } from '../../classify/types.js';
import { renderReply, toDestination } from '../../replies/index.js';
import { createTryItPool } from '../try-it-pool.js';
import { summaryView } from '../classification-view.js';
import { csrfField } from '../csrf.js';
import { EXAMPLES } from '../examples.js';
import { html, trusted, type SafeHtml } from '../html.js';
import { sendPage } from '../layout.js';
import { parseTicketForm, type TicketForm } from '../ticket-form.js';
import { threadView } from '../thread-view.js';

const LANGUAGE_NAME: Record<Language, string> = { en: 'English', de: 'German' };

function followupRow(author: 'customer' | 'agent', body: string): SafeHtml {
  return html`<div class="followup">
  <select name="followup_author" aria-label="Author">
    <option value="customer"${author === 'customer' ? trusted(' selected') : ''}>customer</option>
    <option value="agent"${author === 'agent' ? trusted(' selected') : ''}>agent</option>
  </select>
  <textarea name="followup_body" rows="3" aria-label="Follow-up text" placeholder="A later message in the thread">${body}</textarea>
</div>`;
}

function ticketForm(req: FastifyRequest, reply: FastifyReply, t: Thread): SafeHtml {
  return html`<form id="ticket-form" class="ticket-form" method="post" action="/">
  ${csrfField(req, reply)}
  <p class="examples">Load an example: <a href="/?example=en">English</a> · <a href="/?example=de">German</a></p>
  <label>Subject <input name="subject" maxlength="500" value="${t.subject}"></label>
  <label>Message <small>the customer's first message</small>
    <textarea name="body" rows="11" required>${t.body}</textarea></label>
  <label>Customer name <small>optional, for the greeting</small> <input name="name" maxlength="100" value="${t.requesterName ?? ''}"></label>
  <fieldset class="followups">
    <legend>Follow-ups <small>optional, oldest first</small></legend>
    <div id="followups">${(t.comments ?? []).map((c) => followupRow(c.author, c.body))}${followupRow('customer', '')}</div>
    <template id="followup-template">${followupRow('customer', '')}</template>
    <button type="button" id="add-followup" class="secondary">Add a follow-up</button>
  </fieldset>
  <button type="submit" name="lang" value="">Classify and draft</button>
</form>`;
}

function replyView(thread: Thread, c: Classification, lang: Language): SafeHtml {
  if (c.branch === 'off-topic') {
    return html`<p class="muted">Off-topic: the worker only tags such a ticket; no reply is drafted.</p>`;
  }
  const other: Language = lang === 'en' ? 'de' : 'en';
  const rendered = renderReply(
    { branch: c.branch, language: lang, product: c.slots.product, slots: c.slots, ...(thread.requesterName ? { requesterName: thread.requesterName } : {}) },
    'markdown',
  );
  return html`<div class="reply-head">
  <span>Reply in <strong>${LANGUAGE_NAME[lang]}</strong>${lang === c.slots.language ? ' (the ticket’s language)' : ' (switched)'} · template <code>${rendered.templateId}@${rendered.version}</code></span>
  <button type="submit" form="ticket-form" name="lang" value="${other}" class="secondary" id="switch-language">Show the ${LANGUAGE_NAME[other]} reply</button>
</div>
<article class="reply" lang="${lang}">${trusted(toDestination(rendered.text, 'html'))}</article>
<details><summary>Markdown, as it goes to Zendesk</summary><pre class="markdown">${rendered.text}</pre></details>`;
}

function resultView(form: TicketForm, c: Classification, autoSendSetting: boolean): SafeHtml {
  const lang = form.lang ?? c.slots.language;
  return html`<section class="result" id="result" data-branch="${c.branch}" data-language="${c.slots.language}">
  <h2>Classification</h2>
  ${summaryView(c, autoSendSetting)}
  <h2>Evidence in the text</h2>
  ${threadView(form.thread, c.evidence)}
  <h2>Reply</h2>
  ${replyView(form.thread, c, lang)}
</section>`;
}

const intro = html`<section class="intro"><h1>Try it</h1><p>Paste a MailStore ticket about moving to Microsoft 365
Modern Authentication. You see what the worker would decide: the slots and the words that set them, the branch, and
the reply it would draft. Nothing is stored or sent.</p></section>`;

/** Well below the webhook's 256 KiB: a Try it paste is one ticket, typed or pasted by a person. */
export const TRY_IT_BODY_LIMIT = 128 * 1024;
/** Readings per client and minute: enough for a person clicking through examples, not for a script. */
export const TRY_IT_PER_MINUTE = 20;

export async function tryItRoutes(app: FastifyInstance): Promise<void> {
  const autoSend = app.m365.config.autoSend;
  const pool = createTryItPool(1);
  app.addHook('onClose', async () => pool.close());

  app.get<{ Querystring: { example?: string } }>('/', async (req, reply) => {
    const ex = req.query.example === 'de' || req.query.example === 'en' ? EXAMPLES[req.query.example] : { subject: '', body: '' };
    const body = html`${intro}<div class="columns"><div>${ticketForm(req, reply, ex)}</div><div class="placeholder"><p class="muted">The classification and the reply appear here.</p></div></div>`;
    return sendPage(req, reply, 200, { title: 'Try it', active: 'try-it', body, scripts: ['/assets/review/review.js'] });
  });

  const perClient = app.rateLimit({ max: TRY_IT_PER_MINUTE, timeWindow: 60_000, keyGenerator: (req) => `try-it:${req.ip}` });
  app.post('/', { onRequest: perClient, preValidation: app.csrfProtection, bodyLimit: TRY_IT_BODY_LIMIT }, async (req, reply) => {
    const parsed = parseTicketForm(req.body);
    if (!parsed.ok) {
      const body = html`${intro}<div class="columns"><div>${ticketForm(req, reply, parsed.thread)}</div><div></div></div>`;
      return sendPage(req, reply, 400, { title: 'Try it', active: 'try-it', body, notice: { kind: 'error', text: parsed.message }, scripts: ['/assets/review/review.js'] });
    }
    const c = await pool.classify(parsed.form.thread);
    if (!c) {
      reply.header('retry-after', '5');
      const body = html`${intro}<div class="columns"><div>${ticketForm(req, reply, parsed.form.thread)}</div><div></div></div>`;
      return sendPage(req, reply, 503, { title: 'Try it', active: 'try-it', body, notice: { kind: 'error', text: 'Try it is busy right now. Your text is still here: send it again in a few seconds.' }, scripts: ['/assets/review/review.js'] });
    }
    const body = html`${intro}<div class="columns"><div>${ticketForm(req, reply, parsed.form.thread)}</div><div>${resultView(parsed.form, c, autoSend)}</div></div>`;
    return sendPage(req, reply, 200, { title: 'Try it', active: 'try-it', body, scripts: ['/assets/review/review.js'] });
  });
}
