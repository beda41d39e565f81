// Pure: Try it's two heavy pieces of HTML, from the form and (once read) the classification: the ticket form's
// fields, which echo the pasted text back into its boxes, and the result (summary, the thread with its evidence
// marked, the reply). For a 100 KiB paste that is several milliseconds of escaping, highlighting and rendering, so
// the worker thread that reads the ticket renders them too (try-it-worker.ts), and the event loop only puts the
// strings into the page (pages/try-it.ts). The CSRF field is bound to the visitor's session: the page puts it in
// front of the fields (`ticketFormStart`), so nothing here depends on the request.
import { BRANCHES, type Branch, type Classification, type Language, type Thread } from '../classify/types.js';
import { renderReply, toDestination } from '../replies/index.js';
import { BRANCH_MEANING, branchBadge, summaryView } from './classification-view.js';
import { html, trusted, type SafeHtml } from './html.js';
import type { ReplyOptions, TicketForm } from './ticket-form.js';
import { threadView } from './thread-view.js';

const LANGUAGE_NAME: Record<Language, string> = { en: 'English', de: 'German' };
const PRODUCT_NAME = { server: 'MailStore Server', spe: 'MailStore SPE' } as const;

export const option = (value: string, label: string, selected: boolean): SafeHtml =>
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

function replyOptions(o: ReplyOptions): SafeHtml {
  return html`<fieldset class="reply-options">
  <legend>Reply options <small>optional</small></legend>
  <label>Product <select name="product">${option('', 'as classified', !o.product)}${option('server', PRODUCT_NAME.server, o.product === 'server')}${option('spe', PRODUCT_NAME.spe, o.product === 'spe')}</select></label>
  <label>Language <select name="reply_lang">${option('', 'as classified', !o.lang)}${option('en', 'English', o.lang === 'en')}${option('de', 'German', o.lang === 'de')}</select></label>
  <label>Branch <select name="branch">${option('', 'as classified', !o.branch)}${BRANCHES.map((b) => option(b, b, o.branch === b))}</select></label>
</fieldset>`;
}

/** The ticket form up to its CSRF field; the page adds the field, then `ticketFormFields`. */
export const ticketFormStart = html`<form id="ticket-form" class="ticket-form" method="post" action="/">
  `;

/** The ticket form after its CSRF field: the text as typed (in the ticket's language once read), options, submit. */
export function ticketFormFields(t: Thread, o: ReplyOptions, lang: Language | null): SafeHtml {
  const l = lang ? html` lang="${lang}"` : '';
  return html`
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

/** The right-hand column once the ticket is read: classification, evidence in the text, reply. */
export function resultView(form: TicketForm, autoSendSetting: boolean, c: Classification): SafeHtml {
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

/** What a reading hands to the page: plain strings, so they cross from the worker thread as they are. */
export interface TryItHtml {
  /** `ticketFormFields` for the form, in the language the ticket was read in. */
  fields: string;
  /** `resultView`. */
  result: string;
}

/** Pure: the two pieces of a Try it answer for a form and its classification. */
export function tryItHtml(form: TicketForm, autoSendSetting: boolean, c: Classification): TryItHtml {
  return { fields: ticketFormFields(form.thread, form, c.slots.language).value, result: resultView(form, autoSendSetting, c).value };
}
