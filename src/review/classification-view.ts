// The classifier's answer in words: branch (with what it means), confidence, auto-send eligibility and the slots
// with the evidence behind each. Shared by Try it and the queue so both explain a ticket the same way.
import { AUTO_SEND_THRESHOLD } from '../classify/auto-send.js';
import { SLOT_NAMES, type Branch, type Evidence, type Language, type SlotName, type Slots } from '../classify/types.js';
import { SLOT_WORDS } from './highlight.js';
import { html, type SafeHtml } from './html.js';

export const BRANCH_MEANING: Record<Branch, string> = {
  'off-topic': 'not about moving to Modern Authentication: tags only, no reply',
  'full-guide': 'Directory Services type unknown: how to check it, then the whole decision',
  'modern-direct': 'usernames stay the same: follow the Modern Authentication article',
  'rename-or-hybrid': 'usernames would change: explain both options and ask which',
  rename: 'rename users and archives, then switch completely',
  hybrid: 'keep the current Directory Services, move archiving only',
};

/** A slot's name in words, the same as the labels after the marks in the text. */
export const SLOT_LABEL: Record<SlotName, string> = SLOT_WORDS;

export const percent = (x: number): string => `${Math.round(x * 100)} %`;

export const branchBadge = (branch: Branch): SafeHtml => html`<span class="branch branch-${branch}">${branch}</span>`;

export interface ClassificationSummary {
  branch: Branch;
  confidence: number;
  autoSend: boolean;
  slots: Slots;
  evidence: readonly Evidence[];
}

/** The confidence bar: its colour (review.css) and words say whether the reading is inside the auto-send band. */
export function confidenceView(confidence: number): SafeHtml {
  const inBand = confidence >= AUTO_SEND_THRESHOLD;
  const band = percent(AUTO_SEND_THRESHOLD);
  return html`<meter class="${inBand ? 'in-band' : 'below-band'}" min="0" max="1" low="${AUTO_SEND_THRESHOLD}" high="${AUTO_SEND_THRESHOLD}" optimum="1" value="${confidence}" aria-label="Confidence"></meter> ${percent(confidence)} <span class="band">${inBand ? `in the auto-send band (${band} or more)` : `below the auto-send band (${band})`}</span>`;
}

export function summaryView(c: ClassificationSummary, autoSendSetting: boolean, lang?: Language): SafeHtml {
  const auto =
    c.branch === 'off-topic'
      ? 'none: no reply would be drafted (the worker only tags an off-topic ticket)'
      : c.autoSend
        ? autoSendSetting
          ? 'eligible: inside the measured auto-send band, and AUTO_SEND is on'
          : 'eligible, but AUTO_SEND is off: an agent approves it'
        : 'not eligible: an agent approves it';
  return html`<dl class="summary">
  <div><dt>Branch</dt><dd>${branchBadge(c.branch)} <span class="meaning">${BRANCH_MEANING[c.branch]}</span></dd></div>
  <div><dt>Confidence</dt><dd>${confidenceView(c.confidence)}</dd></div>
  <div><dt>Auto-send</dt><dd class="${c.autoSend ? 'yes' : 'no'}">${auto}</dd></div>
</dl>
${slotsTable(c.slots, c.evidence, lang)}`;
}

export function slotsTable(slots: Slots, evidence: readonly Evidence[], lang?: Language): SafeHtml {
  const rows = SLOT_NAMES.map((slot) => {
    const found = evidence.filter((e) => e.slot === slot);
    const quotes = found.length
      ? found.map((e) => html`<q class="slot-${slot}"${lang ? html` lang="${lang}"` : ''} title="${e.rule} · ${percent(e.confidence)}">${e.text}</q> <small>${e.where}</small>`)
      : html`<small class="muted">default (no evidence)</small>`;
    return html`<tr><th scope="row"><span class="swatch slot-${slot}"></span>${SLOT_LABEL[slot]}</th><td><code>${slots[slot]}</code></td><td>${quotes}</td></tr>`;
  });
  return html`<table class="slots"><thead><tr><th scope="col">Slot</th><th scope="col">Value</th><th scope="col">Evidence</th></tr></thead><tbody>${rows}</tbody></table>`;
}
