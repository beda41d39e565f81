// How the rules and the model combine, chosen on validation: for each model slot either the model's value, the
// rules' value, or the rules' value only where they read it from text at a given confidence (the model otherwise).
// All 7^4 combinations are scored on the validation branch accuracy (then the slot accuracies); ties go to the
// earlier option in CHOICES_ORDER, i.e. to the model.
import { decideBranch } from '../src/classify/decide-branch.js';
import { compileSlot, MODEL_SLOTS, slotProbabilities, type Combination, type ModelSlot, type SlotModel, type SlotModelFile } from '../src/classify/reader-model.js';
import type { Slots } from '../src/classify/types.js';
import type { Prepared } from './train-reader.js';

export const CHOICES_ORDER: Combination[] = [
  { kind: 'model' },
  { kind: 'rules-when-sure', threshold: 0.95 },
  { kind: 'rules-when-sure', threshold: 0.9 },
  { kind: 'rules-when-sure', threshold: 0.85 },
  { kind: 'rules-when-sure', threshold: 0.8 },
  { kind: 'rules-when-sure', threshold: 0.7 },
  { kind: 'rules' },
];

export function pick(how: Combination, rules: string, fromText: boolean, confidence: number, model: string): string {
  if (how.kind === 'rules') return rules;
  if (how.kind === 'model') return model;
  return fromText && confidence >= how.threshold ? rules : model;
}

export function chooseCombination(slots: Record<ModelSlot, SlotModelFile>, validation: readonly Prepared[]): Record<ModelSlot, Combination> {
  const compiled = { slots: Object.fromEntries(MODEL_SLOTS.map((s) => [s, compileSlot(slots[s])])) as Record<ModelSlot, SlotModel> };
  // Per ticket and slot, the value under each option.
  const options = validation.map((d) =>
    MODEL_SLOTS.map((s) => {
      const p = slotProbabilities(compiled.slots[s], d.features);
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
      const reading = d.rules.readings[s];
      return CHOICES_ORDER.map((how) => pick(how, String(d.rules.slots[s]), reading.fromText, reading.confidence, compiled.slots[s].classes[best]!));
    }),
  );
  const n = CHOICES_ORDER.length;
  let bestScore = -1;
  let bestIdx = [0, 0, 0, 0];
  for (let i0 = 0; i0 < n; i0++)
    for (let i1 = 0; i1 < n; i1++)
      for (let i2 = 0; i2 < n; i2++)
        for (let i3 = 0; i3 < n; i3++) {
          const idx = [i0, i1, i2, i3];
          let branchRight = 0;
          let slotRight = 0;
          validation.forEach((d, t) => {
            const v = options[t]!;
            const slots = { ...d.rules.slots } as unknown as Record<string, string>;
            MODEL_SLOTS.forEach((s, j) => (slots[s] = v[j]![idx[j]!]!));
            if (slots.topic === 'off-topic') slots.choice = 'undecided';
            for (const s of MODEL_SLOTS) if (slots[s] === String(d.ticket.labels[s])) slotRight++;
            if (decideBranch(slots as unknown as Slots) === d.ticket.labels.branch) branchRight++;
          });
          const score = branchRight * 10_000 + slotRight;
          if (score > bestScore) {
            bestScore = score;
            bestIdx = idx;
          }
        }
  return Object.fromEntries(MODEL_SLOTS.map((s, j) => [s, CHOICES_ORDER[bestIdx[j]!]!])) as Record<ModelSlot, Combination>;
}
