// A ticket thread as the customer wrote it, with the classifier's evidence marked in place. Each part (subject,
// first message, comment N) is highlighted with only the evidence whose `where` names it, since the offsets are
// relative to that part's original text. The text carries the ticket's language (lang), so a screen reader reads
// German as German; headings are h3, under the page's or the draft's h2.
import type { Evidence, Language, Thread, Where } from '../classify/types.js';
import { highlight } from './highlight.js';
import { html, trusted, type SafeHtml } from './html.js';

function part(label: string, author: 'customer' | 'agent', where: Where, text: string, evidence: readonly Evidence[], lang: Language): SafeHtml {
  const marks = evidence.filter((e) => e.where === where);
  return html`<section class="part ${author}" data-where="${where}">
  <h3>${label}${marks.length ? html` <span class="count">${marks.length} evidence</span>` : ''}</h3>
  <div class="ticket-text" lang="${lang}">${trusted(highlight(text, marks))}</div>
</section>`;
}

export function threadView(thread: Thread, evidence: readonly Evidence[], lang: Language): SafeHtml {
  return html`<div class="thread">
${part('Subject', 'customer', 'subject', thread.subject, evidence, lang)}
${part("Customer's first message", 'customer', 'body', thread.body, evidence, lang)}
${(thread.comments ?? []).map((c, i) =>
  part(`Follow-up ${i + 1} · ${c.author === 'customer' ? 'customer' : 'agent (never evidence)'}`, c.author, `comment ${i + 1}`, c.body, evidence, lang),
)}
</div>`;
}
