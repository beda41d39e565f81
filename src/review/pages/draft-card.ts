// One draft in the queue: a heading that says which ticket it is, the customer's text with the evidence marked, the
// classification, the draft in full and, while it is pending, Approve / Edit / Reject. Decided and superseded drafts
// show what happened instead of buttons: only a pending draft can be approved. An approved reply the outbox gave up
// on (a dead letter) says so, with the reason and what to do, instead of "posting" forever.
//
// Approve and the edit box are ONE form: the button sends whatever the box holds, and an unchanged box is a plain
// approval (approveDraft compares it with the draft). So an open, edited box can never be bypassed by a second
// "Approve" that posts the original (issue 17). Every button's accessible name says which draft it acts on, and the
// German parts carry lang="de".
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toDestination } from '../../replies/index.js';
import { isAutoSentDraft as isAutoSent } from '../../drafts/record-label.js';
import { isOvertaken } from '../../drafts/supersede-overtaken.js';
import { isNotSent, notSentWhy } from '../../drafts/not-sent.js';
import type { DraftRow } from '../../store/types.js';
import type { ReplyFailure } from '../reply-failure.js';
import { branchBadge, percent, summaryView } from '../classification-view.js';
import { csrfField } from '../csrf.js';
import { html, trusted, vh, type SafeHtml } from '../html.js';
import { threadView } from '../thread-view.js';
import { ago } from '../time-format.js';
import { correctForm } from './correct-form.js';

export interface CardContext {
  req: FastifyRequest;
  reply: FastifyReply;
  now: Date;
  /** Zendesk base URL (config.zendesk.api.url) or null when the API is not configured. */
  zendeskUrl: string | null;
  autoSendSetting: boolean;
  /** The queue's filter as hidden fields, so a form answer returns to the same view. */
  filterFields: SafeHtml;
  /** An approval the server refused as invalid: the agent's text goes back into that draft's box, with the error. */
  kept?: { draftId: number; editedText: string; error: string } | null;
  /** Approved or auto-sent drafts whose public reply is a dead letter, by draft id (reply-failure.ts). */
  replyFailures?: ReadonlyMap<number, ReplyFailure>;
}

export const REJECT_REASONS = [
  'Wrong branch',
  'Wrong directory service',
  'Customer already decided',
  'Not about Modern Authentication',
  'Needs a personal answer',
];

function ticketLink(ticketId: string, zendeskUrl: string | null): SafeHtml {
  if (!zendeskUrl) return html`ticket ${ticketId}`;
  const href = `${zendeskUrl}/agent/tickets/${encodeURIComponent(ticketId)}`;
  return html`<a class="ticket-link" href="${href}" target="_blank" rel="noopener noreferrer">ticket ${ticketId}</a>`;
}

/** An approved (or auto-sent) reply that was never posted: what happened, why, since when, and what to do. */
function notPosted(d: DraftRow, f: ReplyFailure, now: Date): SafeHtml {
  const who = d.state === 'auto' ? 'Due to be sent automatically' : `Approved by ${d.decidedBy ?? 'unknown'}${d.door ? ` via ${d.door}` : ''}`;
  const when = f.at ? html`, and the service gave up <time datetime="${f.at.toISOString()}" title="${f.at.toISOString()}">${ago(f.at, now)}</time>` : '';
  return html`<p class="state failed">${who}, but <strong>not posted</strong>: Zendesk refused or failed ${f.attempts === 1 ? 'the attempt' : `all ${f.attempts} attempts`}${when}. Last error: <q>${f.reason}</q>. The customer has not received this reply.</p>
<p class="state-help">To send it, an admin retries it once Zendesk works: <code>POST /admin/outbox/${f.outboxId}/retry</code>, or <code>POST /admin/outbox/retry-dead</code> for every dead letter (docs/operations.md, "Dead letters"). Or answer the customer by hand in Zendesk, and tell the admin not to retry this one.</p>`;
}

function stateLine(d: DraftRow, c: CardContext): SafeHtml {
  const failed = c.replyFailures?.get(d.id);
  if (failed && (d.state === 'approved' || d.state === 'auto')) return notPosted(d, failed, c.now);
  switch (d.state) {
    case 'superseded':
      if (isOvertaken(d)) {
        const next = d.supersededBy ? html`; their newer message is in draft <a href="/queue#draft-${d.supersededBy}">#${d.supersededBy}</a>` : html`; a draft for their newer message follows`;
        return html`<p class="state superseded">${d.decidedBy ? `Approved by ${d.decidedBy}${d.door ? ` via ${d.door}` : ''}` : 'Due to be sent automatically'}, but not sent: the customer wrote again before the reply went out${next}. It cannot be approved.</p>`;
      }
      if (d.decidedBy) {
        return html`<p class="state superseded">Reading corrected by ${d.decidedBy}${d.door ? ` via ${d.door}` : ''}${d.supersededBy ? html`: replaced by draft <a href="/queue#draft-${d.supersededBy}">#${d.supersededBy}</a>` : ''}. It cannot be approved.</p>`;
      }
      return html`<p class="state superseded">Superseded${d.supersededBy ? html` by draft <a href="/queue#draft-${d.supersededBy}">#${d.supersededBy}</a>` : ''}: a newer customer message arrived. It cannot be approved.</p>`;
    case 'rejected':
      if (isNotSent(d)) {
        return html`<p class="state rejected">${d.decidedBy ? `Approved by ${d.decidedBy}${d.door ? ` via ${d.door}` : ''}` : 'Due to be sent automatically'}, but not sent: ${notSentWhy(d)}. Nothing was sent. It cannot be approved.</p>`;
      }
      return html`<p class="state rejected">Rejected by ${d.decidedBy ?? 'unknown'}: <q>${d.reason ?? ''}</q></p>`;
    case 'approved':
    case 'posted':
      return html`<p class="state approved">${d.state === 'posted' ? 'Posted' : 'Approved, posting'} · approved by ${d.decidedBy ?? 'auto-send'}${d.door ? ` via ${d.door}` : ''}${d.editedText !== null ? ' · edited' : ''}</p>`;
    case 'auto':
      return html`<p class="state auto">Sent automatically</p>`;
    case 'pending':
      return d.correctedFrom !== null ? html`<p class="state corrected">Reading corrected by an agent (draft #${d.correctedFrom} read it differently): ready to approve.</p>` : html``;
    default:
      return html``;
  }
}

