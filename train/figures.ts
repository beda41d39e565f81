// The figures of a model on a labelled set: per slot and branch for the rules alone, the model alone and the
// combination; auto-send coverage and errors; misses by harm. Recorded in the model header and printed by the run.
import { combineReaders } from '../src/classify/index.js';
import { MODEL_SLOTS, type ReaderModel } from '../src/classify/reader-model.js';
import { harmOf, HARMS, type Harm } from '../src/cli/eval-harm.js';
import type { Prepared } from './train-reader.js';

export interface Accuracies {
  topic: number;
  directoryService: number;
  usernamesChange: number;
  choice: number;
  branch: number;
}

export interface SetFigures {
  tickets: number;
  /** Right answers (counts, not rates, so a reader can check them against the files). */
  rules: Accuracies;
  model: Accuracies;
  combined: Accuracies;
  autoSend: { onTopic: number; eligible: number; wrong: number };
  harm: Record<Harm, number>;
  /** Narrower-and-wrong misses whose confidence is inside the auto-send band (eligible or not): must be 0. */
  narrowerWrongInBand: number;
}

function empty(): Accuracies {
  return { topic: 0, directoryService: 0, usernamesChange: 0, choice: 0, branch: 0 };
}

export function measure(model: ReaderModel, data: readonly Prepared[]): SetFigures {
  const f: SetFigures = {
    tickets: data.length,
    rules: empty(),
    model: empty(),
    combined: empty(),
    autoSend: { onTopic: 0, eligible: 0, wrong: 0 },
    harm: Object.fromEntries(HARMS.map((h) => [h, 0])) as Record<Harm, number>,
    narrowerWrongInBand: 0,
  };
  for (const d of data) {
    const r = combineReaders(model, d.rules, d.features);
    const l = d.ticket.labels;
    for (const s of MODEL_SLOTS) {
      if (String(d.rules.slots[s]) === l[s]) f.rules[s]++;
      if (r.model.values[s] === l[s]) f.model[s]++;
      if (String(r.slots[s]) === l[s]) f.combined[s]++;
    }
    if (d.rules.branch === l.branch) f.rules.branch++;
    if (r.modelBranch === l.branch) f.model.branch++;
    if (r.branch === l.branch) f.combined.branch++;
    if (l.branch !== 'off-topic') f.autoSend.onTopic++;
    if (r.autoSend) {
      if (l.branch !== 'off-topic') f.autoSend.eligible++;
      if (r.branch !== l.branch) f.autoSend.wrong++;
    }
    const harm = harmOf(l.branch, r.branch);
    if (harm) f.harm[harm]++;
    if (harm === 'narrower-and-wrong' && r.confidence >= model.file.autoSendThreshold[r.branch]) f.narrowerWrongInBand++;
  }
  return f;
}
