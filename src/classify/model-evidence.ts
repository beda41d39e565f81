// The trained reader's evidence: for each slot the model agrees on, the spans of the customer's text whose features
// pushed hardest towards that value, in the same {slot, value, rule, where, start, end, text} shape as a rule's.
import type { Features, Span } from './features.js';
import { MODEL_SLOTS, type ModelSlot, type ReaderModel } from './reader-model.js';
import type { RuleReading } from './rules.js';
import type { Evidence, Slots } from './types.js';

const MAX_SPANS = 3;
/** Evidence ids are kebab-case like the rules' (`model.directory-service`). */
const RULE_ID: Record<ModelSlot, string> = {
  topic: 'model.topic',
  directoryService: 'model.directory-service',
  usernamesChange: 'model.usernames-change',
  choice: 'model.choice',
};
/** Only the customer's own words are shown (an agent's words are never evidence of what the customer said), and only
 *  whole words and word pairs (w:, l:): a character n-gram is part of a word that is shown anyway. */
const W = 'w'.charCodeAt(0);
const L = 'l'.charCodeAt(0);
const COLON = ':'.charCodeAt(0);
const SILENT: ReadonlySet<string> = new Set(['unknown', 'undecided']);

interface Weighed {
  span: Span;
  weight: number;
}

export function modelEvidence(
  model: ReaderModel,
  rules: RuleReading,
  features: Features,
  slots: Slots,
  probabilities: Record<ModelSlot, { classes: string[]; p: number[] }>,
  explain: readonly string[] = MODEL_SLOTS,
): Evidence[] {
  // The slots to explain: those asked for, where the model itself holds the value (its most probable class), other
  // than "not stated".
  const wanted: Array<{ slot: ModelSlot; value: string; column: number; p: number; weighed: Weighed[] }> = [];
  for (const s of MODEL_SLOTS) {
    if (!explain.includes(s)) continue;
    const value = String(slots[s]);
    if (SILENT.has(value)) continue;
    const k = model.slots[s].classes.indexOf(value);
    const p = probabilities[s].p;
    if (k < 0 || p.some((q) => q > p[k]!)) continue;
    wanted.push({ slot: s, value, column: model.offsets[s] + k, p: p[k]!, weighed: [] });
  }
  if (wanted.length === 0) return [];
  // One pass over the features: how far each word pushed each wanted value above the class average.
  for (const [name, x] of features.values) {
    const p0 = name.charCodeAt(0);
    if ((p0 !== W && p0 !== L) || name.charCodeAt(1) !== COLON) continue;
    const row = model.joint.get(name);
    const span = row && features.spans.get(name);
    if (!span) continue;
    for (const w of wanted) {
      const weight = x * row.centered[w.column]!;
      if (weight > 0) w.weighed.push({ span, weight });
    }
  }
  const out: Evidence[] = [];
  for (const w of wanted) {
    w.weighed.sort((a, b) => b.weight - a.weight || a.span.start - b.span.start);
    const chosen: Span[] = [];
    for (const { span } of w.weighed) {
      if (chosen.some((c) => c.where === span.where && c.start < span.end && span.start < c.end)) continue;
      chosen.push(span);
      if (chosen.length === MAX_SPANS) break;
    }
    for (const span of chosen) {
      const original = rules.view.messages.find((msg) => msg.where === span.where)?.original ?? '';
      out.push({
        slot: w.slot,
        value: w.value,
        rule: RULE_ID[w.slot],
        where: span.where,
        start: span.start,
        end: span.end,
        text: original.slice(span.start, span.end),
        confidence: Math.round(w.p * 100) / 100,
      });
    }
  }
  return out;
}
