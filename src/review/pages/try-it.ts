// Try it (`/`, no sign-in): paste a ticket, or load one of the labelled examples (which runs it at once), and see the
// slots with their evidence marked in the text, the branch, the confidence against the auto-send band, and the reply.
// The reply can be shown for another language, product or branch (to see any reply), and copied as Markdown (as it
// goes to Zendesk) or plain text. Nothing is stored and nothing is sent: it runs the same classify() and
// renderReply() as the worker.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BRANCHES, type Thread } from '../../classify/types.js';
import type { Config } from '../../config.js';
import { csrfField } from '../csrf.js';
import { loadExampleTickets, type ExampleTicket } from '../example-tickets.js';
import { createReadingBudget } from '../try-it-budget.js';
import { createTryItPool } from '../try-it-pool.js';
import { EXAMPLES } from '../examples.js';
import { html, type SafeHtml } from '../html.js';
import { sendPage, sendPageParts } from '../layout.js';
import { formCsrfToken, NO_OPTIONS, parseTicketForm, parseTicketFormBytes, type ReplyOptions } from '../ticket-form.js';
import { option, ticketFormFields, ticketFormStart } from '../try-it-view.js';
import type { TryItAnswer, TryItTask } from '../try-it-worker.js';

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

const intro = html`<section class="intro"><h1>Try it</h1><p>Paste a MailStore ticket about moving to Microsoft 365
Modern Authentication, or load an example. You see what the worker would decide: the slots and the words that set
them, the branch, and the reply it would draft. Nothing is stored or sent.</p></section>`;

/** Well below the webhook's 256 KiB: a Try it paste is one ticket, typed or pasted by a person. */
export const TRY_IT_BODY_LIMIT = 128 * 1024;
/** Readings per client and minute: enough for a person clicking through examples, not for a script. */
export const TRY_IT_PER_MINUTE = 20;

/** Try it's POST body as the route sees it: the bytes, and the CSRF token found in them (for the CSRF check). */
interface PostedForm {
  _csrf: string | undefined;
  bytes: Buffer;
}

/** What the page shows in its two columns, and with which status and notice. */
interface Shown {
  status: number;
  notice: string | null;
  fields: SafeHtml | Uint8Array;
  result: SafeHtml | Uint8Array;
}

const placeholder = html`<div class="placeholder"><p class="muted">The classification and the reply appear here.</p></div>`;
const BUSY = 'Try it is busy right now. Your text is still here: send it again in a few seconds.';

/** The form as typed, nothing read: rendered here, it is only the text echoed into the form. */
const echo = (status: number, thread: Thread, o: ReplyOptions, notice: string | null): Shown => ({ status, notice, fields: ticketFormFields(thread, o, null), result: placeholder });

export interface TryItOptions {
  config: Pick<Config, 'autoSend' | 'tryItNice' | 'tryItReadingsPerSecond'>;
  now: () => Date;
}

