// Try it (`/`, no sign-in): paste a ticket, or load one of the labelled examples (which runs it at once), and see the
// slots with their evidence marked in the text, the branch, the confidence against the auto-send band, and the reply.
// The reply can be shown for another language, product or branch (to see any reply), and copied as Markdown (as it
// goes to Zendesk) or plain text. Nothing is stored and nothing is sent: it runs the same classify() and
// renderReply() as the worker.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BRANCHES, type Branch, type Classification, type Language, type Thread } from '../../classify/types.js';
import { renderReply, toDestination } from '../../replies/index.js';
import { BRANCH_MEANING, branchBadge, summaryView } from '../classification-view.js';
import { csrfField } from '../csrf.js';
import { loadExampleTickets, type ExampleTicket } from '../example-tickets.js';
import { createTryItPool } from '../try-it-pool.js';
import { EXAMPLES } from '../examples.js';
import { html, trusted, type SafeHtml } from '../html.js';
import { sendPage } from '../layout.js';
import { NO_OPTIONS, parseTicketForm, type ReplyOptions, type TicketForm } from '../ticket-form.js';
import { threadView } from '../thread-view.js';

const LANGUAGE_NAME: Record<Language, string> = { en: 'English', de: 'German' };
const PRODUCT_NAME = { server: 'MailStore Server', spe: 'MailStore SPE' } as const;

const option = (value: string, label: string, selected: boolean) =>
  selected ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;

function followupRow(author: 'customer' | 'agent', body: string, lang: Language | null): SafeHtml {
  return html`<div class="followup">
  <select name="followup_author" aria-label="Author">
    <option value="customer"${author === 'customer' ? trusted(' selected') : ''}>customer</option>
    <option value="agent"${author === 'agent' ? trusted(' selected') : ''}>agent</option>
  </select>
  <textarea name="followup_body" rows="3" aria-label="Follow-up text" placeholder="A later message in the thread"${lang ? html` lang="${lang}"` : ''}>${body}</textarea>
</div>`;
}

/** "Load an example": a GET form (it changes nothing) whose answer is the example already classified and drafted. */
function examplePicker(examples: readonly ExampleTicket[], chosen: string | null): SafeHtml {
  if (examples.length === 0) {
    return html`<p class="examples">Load an example: <a href="/?example=en">English</a> · <a href="/?example=de">German</a></p>`;
  }
  const groups = BRANCHES.map((b) => [b, examples.filter((e) => e.branch === b)] as const).filter(([, list]) => list.length);
  return html`<form class="examples" method="get" action="/">
  <label for="example">Load an example <small>labelled tickets from examples/tickets.jsonl</small></label>
  <div class="inline">
    <select id="example" name="example" required>${option('', 'Choose a ticket…', chosen === null)}${groups.map(([b, list]) => html`<optgroup label="${b}">${list.map((e) => option(e.id, `${e.language.toUpperCase()} · ${e.thread.subject || e.id}`, e.id === chosen))}</optgroup>`)}</select>
    <button type="submit" class="secondary">Load and run</button>
  </div>
</form>`;
}

function replyOptions(o: ReplyOptions): SafeHtml {
  return html`<fieldset class="reply-options">
  <legend>Reply options <small>optional</small></legend>
  <label>Product <select name="product">${option('', 'as classified', !o.product)}${option('server', PRODUCT_NAME.server, o.product === 'server')}${option('spe', PRODUCT_NAME.spe, o.product === 'spe')}</select></label>
  <label>Language <select name="reply_lang">${option('', 'as classified', !o.lang)}${option('en', 'English', o.lang === 'en')}${option('de', 'German', o.lang === 'de')}</select></label>
  <label>Branch <select name="branch">${option('', 'as classified', !o.branch)}${BRANCHES.map((b) => option(b, b, o.branch === b))}</select></label>
</fieldset>`;
}

