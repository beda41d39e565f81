// Pure: one draft → the sidebar's HTML fragment (escaped by the html tag; the reply through the replies module's own
// HTML renderer). Built for a 320 px column: no tables, long words wrap. Parts in the customer's or the draft's
// language carry their own lang attribute, so a screen reader reads German as German inside an English sidebar.
import type { Evidence, Language } from '../classify/types.js';
import { renderReply, toDestination } from '../replies/index.js';
import { html, trusted, type SafeHtml } from '../review/html.js';
import type { DraftRow } from '../store/types.js';
import { BRANCH_WORDS, LANGUAGE_NAME, SLOT_WORDS, STRINGS, type UiLang } from './i18n.js';
import { PICKER_SLOTS, pickerOption, pickerQuestion, VALUES } from './picker-words.js';

export interface ViewOptions {
  ui: UiLang;
  /** The draft in the other language instead of the ticket's. */
  otherLanguage: boolean;
  autoSendSetting: boolean;
  showEvidence: boolean;
  notice?: { kind: 'ok' | 'error'; text: string } | null;
  /** The draft the agent was looking at, when it is no longer the ticket's newest (superseded). */
  stale?: DraftRow | null;
}

const other = (l: Language): Language => (l === 'de' ? 'en' : 'de');
const percent = (x: number) => `${Math.round(x * 100)} %`;

/** The reply text the sidebar shows and acts on: the draft, or the same branch rendered in the other language. */
export function shownText(d: DraftRow, otherLanguage: boolean): { text: string; language: Language } {
  if (!otherLanguage || d.branch === 'off-topic') return { text: d.editedText ?? d.text, language: d.language };
  const language = other(d.language);
  const r = renderReply({ branch: d.branch, language, product: d.product, slots: { ...d.slots, language }, ...(d.thread.requesterName ? { requesterName: d.thread.requesterName } : {}) }, 'markdown');
  return { text: r.text, language };
}

function notice(n: ViewOptions['notice']): SafeHtml {
  return n ? html`<p class="notice ${n.kind}" role="${n.kind === 'error' ? 'alert' : 'status'}">${n.text}</p>` : html``;
}

function evidenceList(d: DraftRow, ui: UiLang): SafeHtml {
  const t = STRINGS[ui];
  const bySlot = (slot: string): Evidence[] => d.evidence.filter((e) => e.slot === slot);
  return html`<h3>${t.evidence}</h3><ul class="slots">${PICKER_SLOTS.map((slot) => {
    const found = bySlot(slot);
    const value = pickerOption(slot, d.slots[slot], ui);
    return html`<li><span class="slot-name">${SLOT_WORDS[ui][slot]}</span> <strong class="value" data-value="${d.slots[slot]}">${value}</strong>
${found.length ? found.map((e) => html`<q lang="${d.language}" class="evidence" title="${e.rule}">${e.text}</q>`) : html`<span class="muted">${t.noEvidence}</span>`}</li>`;
  })}</ul>`;
}

function stateLine(d: DraftRow, ui: UiLang): SafeHtml {
  const t = STRINGS[ui];
  const who = d.decidedBy ?? '–';
  switch (d.state) {
    case 'approved':
      return html`<p class="state approved">${t.stateApproved(who)}</p>`;
    case 'posted':
      return html`<p class="state approved">${t.statePosted(who)}</p>`;
    case 'rejected':
      return html`<p class="state rejected">${t.stateRejected(who)} <q>${d.reason ?? ''}</q></p>`;
    case 'auto':
      return html`<p class="state auto">${t.stateAuto}</p>`;
    case 'pending':
      return d.correctedFrom !== null ? html`<p class="state corrected">${t.stateCorrectedFrom(d.correctedFrom)}</p>` : html``;
    default:
      return html``;
  }
}

function correctForm(d: DraftRow, ui: UiLang): SafeHtml {
  const t = STRINGS[ui];
  const select = (slot: (typeof PICKER_SLOTS)[number]) => {
    const id = `fix-${d.id}-${slot}`;
    const options = (VALUES[slot] as readonly string[]).map((v) =>
      v === d.slots[slot] ? html`<option value="${v}" selected>${pickerOption(slot, v, ui)} (${t.asRead})</option>` : html`<option value="${v}">${pickerOption(slot, v, ui)}</option>`,
    );
    return html`<div class="c-field"><label class="c-field__label" for="${id}">${pickerQuestion(slot, ui)}</label><select class="c-field__input c-field__input--select" id="${id}" name="${slot}">${options}</select></div>`;
  };
  return html`<details class="correct"><summary>${t.wrongReading}</summary>
<form data-form="correct" data-draft-id="${d.id}"><fieldset><legend>${t.correctLegend}</legend>${PICKER_SLOTS.map(select)}</fieldset>
<button type="submit" class="c-btn c-btn--sm">${t.correctSubmit}</button></form></details>`;
}