function actions(d: DraftRow, c: CardContext): SafeHtml {
  const csrf = () => csrfField(c.req, c.reply);
  const kept = c.kept && c.kept.draftId === d.id ? c.kept : null;
  const id = `draft-${d.id}`;
  const edited = kept !== null && kept.editedText !== d.text;
  // The leading newline is eaten by the HTML parser, so a draft that starts with one keeps it (no false "edit").
  return html`<div class="actions">
  <form class="approve-form" method="post" action="/queue/drafts/${d.id}/approve" data-draft-id="${d.id}">${csrf()}${c.filterFields}
    <details class="edit"${kept ? html` open` : ''}><summary>Edit before approving${vh(` draft #${d.id}`)}</summary>
      <label for="${id}-edit">Reply to send <small>Markdown, as it goes to Zendesk</small></label>
      <p class="hint" id="${id}-edit-hint">Markdown: <code>**bold**</code>, <code>[words](https://link)</code>, lines starting with <code>1.</code> or <code>-</code> are lists. <strong>Approve and send</strong> sends this text; left unchanged, the draft goes as written.</p>
      ${kept ? html`<p class="field-error" id="${id}-edit-error">${kept.error}</p>` : ''}
      <textarea id="${id}-edit" name="editedText" rows="16" lang="${d.language}" aria-describedby="${id}-edit-hint${kept ? ` ${id}-edit-error` : ''}"${kept ? html` aria-invalid="true"` : ''}${edited ? html` data-edited` : ''}>
${kept ? kept.editedText : d.text}</textarea>
      <p class="edit-state" id="${id}-edit-state" aria-live="polite">${edited ? 'Your edits will be sent.' : ''}</p>
    </details>
    <button type="submit" class="approve" data-action="approve"><span class="label">${edited ? 'Approve and send the edited reply' : 'Approve and send'}</span>${vh(` draft #${d.id}`)}</button>
  </form>
  <details class="reject"><summary>Reject${vh(` draft #${d.id}`)}</summary>
    <form method="post" action="/queue/drafts/${d.id}/reject">${csrf()}${c.filterFields}
      <label for="${id}-reason">Reason <small>the team sees it in Analytics</small></label>
      <input id="${id}-reason" name="reason" required maxlength="500" list="reject-reasons">
      <button type="submit" class="danger" data-action="reject">Reject${vh(` draft #${d.id}`)}</button></form></details>
  ${correctForm(d, html`${csrf()}${c.filterFields}`)}
</div>`;
}

export function draftCard(d: DraftRow, c: CardContext): SafeHtml {
  const sentText = d.editedText ?? d.text;
  const title = `draft-${d.id}-title`;
  return html`<article class="draft state-${d.state}" id="draft-${d.id}" data-draft-id="${d.id}" data-state="${d.state}" aria-labelledby="${title}">
<header>
  <h2 id="${title}">Draft #${d.id} · ${ticketLink(d.ticketId, c.zendeskUrl)} · ${branchBadge(d.branch)} · ${d.language.toUpperCase()}</h2>
  <p class="meta">${percent(d.confidence)} confidence · made <time datetime="${d.createdAt.toISOString()}" title="${d.createdAt.toISOString()}">${ago(d.createdAt, c.now)}</time></p>
</header>
${stateLine(d, c)}
<div class="columns">
  <div>${threadView(d.thread, d.evidence, d.language)}</div>
  <div>
    <details class="why"><summary>Why this branch${vh(` (draft #${d.id})`)}</summary>${summaryView({ ...d, autoSend: d.autoSendEligible }, c.autoSendSetting, d.language)}</details>
    <h3>${d.editedText !== null ? 'Reply as edited' : 'Draft'} <small>${d.templateId}@${d.templateVersion}</small></h3>
    ${d.editedText !== null ? html`<pre class="reply edited" lang="${d.language}">${sentText}</pre>` : html`<div class="reply" lang="${d.language}">${trusted(toDestination(d.text, 'html'))}</div>`}
    ${d.state === 'pending' ? actions(d, c) : isAutoSent(d) ? html`<div class="actions">${correctForm(d, html`${csrfField(c.req, c.reply)}${c.filterFields}`)}</div>` : ''}
  </div>
</div>
</article>`;
}
