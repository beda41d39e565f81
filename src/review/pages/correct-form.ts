// "Wrong reading?" on a pending (or auto-sent) draft: the Slack picker's five questions with the same choices,
// pre-filled with what the classifier read. Submitting re-drafts from the templates with the branch the decision
// table gives for the new reading, ready to approve. Every select has its own label; it works without JavaScript.
// Its summary and button name the draft they act on, like the card's other controls (a card holds several forms).
import type { Slots } from '../../classify/types.js';
import { LABELS, PICKER_SLOTS, VALUES, type PickerSlot } from '../../slack/picker.js';
import type { DraftRow } from '../../store/types.js';
import { html, vh, type SafeHtml } from '../html.js';

/** The picker's questions are Slack mrkdwn (`*bold*`); on the page they are plain label text. */
const question = (slot: PickerSlot): string => LABELS[slot].question.replace(/\*/g, '');

export function correctForm(d: DraftRow, hidden: SafeHtml): SafeHtml {
  const select = (slot: PickerSlot) => {
    const id = `correct-${d.id}-${slot}`;
    const options = (VALUES[slot] as readonly string[]).map((v) => {
      const label = (LABELS[slot].options as Record<string, string>)[v] ?? v;
      return v === d.slots[slot] ? html`<option value="${v}" selected>${label} (as read)</option>` : html`<option value="${v}">${label}</option>`;
    });
    return html`<div class="field"><label for="${id}">${question(slot)}</label><select id="${id}" name="${slot}">${options}</select></div>`;
  };
  return html`<details class="correct"><summary>Wrong reading?${vh(` draft #${d.id}`)}</summary>
    <form method="post" action="/queue/drafts/${d.id}/correct">${hidden}
      <fieldset><legend>What the customer actually says</legend>${PICKER_SLOTS.map(select)}</fieldset>
      <input type="hidden" name="typedText" value="">
      <p class="hint">The draft is written again from the templates for this reading (branch from the decision table) and waits for your approval. Your correction is kept as a label for the analytics.</p>
      <button type="submit" class="secondary" data-action="correct">Re-draft with this reading${vh(` draft #${d.id}`)}</button></form></details>`;
}

/** The five picker slots from a submitted form; anything else (unknown names or values) is left out. */
export function slotsFromForm(form: Record<string, unknown>): Partial<Slots> {
  const out: Record<string, string> = {};
  for (const slot of PICKER_SLOTS) {
    const v = form[slot];
    if (typeof v === 'string' && (VALUES[slot] as readonly string[]).includes(v)) out[slot] = v;
  }
  return out as Partial<Slots>;
}