function actions(d: DraftRow, ui: UiLang): SafeHtml {
  const t = STRINGS[ui];
  return html`<div class="actions">
<button type="button" class="c-btn c-btn--primary c-btn--full" data-action="insert" data-draft-id="${d.id}" aria-describedby="insert-hint-${d.id}">${t.insert}</button>
<p class="hint" id="insert-hint-${d.id}">${t.insertHint}</p>
<button type="button" class="c-btn c-btn--full" data-action="approve" data-draft-id="${d.id}">${t.approve}</button>
<details class="reject"><summary>${t.reject}</summary>
<form data-form="reject" data-draft-id="${d.id}"><div class="c-field"><label class="c-field__label" for="reason-${d.id}">${t.rejectReason}</label>
<input class="c-field__input" id="reason-${d.id}" name="reason" required maxlength="500" autocomplete="off"></div>
<button type="submit" class="c-btn c-btn--danger c-btn--sm">${t.rejectSubmit}</button></form></details>
${correctForm(d, ui)}
</div>`;
}

export function sidebarView(ticketId: string, d: DraftRow | null, o: ViewOptions): SafeHtml {
  const t = STRINGS[o.ui];
  if (!d) return html`${notice(o.notice)}<p class="empty" data-ticket-id="${ticketId}">${t.noDraft}</p>`;
  const stale = o.stale && o.stale.id !== d.id ? o.stale : null;
  if (stale) {
    // The agent was looking at an older draft: say so, and offer the new one rather than swapping it silently.
    return html`${notice(o.notice)}<section class="superseded" data-draft-id="${stale.id}" data-state="${stale.state}" data-newer="${d.id}">
<p class="state superseded" role="status">${t.superseded(stale.id)}</p>
<button type="button" class="c-btn c-btn--primary c-btn--full" data-action="show-new" data-draft-id="${d.id}">${t.showNew(d.id)}</button></section>`;
  }
  const shown = shownText(d, o.otherLanguage);
  const auto = d.autoSendEligible ? (o.autoSendSetting ? t.autoYes : t.autoYesOff) : t.autoNo;
  const canAct = d.state === 'pending';
  return html`${notice(o.notice)}<section class="draft" data-draft-id="${d.id}" data-state="${d.state}" data-ticket-id="${d.ticketId}" data-shown-language="${shown.language}">
<h2>${t.ticket(d.ticketId)} · ${t.draft} #${d.id}</h2>
${stateLine(d, o.ui)}
<dl class="reading">
<div><dt>${t.branch}</dt><dd><span class="branch">${d.branch}</span> <span class="meaning">${BRANCH_WORDS[o.ui][d.branch]}</span></dd></div>
<div><dt>${t.confidence}</dt><dd><meter min="0" max="1" value="${d.confidence}" aria-label="${t.confidence}">${percent(d.confidence)}</meter> ${percent(d.confidence)}</dd></div>
<div><dt>${t.autoSend}</dt><dd class="${d.autoSendEligible ? 'yes' : 'no'}">${auto}</dd></div>
</dl>
${o.showEvidence ? evidenceList(d, o.ui) : ''}
<div class="draft-head"><h3>${t.draftIn(LANGUAGE_NAME[o.ui][shown.language])}</h3>
${d.branch === 'off-topic' ? '' : html`<button type="button" class="c-btn c-btn--sm c-btn--basic" data-action="switch-language" aria-pressed="${o.otherLanguage ? 'true' : 'false'}">${t.showIn(LANGUAGE_NAME[o.ui][other(shown.language)])}</button>`}</div>
${o.otherLanguage ? html`<p class="hint">${t.otherLangNote}</p>` : ''}
<div class="reply" lang="${shown.language}">${trusted(toDestination(shown.text, 'html'))}</div>
${canAct ? actions(d, o.ui) : d.state === 'auto' ? html`<div class="actions">${correctForm(d, o.ui)}</div>` : ''}
</section>`;
}
