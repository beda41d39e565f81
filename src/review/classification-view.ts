// The classifier's answer in words: branch (with what it means), confidence, auto-send eligibility and the slots
// with the evidence behind each. Shared by Try it and the queue so both explain a ticket the same way.
import { SLOT_NAMES, type Branch, type Evidence, type SlotName, type Slots } from '../classify/types.js';
import { html, type SafeHtml } from './html.js';

export const BRANCH_MEANING: Record<Branch, string> = {
  'off-topic': 'not about moving to Modern Authentication: tags only, no reply',
  'full-guide': 'Directory Services type unknown: how to check it, then the whole decision',
  'modern-direct': 'usernames stay the same: follow the Modern Authentication article',
  'rename-or-hybrid': 'usernames would change: explain both options and ask which',
  rename: 'rename users and archives, then switch completely',
  hybrid: 'keep the current Directory Services, move archiving only',
};

export const SLOT_LABEL: Record<SlotName, string> = {
  topic: 'Topic',
  directoryService: 'Directory service now',
  usernamesChange: 'Usernames would change',
  choice: "Customer's choice",
  product: 'Product',
  language: 'Language',
};

export const percent = (x: number): string => `${Math.round(x * 100)} %`;

export const branchBadge = (branch: Branch): SafeHtml => html`<span class="branch branch-${branch}">${branch}</span>`;

export interface ClassificationSummary {
  branch: Branch;
  confidence: number;
  autoSend: boolean;
  slots: Slots;
  evidence: readonly Evidence[];
}

export function summaryView(c: ClassificationSummary, autoSendSetting: boolean): SafeHtml {
  const auto = c.autoSend
    ? autoSendSetting
      ? 'eligible: inside the measured auto-send band, and AUTO_SEND is on'
      : 'eligible, but AUTO_SEND is off: an agent approves it'
    : 'not eligible: an agent approves it';
  return html`<dl class="summary">
  <div><dt>Branch</dt><dd>${branchBadge(c.branch)} <span class="meaning">${BRANCH_MEANING[c.branch]}</span></dd></div>
  <div><dt>Confidence</dt><dd><meter min="0" max="1" value="${c.confidence}"></meter> ${percent(c.confidence)}</dd></div>
  <div><dt>Auto-send</dt><dd class="${c.autoSend ? 'yes' : 'no'}">${auto}</dd></div>
</dl>
${slotsTable(c.slots, c.evidence)}`;
}

export function slotsTable(slots: Slots, evidence: readonly Evidence[]): SafeHtml {
  const rows = SLOT_NAMES.map((slot) => {
    const found = evidence.filter((e) => e.slot === slot);
    const quotes = found.length
      ? found.map((e) => html`<q class="slot-${slot}" title="${e.rule} · ${percent(e.confidence)}">${e.text}</q> <small>${e.where}</small>`)
      : html`<small class="muted">default (no evidence)</small>`;
    return html`<tr><th scope="row"><span class="swatch slot-${slot}"></span>${SLOT_LABEL[slot]}</th><td><code>${slots[slot]}</code></td><td>${quotes}</td></tr>`;
  });
  return html`<table class="slots"><thead><tr><th>Slot</th><th>Value</th><th>Evidence</th></tr></thead><tbody>${rows}</tbody></table>`;
}