function ticketForm(req: FastifyRequest, reply: FastifyReply, t: Thread, o: ReplyOptions, lang: Language | null): SafeHtml {
  const l = lang ? html` lang="${lang}"` : '';
  return html`<form id="ticket-form" class="ticket-form" method="post" action="/">
  ${csrfField(req, reply)}
  <label>Subject <input name="subject" maxlength="500" value="${t.subject}"${l}></label>
  <label>Message <small>the customer's first message</small>
    <textarea name="body" rows="11" required${l}>${t.body}</textarea></label>
  <label>Customer name <small>optional, for the greeting</small> <input name="name" maxlength="100" value="${t.requesterName ?? ''}"></label>
  <fieldset class="followups">
    <legend>Follow-ups <small>optional, oldest first</small></legend>
    <div id="followups">${(t.comments ?? []).map((c) => followupRow(c.author, c.body, lang))}${followupRow('customer', '', lang)}</div>
    <template id="followup-template">${followupRow('customer', '', lang)}</template>
    <button type="button" id="add-followup" class="secondary">Add a follow-up</button>
  </fieldset>
  ${replyOptions(o)}
  <button type="submit" name="lang" value="">Classify and draft</button>
</form>`;
}

function replyView(thread: Thread, c: Classification, o: ReplyOptions, lang: Language): SafeHtml {
  const branch: Branch = o.branch ?? c.branch;
  const chosen = o.branch && o.branch !== c.branch ? html`<p class="override">Branch chosen by hand: ${branchBadge(branch)} (the classifier read ${branchBadge(c.branch)}).</p>` : '';
  if (branch === 'off-topic') {
    return html`${chosen}<p class="no-reply"><strong>No reply would be drafted.</strong> The ticket is ${o.branch ? 'treated as' : 'read as'} off-topic (${BRANCH_MEANING['off-topic']}): the worker only tags it, and no draft reaches an agent.</p>`;
  }
  const other: Language = lang === 'en' ? 'de' : 'en';
  const product = o.product ?? c.slots.product;
  const rendered = renderReply(
    { branch, language: lang, product, slots: c.slots, ...(thread.requesterName ? { requesterName: thread.requesterName } : {}) },
    'markdown',
  );
  return html`${chosen}<div class="reply-head">
  <span>Reply in <strong>${LANGUAGE_NAME[lang]}</strong>${lang === c.slots.language ? ' (the ticket’s language)' : ' (switched)'}${o.product ? html` for <strong>${PRODUCT_NAME[o.product]}</strong>` : ''} · template <code>${rendered.templateId}@${rendered.version}</code></span>
  <button type="submit" form="ticket-form" name="lang" value="${other}" class="secondary" id="switch-language">Show the ${LANGUAGE_NAME[other]} reply</button>
</div>
<article class="reply" lang="${lang}" aria-label="Reply">${trusted(toDestination(rendered.text, 'html'))}</article>
<div class="copy-bar">
  <button type="button" class="secondary copy" data-copy="reply-markdown" hidden>Copy Markdown <small>(as it goes to Zendesk)</small></button>
  <button type="button" class="secondary copy" data-copy="reply-text" hidden>Copy plain text</button>
  <span class="copy-status" role="status"></span>
</div>
<details><summary>Markdown, as it goes to Zendesk</summary><pre class="markdown" id="reply-markdown" lang="${lang}">${rendered.text}</pre></details>
<details><summary>Plain text</summary><pre class="plain" id="reply-text" lang="${lang}">${toDestination(rendered.text, 'text')}</pre></details>`;
}

function resultView(form: TicketForm, autoSendSetting: boolean, c: Classification): SafeHtml {
  const lang = form.lang ?? c.slots.language;
  return html`<section class="result" id="result" aria-labelledby="result-heading" data-branch="${c.branch}" data-reply-branch="${form.branch ?? c.branch}" data-language="${c.slots.language}">
  <h2 id="result-heading">Classification</h2>
  ${summaryView(c, autoSendSetting, c.slots.language)}
  <h2>Evidence in the text</h2>
  ${threadView(form.thread, c.evidence, c.slots.language)}
  <h2>Reply</h2>
  ${replyView(form.thread, c, form, lang)}
</section>`;
}

