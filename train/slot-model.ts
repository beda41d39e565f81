// Training one slot's model: vocabulary from the train split, L-BFGS fit, pruning to the features that weigh most,
// a refit on those, and weights rounded for the model file. Everything is sorted, so the result is deterministic.
import type { Features } from '../src/classify/features.js';
import type { SlotModelFile } from '../src/classify/reader-model.js';
import { fit, type Example } from './logreg.js';

export interface SlotTrainingOptions {
  classes: readonly string[];
  /** Feature prefixes this model may use (features.ts). */
  prefixes: readonly string[];
  l2: number;
  /** Features seen in fewer training tickets are dropped (one-off names and addresses do not generalise). */
  minDf: number;
  /** Features kept in the model file. */
  keep: number;
  maxIterations: number;
}

export interface SlotExample {
  features: Features;
  label: string;
  weight: number;
}

const DECIMALS = 1e4;
const round = (x: number): number => Math.round(x * DECIMALS) / DECIMALS || 0;

function usable(name: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => name.startsWith(p));
}

function vocabulary(data: readonly SlotExample[], o: SlotTrainingOptions): string[] {
  const df = new Map<string, number>();
  for (const ex of data) for (const name of ex.features.values.keys()) if (usable(name, o.prefixes)) df.set(name, (df.get(name) ?? 0) + 1);
  return [...df.entries()]
    .filter(([, n]) => n >= o.minDf)
    .map(([name]) => name)
    .sort();
}

function examples(data: readonly SlotExample[], vocab: readonly string[], classes: readonly string[]): Example[] {
  const index = new Map(vocab.map((name, i) => [name, i]));
  return data.map((ex) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [name, v] of ex.features.values) {
      const i = index.get(name);
      if (i === undefined) continue;
      idx.push(i);
      val.push(v);
    }
    const y = classes.indexOf(ex.label);
    if (y < 0) throw new Error(`label ${ex.label} is not one of ${classes.join(', ')}`);
    return { idx: Int32Array.from(idx), val: Float64Array.from(val), y, weight: ex.weight };
  });
}

function fitOn(data: readonly SlotExample[], vocab: readonly string[], o: SlotTrainingOptions): { w: Float64Array; bias: Float64Array } {
  const K = o.classes.length;
  return fit(examples(data, vocab, o.classes), { classes: K, dims: vocab.length, l2: o.l2, maxIterations: o.maxIterations });
}

/** How much a feature can move the decision: its largest weight above or below the class average. */
function importance(w: Float64Array, f: number, K: number): number {
  let mean = 0;
  for (let k = 0; k < K; k++) mean += w[f * K + k]!;
  mean /= K;
  let best = 0;
  for (let k = 0; k < K; k++) best = Math.max(best, Math.abs(w[f * K + k]! - mean));
  return best;
}

export function trainSlotModel(data: readonly SlotExample[], o: SlotTrainingOptions): SlotModelFile {
  const K = o.classes.length;
  let vocab = vocabulary(data, o);
  let fitted = fitOn(data, vocab, o);
  if (vocab.length > o.keep) {
    const ranked = vocab.map((name, f) => ({ name, imp: importance(fitted.w, f, K) }));
    ranked.sort((a, b) => b.imp - a.imp || (a.name < b.name ? -1 : 1));
    vocab = ranked
      .slice(0, o.keep)
      .map((r) => r.name)
      .sort();
    fitted = fitOn(data, vocab, o);
  }
  const weights: Record<string, number[]> = {};
  vocab.forEach((name, f) => {
    const row = Array.from({ length: K }, (_, k) => round(fitted.w[f * K + k]!));
    if (row.some((x) => x !== 0)) weights[name] = row;
  });
  return { classes: [...o.classes], prefixes: [...o.prefixes], bias: Array.from(fitted.bias, round), weights };
}
