// classify(): a ticket thread in, slots + branch + evidence out. Pure: no I/O (the shipped model is read once per
// process), no clock, no state between calls.
//
// Two readers look at every ticket: the hand-written rules (rules.ts) and the trained reader (models/reader.json,
// built by `npm run train`). The final value of each slot is the combination measured best on the validation split
// (reader-model.ts `Combination`); the confidence is the calibrated probability that the branch is right; auto-send
// needs both readers to agree (auto-send.ts).
import { isReaderAutoSendEligible } from './auto-send.js';
import { branchDependencies } from './confidence.js';
import { decideBranch } from './decide-branch.js';
import { ticketFeatures, type Features } from './features.js';
import { modelEvidence } from './model-evidence.js';
import { allProbabilities, calibrate, calibrationInputs, defaultModel, MODEL_SLOTS, type CalibrationInput, type ModelSlot, type ReaderModel } from './reader-model.js';
import { readByRules, type RuleReading } from './rules.js';
import { branchProbability } from './branch-probability.js';
import type { Branch, Classification, Slots, Thread } from './types.js';

export { decideBranch } from './decide-branch.js';
export { readByRules } from './rules.js';
export type { Classification, Thread, Slots, Evidence, Branch } from './types.js';

/** The shipped auto-send band's lower edge for a branch (chosen by `npm run train`). */
export function autoSendThreshold(branch: Branch, model: ReaderModel = defaultModel()): number {
  return model.file.autoSendThreshold[branch];
}

export interface ModelReading {
  /** Per model slot: the classes and their probabilities. */
  probabilities: Record<ModelSlot, { classes: string[]; p: number[] }>;
  /** Per model slot: the most probable class. */
  values: Record<ModelSlot, string>;
}

export interface ReaderResult extends Classification {
  rules: RuleReading;
  model: ModelReading;
  /** The model's probability of the chosen branch, before calibration. */
  rawProbability: number;
  /** The rules alone and the model alone reach the same branch as the combination. */
  agree: boolean;
  /** What the calibration read (reader-model.ts CALIBRATION_INPUTS), for train/ to fit it. */
  calibrationInput: Record<CalibrationInput, number>;
  /** The branch the model alone reads (its most probable value per slot, rules for product and language). */
  modelBranch: Branch;
}

function argmax(p: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/** Both readers plus their combination, with everything train/ and eval need to measure it. */
export function readTicket(thread: Thread, model: ReaderModel = defaultModel()): ReaderResult {
  const rules = readByRules(thread);
  return combineReaders(model, rules, ticketFeatures(rules, model.features));
}

/** The combination itself, from the rules' reading and the ticket's features (train/ computes those once). */
export function combineReaders(model: ReaderModel, rules: RuleReading, features: Features): ReaderResult {
  const probabilities = {} as ModelReading['probabilities'];
  const values = {} as ModelReading['values'];
  const slots: Slots = { ...rules.slots };
  const all = allProbabilities(model, features);
  for (const s of MODEL_SLOTS) {
    const m = model.slots[s];
    const p = all[s];
    probabilities[s] = { classes: m.classes, p };
    values[s] = m.classes[argmax(p)]!;
    const how = model.file.combination[s];
    const reading = rules.readings[s];
    const useRules = how.kind === 'rules' || (how.kind === 'rules-when-sure' && reading.fromText && reading.confidence >= how.threshold);
    (slots as unknown as Record<string, string>)[s] = useRules ? String(rules.slots[s]) : values[s];
  }
  // A rename/keep choice only exists for the conversion; off-topic tickets have none.
  if (slots.topic === 'off-topic') slots.choice = 'undecided';
  const branch = decideBranch(slots);
  const rawProbability = branchProbability(probabilities, branch);
  const modelSlots = { ...rules.slots, ...values } as Slots;
  if (modelSlots.topic === 'off-topic') modelSlots.choice = 'undecided';
  const modelBranch = decideBranch(modelSlots);
  const agree = rules.branch === branch && modelBranch === branch;
  const ownWords = branchDependencies(branch, slots).every((d) => rules.readings[d].fromText && !rules.readings[d].indirect);
  const calibrationInput = calibrationInputs(rawProbability, agree, rules.confidence, ownWords);
  const confidence = Math.round(calibrate(model.file.calibration, calibrationInput) * 100) / 100;
  const autoSend = isReaderAutoSendEligible({ branch, slots, rules, modelValues: values, confidence, threshold: model.file.autoSendThreshold[branch] });
  const evidence = [
    ...rules.evidence.filter((e) => String(slots[e.slot]) === e.value),
    // The model explains the slots the branch rests on (the others keep the rules' spans): it is the costly part.
    ...modelEvidence(model, rules, features, slots, probabilities, branchDependencies(branch, slots)),
  ];
  return { slots, branch, confidence, autoSend, evidence, rules, model: { probabilities, values }, rawProbability, agree, modelBranch, calibrationInput };
}

export function classify(thread: Thread): Classification {
  return classifyWith(defaultModel(), thread);
}

/** classify() with a given model (train/ and tests measure models that are not shipped yet). */
export function classifyWith(model: ReaderModel, thread: Thread): Classification {
  const r = readTicket(thread, model);
  return { slots: r.slots, branch: r.branch, confidence: r.confidence, autoSend: r.autoSend, evidence: r.evidence };
}
