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
/** Only the customer's own words are shown: an agent's words are never evidence of what the customer said. */
const SHOWN_PREFIXES = ['w:', 'l:', 'c:'];
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
): Evidence[] {
  const out: Evidence[] = [];
  for (const s of MODEL_SLOTS) {
    const value = String(slots[s]);
    if (SILENT.has(value)) continue;
    const m = model.slots[s];
    const k = m.classes.indexOf(value);
    const p = probabilities[s].p;
    if (k < 0 || p.some((q) => q > p[k]!)) continue; // the model does not hold this value: it has nothing to show
    const weighed: Weighed[] = [];
    for (const [name, x] of features.values) {
      if (!SHOWN_PREFIXES.includes(name.slice(0, 2))) continue;
      const span = features.spans.get(name);
      const w = span && m.weights.get(name);
      if (!w) continue;
      // Towards this value and away from the others: the weight above the class average.
      const mean = w.reduce((a, b) => a + b, 0) / w.length;
      const weight = x * (w[k]! - mean);
      if (weight > 0) weighed.push({ span, weight });
    }
    weighed.sort((a, b) => b.weight - a.weight || a.span.start - b.span.start);
    const chosen: Span[] = [];
    for (const { span } of weighed) {
      if (chosen.some((c) => c.where === span.where && c.start < span.end && span.start < c.end)) continue;
      chosen.push(span);
      if (chosen.length === MAX_SPANS) break;
    }
    for (const span of chosen) {
      const original = rules.view.messages.find((msg) => msg.where === span.where)?.original ?? '';
      out.push({
        slot: s,
        value,
        rule: RULE_ID[s],
        where: span.where,
        start: span.start,
        end: span.end,
        text: original.slice(span.start, span.end),
        confidence: Math.round(p[k]! * 100) / 100,
      });
    }
  }
  return out;
}