export async function tryItRoutes(app: FastifyInstance, opts: TryItOptions): Promise<void> {
  const { config, now } = opts;
  const autoSend = config.autoSend;
  const examples = loadExampleTickets();
  if (examples.length === 0) app.log.warn('Try it: examples/tickets.jsonl not found or empty; only the two built-in examples are offered');
  // The one place Try it reads a ticket (typed, or a loaded example): in a worker-thread pool, so an anonymous
  // visitor's paste never holds up the event loop that answers Zendesk's webhooks (issue 12). The worker decodes the
  // posted form and renders the answer's HTML as well (try-it-worker.ts); this thread puts the bytes into the page.
  const pool = createTryItPool(1, config.tryItNice);
  app.addHook('onClose', async () => pool.close());
  // The examples are a fixed list, loaded without options: each is read and rendered once and remembered, so loading
  // one costs no reading at all.
  const exampleThreads = new Set<Thread>([...Object.values(EXAMPLES), ...examples.map((e) => e.thread)]);
  const exampleAnswers = new Map<Thread, TryItAnswer>();

  // In this plugin only: the POST body stays bytes for the worker, and only its CSRF token is read here.
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, bytes: Buffer, done) => {
    done(null, { _csrf: formCsrfToken(bytes), bytes } satisfies PostedForm);
  });

  async function read(task: TryItTask): Promise<Shown> {
    const example = 'form' in task && exampleThreads.has(task.form.thread) ? task.form.thread : null;
    const answer = (example && exampleAnswers.get(example)) || (await pool.read(task));
    if (answer && example) exampleAnswers.set(example, answer);
    if (answer?.ok) return { status: 200, notice: null, fields: answer.fields, result: answer.result };
    if (answer) return { status: 400, notice: answer.message, fields: answer.fields, result: placeholder };
    // Busy: the text comes back without a reading, so nothing is lost; the form is decoded here for that (no wait
    // for the pool that is full), and a form with a mistake still says what to fix.
    const parsed = 'form' in task ? { ok: true as const, form: task.form } : parseTicketFormBytes(task.body);
    if (!parsed.ok) return echo(400, parsed.thread, NO_OPTIONS, parsed.message);
    return echo(503, parsed.form.thread, parsed.form, BUSY);
  }

  function show(req: FastifyRequest, reply: FastifyReply, s: Shown, chosen: string | null) {
    if (s.status === 503) reply.header('retry-after', '5');
    const body = [html`${intro}<div class="columns"><div>${examplePicker(examples, chosen)}${ticketFormStart}${csrfField(req, reply)}`, s.fields, html`</div><div>`, s.result, html`</div></div>`];
    return sendPageParts(req, reply, s.status, { title: 'Try it', active: 'try-it', notice: s.notice ? { kind: 'error', text: s.notice } : null }, body);
  }

  app.get<{ Querystring: { example?: string } }>('/', async (req, reply) => {
    const id = req.query.example ?? '';
    const thread = id === 'en' || id === 'de' ? EXAMPLES[id] : examples.find((e) => e.id === id)?.thread;
    if (!thread) return show(req, reply, echo(id ? 404 : 200, { subject: '', body: '' }, NO_OPTIONS, id ? 'There is no such example; pick one from the list.' : null), null);
    return show(req, reply, await read({ autoSend, form: { thread, ...NO_OPTIONS } }), id);
  });

  const perClient = app.rateLimit({ max: TRY_IT_PER_MINUTE, timeWindow: 60_000, keyGenerator: (req) => `try-it:${req.ip}` });
  // All visitors together (try-it-budget.ts): refused before the paste is read, so a flood costs next to nothing.
  const budget = createReadingBudget(config.tryItReadingsPerSecond, now);
  const everyone = async (req: FastifyRequest, reply: FastifyReply) => {
    const taken = budget.take();
    if (taken.ok) return;
    reply.header('retry-after', String(taken.retryAfterS));
    return sendPage(req, reply, 503, { title: 'Try it is busy', active: 'try-it', body: html`<h1>Try it is busy</h1><p>Try it reads a few tickets a second for all its visitors together, and that many are being read right now. Go back (your text is still in the form there) and send it again in a few seconds.</p><p><a href="/">Back to Try it</a></p>` });
  };
  app.post('/', { onRequest: [perClient, everyone], preValidation: app.csrfProtection, bodyLimit: TRY_IT_BODY_LIMIT }, async (req, reply) => {
    const posted = req.body as Partial<PostedForm> | null;
    if (posted && Buffer.isBuffer(posted.bytes)) return show(req, reply, await read({ autoSend, body: posted.bytes }), null);
    // Not a browser's form (Fastify's own JSON or text parser made the body): read as it always was.
    const parsed = parseTicketForm(req.body);
    if (!parsed.ok) return show(req, reply, echo(400, parsed.thread, NO_OPTIONS, parsed.message), null);
    return show(req, reply, await read({ autoSend, form: parsed.form }), null);
  });
}
