// Pure: one part of a ticket (subject, body or comment N) and the evidence found in it → escaped HTML in which each
// evidence span is a <mark> naming its slot. Offsets come from the classifier (UTF-16 indices into the original
// text); spans that do not fit the text are ignored rather than trusted. Overlapping spans are split at every
// boundary, so each piece of text is escaped exactly once and marks never nest; neighbouring pieces with the same
// slots are joined again. After each stretch of marked text a label names its slots in words ("AD (Directory
// service now)"), as real text rather than CSS content, so a screen reader reads words, not "ADdirectoryService".
import type { Evidence, SlotName } from '../classify/types.js';
import { escapeHtml } from '../replies/escape.js';

export const SLOT_WORDS: Record<SlotName, string> = {
  topic: 'Topic',
  directoryService: 'Directory service now',
  usernamesChange: 'Usernames would change',
  choice: "Customer's choice",
  product: 'Product',
  language: 'Language',
};
export const slotWords = (slot: string): string => (Object.hasOwn(SLOT_WORDS, slot) ? SLOT_WORDS[slot as SlotName] : slot);

export type Span = Pick<Evidence, 'slot' | 'value' | 'start' | 'end'> & Partial<Pick<Evidence, 'rule'>>;

const SLOT_CLASS = /^[A-Za-z]{1,40}$/;

function fits(s: Span, length: number): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= length && s.start < s.end;
}

function openMark(covering: readonly Span[]): string {
  const slots = [...new Set(covering.map((s) => String(s.slot)))];
  const first = slots[0]!;
  const cls = SLOT_CLASS.test(first) ? `slot-${first}` : 'slot-other';
  const title = [...new Set(covering.map((s) => `${slotWords(String(s.slot))} = ${s.value}${s.rule ? ` (${s.rule})` : ''}`))].join('; ');
  return `<mark class="${cls}" data-slot="${escapeHtml(slots.join(' '))}" title="${escapeHtml(title)}">`;
}

const slotKey = (covering: readonly Span[]): string => [...new Set(covering.map((s) => String(s.slot)))].join(' ');

export function highlight(text: string, evidence: readonly Span[]): string {
  const spans = evidence.filter((s) => fits(s, text.length));
  if (spans.length === 0) return escapeHtml(text);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  // Neighbouring pieces covered by the same slots (overlapping spans of one slot) become one mark.
  const runs: Array<{ from: number; to: number; covering: Span[] }> = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const covering = spans.filter((s) => s.start <= from && s.end >= to);
    const last = runs.at(-1);
    if (last && last.to === from && slotKey(last.covering) === slotKey(covering)) {
      last.to = to;
      last.covering.push(...covering.filter((s) => !last.covering.includes(s)));
    } else {
      runs.push({ from, to, covering });
    }
  }
  return runs
    .map(({ from, to, covering }, i) => {
      const piece = escapeHtml(text.slice(from, to));
      if (!covering.length) return piece;
      // The label closes a stretch of neighbouring marks, naming every slot in it once.
      const next = runs[i + 1];
      if (next && next.covering.length) return `${openMark(covering)}${piece}</mark>`;
      let j = i;
      while (j > 0 && runs[j - 1]!.covering.length) j--;
      const slots = [...new Set(runs.slice(j, i + 1).flatMap((r) => r.covering.map((s) => String(s.slot))))];
      return `${openMark(covering)}${piece}</mark>${markLabel(slots)}`;
    })
    .join('');
}

/** The words after a stretch of marks; the brackets are for screen readers only (the eye sees a small tag). */
export const markLabel = (slots: readonly string[]): string =>
  `<span class="mark-slot" lang="en"><span class="vh"> (</span>${escapeHtml(slots.map(slotWords).join(', '))}<span class="vh">)</span></span>`;