const intro = html`<section class="intro"><h1>Try it</h1><p>Paste a MailStore ticket about moving to Microsoft 365
Modern Authentication, or load an example. You see what the worker would decide: the slots and the words that set
them, the branch, and the reply it would draft. Nothing is stored or sent.</p></section>`;

/** Well below the webhook's 256 KiB: a Try it paste is one ticket, typed or pasted by a person. */
export const TRY_IT_BODY_LIMIT = 128 * 1024;
/** Readings per client and minute: enough for a person clicking through examples, not for a script. */
export const TRY_IT_PER_MINUTE = 20;

export async function tryItRoutes(app: FastifyInstance): Promise<void> {
  const autoSend = app.m365.config.autoSend;
  const examples = loadExampleTickets();
  if (examples.length === 0) app.log.warn('Try it: examples/tickets.jsonl not found or empty; only the two built-in examples are offered');
  // The one place Try it reads a ticket (typed, or a loaded example): in a worker-thread pool, so an anonymous
  // visitor's paste never holds up the event loop that answers Zendesk's webhooks (issue 12). Null: the pool is busy.
  const pool = createTryItPool(1);
  app.addHook('onClose', async () => pool.close());
  // The examples are a fixed list: each is read once and remembered, so loading one costs no reading at all.
  const exampleThreads = new Set<Thread>([...Object.values(EXAMPLES), ...examples.map((e) => e.thread)]);
  const exampleReadings = new Map<Thread, Classification>();
  const read = async (t: Thread): Promise<Classification | null> => {
    const known = exampleReadings.get(t);
    if (known) return known;
    const c = await pool.classify(t);
    if (c && exampleThreads.has(t)) exampleReadings.set(t, c);
    return c;
  };

  async function show(req: FastifyRequest, reply: FastifyReply, status: number, form: TicketForm | null, thread: Thread, chosen: string | null, notice: string | null = null) {
    const c = form ? await read(form.thread) : null;
    if (form && !c) {
      reply.header('retry-after', '5');
      status = 503;
      notice = 'Try it is busy right now. Your text is still here: send it again in a few seconds.';
    }
    const right = form && c ? resultView(form, autoSend, c) : html`<div class="placeholder"><p class="muted">The classification and the reply appear here.</p></div>`;
    const body = html`${intro}<div class="columns"><div>${examplePicker(examples, chosen)}${ticketForm(req, reply, thread, form ?? NO_OPTIONS, c?.slots.language ?? null)}</div><div>${right}</div></div>`;
    return sendPage(req, reply, status, { title: 'Try it', active: 'try-it', body, notice: notice ? { kind: 'error', text: notice } : null });
  }

  app.get<{ Querystring: { example?: string } }>('/', async (req, reply) => {
    const id = req.query.example ?? '';
    const thread = id === 'en' || id === 'de' ? EXAMPLES[id] : examples.find((e) => e.id === id)?.thread;
    if (!thread) return show(req, reply, id ? 404 : 200, null, { subject: '', body: '' }, null, id ? 'There is no such example; pick one from the list.' : null);
    return show(req, reply, 200, { thread, ...NO_OPTIONS }, thread, id);
  });

  const perClient = app.rateLimit({ max: TRY_IT_PER_MINUTE, timeWindow: 60_000, keyGenerator: (req) => `try-it:${req.ip}` });
  app.post('/', { onRequest: perClient, preValidation: app.csrfProtection, bodyLimit: TRY_IT_BODY_LIMIT }, async (req, reply) => {
    const parsed = parseTicketForm(req.body);
    if (!parsed.ok) return show(req, reply, 400, null, parsed.thread, null, parsed.message);
    return show(req, reply, 200, parsed.form, parsed.form.thread, null);
  });
}
