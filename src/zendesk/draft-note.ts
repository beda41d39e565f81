// The private note an agent sees: the drafted reply, then a short block with branch, confidence, the evidence and
// how to approve. Sent as `html_body`: Zendesk collapses consecutive newlines in `body` and renders its Markdown only
// for agent authors, so a body's paragraphs, lists and separators do not survive; html_body is what Zendesk
// recommends for Agent Workspace. https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/
// Every piece of text is HTML-escaped (customer words included) and no output holds a live {{placeholder}}.
import type { Classification } from '../classify/types.js';
import { escapeHtml, neutralisePlaceholders, toDestination } from '../replies/index.js';

export const NOTE_MARKER = (draftId: number) => `m365-guide draft #${draftId}`;
const SPAN_CAP = 160;
const MAX_EVIDENCE = 8;

export interface DraftNoteInput {
  draftId: number;
  replyText: string;
  classification: Classification;
  template: { id: string; version: string };
  approveTag: string;
  rejectTag: string;
  autoSent: boolean;
  superseded: number[];
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const capped = flat.length > SPAN_CAP ? `${flat.slice(0, SPAN_CAP - 1)}…` : flat;
  return `“${escapeHtml(capped)}”`;
}

const code = (s: string) => `<code>${escapeHtml(s)}</code>`;

/** A reply (our Markdown subset: template text, untrusted parts already escaped) as the HTML Zendesk keeps. */
export function replyHtml(markdown: string): string {
  return toDestination(markdown.trim(), 'html');
}

export function formatDraftNote(n: DraftNoteInput): string {
  const c = n.classification;
  const head = n.autoSent
    ? `<strong>m365-guide sent this reply automatically</strong> (auto-send band, confidence ${c.confidence.toFixed(2)}).`
    : '<strong>m365-guide drafted a reply.</strong> Nothing has been sent to the customer.';
  const evidence = c.evidence
    .slice(0, MAX_EVIDENCE)
    .map((e) => `<li>${escapeHtml(`${e.slot} = ${e.value} (${e.where}, rule ${e.rule})`)}: ${quote(e.text)}</li>`);
  const how = n.autoSent
    ? 'No action needed. If the reply was wrong, answer the customer with a correction.'
    : `To send it publicly in your name, add the tag ${code(n.approveTag)}. To discard it, add ${code(n.rejectTag)}.`;
  const parts = [
    `<p>${head}</p>`,
    '<hr>',
    replyHtml(n.replyText),
    '<hr>',
    `<p><strong>For the agent:</strong> branch ${code(c.branch)}, confidence ${c.confidence.toFixed(2)}, language ${escapeHtml(c.slots.language)}, product ${escapeHtml(c.slots.product)}, template ${code(`${n.template.id}@${n.template.version}`)}.</p>`,
    ...(evidence.length ? ['<p><strong>Evidence:</strong></p>', `<ul>\n${evidence.join('\n')}\n</ul>`] : []),
    ...(n.superseded.length ? [`<p>Supersedes draft ${n.superseded.map((id) => `#${id}`).join(', ')} (no longer approvable).</p>`] : []),
    `<p>${how}</p>`,
    `<p>${escapeHtml(NOTE_MARKER(n.draftId))}</p>`,
  ];
  return neutralisePlaceholders(parts.join('\n'));
}

/** A notice is our own sentence (tag names, draft ids, a reason); `code` spans in it are written with backticks. */
export function formatNoticeNote(text: string): string {
  const html = escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
  return neutralisePlaceholders(`<p><strong>m365-guide:</strong> ${html}</p>`);
}
