// The trained reader's model file (models/reader.json, written by `npm run train`, see train/) and the maths to
// apply it: per-slot multinomial logistic regression over the sparse features of features.ts. Pure functions of the
// model object; the default model is read from disk once, on first use.
import { readFileSync } from 'node:fs';
import type { FeatureOptions, Features } from './features.js';
import type { Branch, SlotName } from './types.js';

export const MODEL_SLOTS = ['topic', 'directoryService', 'usernamesChange', 'choice'] as const satisfies readonly SlotName[];
export type ModelSlot = (typeof MODEL_SLOTS)[number];

export interface SlotModelFile {
  classes: string[];
  /** Which feature prefixes this slot's model was trained on (features.ts); recorded for the README and the eval. */
  prefixes: string[];
  bias: number[];
  /** feature name → one weight per class (pruned: only the features that matter). */
  weights: Record<string, number[]>;
}

/**
 * How the final value of a slot is chosen (measured on validation, see train/combine.ts):
 * - `rules`: the rules' value; `model`: the model's most probable class;
 * - `rules-when-sure`: the rules' value when they read it from text at `threshold` confidence or more, else the model's.
 */
export type Combination = { kind: 'rules' } | { kind: 'model' } | { kind: 'rules-when-sure'; threshold: number };

/**
 * Platt scaling extended by what else says "this reading is sure": confidence = σ(bias + Σ weight·input), fitted on
 * validation (train/calibration.ts). Inputs: the logit of the model's branch probability, whether the rules alone and
 * the model alone reach the same branch, the rules' own confidence, and whether every slot the branch rests on was
 * read from the customer's own words.
 */
export const CALIBRATION_INPUTS = ['logitP', 'agree', 'rulesConfidence', 'ownWords'] as const;
export type CalibrationInput = (typeof CALIBRATION_INPUTS)[number];
export interface Calibration {
  weights: Record<CalibrationInput, number>;
  bias: number;
}

export interface ReaderModelFile {
  format: 1;
  header: Record<string, unknown>;
  slots: Record<ModelSlot, SlotModelFile>;
  combination: Record<ModelSlot, Combination>;
  calibration: Calibration;
  /** Per branch, the lowest calibrated confidence that may auto-send (chosen by `npm run train`; 1 for off-topic). */
  autoSendThreshold: Record<Branch, number>;
}

export interface SlotModel {
  classes: string[];
  bias: number[];
  weights: Map<string, number[]>;
}

export interface ReaderModel {
  file: ReaderModelFile;
  slots: Record<ModelSlot, SlotModel>;
  /** Every feature any slot weighs, all slots' weights side by side (zeros where a slot has none): one lookup per
   *  feature instead of one per slot. `centered` is each slot's weights minus their class average (for evidence). */
  joint: Map<string, { w: Float64Array; centered: Float64Array }>;
  /** Where each slot's classes start in a joint row. */
  offsets: Record<ModelSlot, number>;
  /** Only the feature families some slot uses are computed (character n-grams are the costly ones). */
  features: FeatureOptions;
}

export function compileSlot(m: SlotModelFile): SlotModel {
  return { classes: m.classes, bias: m.bias, weights: new Map(Object.entries(m.weights)) };
}

export function compileModel(file: ReaderModelFile): ReaderModel {
  const slots = {} as Record<ModelSlot, SlotModel>;
  const offsets = {} as Record<ModelSlot, number>;
  let width = 0;
  for (const s of MODEL_SLOTS) {
    slots[s] = compileSlot(file.slots[s]);
    offsets[s] = width;
    width += slots[s].classes.length;
  }
  const joint = new Map<string, { w: Float64Array; centered: Float64Array }>();
  for (const s of MODEL_SLOTS) {
    const K = slots[s].classes.length;
    for (const [name, w] of slots[s].weights) {
      let row = joint.get(name);
      if (!row) joint.set(name, (row = { w: new Float64Array(width), centered: new Float64Array(width) }));
      const mean = w.reduce((a, b) => a + b, 0) / K;
      for (let k = 0; k < K; k++) {
        row.w[offsets[s] + k] = w[k]!;
        row.centered[offsets[s] + k] = w[k]! - mean;
      }
    }
  }
  const prefixes = MODEL_SLOTS.flatMap((s) => file.slots[s].prefixes);
  const features: FeatureOptions = { words: true, chars: prefixes.includes('c:'), rules: prefixes.includes('r:') };
  return { file, slots, joint, offsets, features };
}

/** Every model slot's class probabilities, in one pass over the features. Same sums, in the same order, as
 *  slotProbabilities() per slot (a slot without a weight adds exactly 0). */
export function allProbabilities(model: ReaderModel, features: Features): Record<ModelSlot, number[]> {
  const width = MODEL_SLOTS.reduce((n, s) => n + model.slots[s].classes.length, 0);
  const z = new Float64Array(width);
  for (const s of MODEL_SLOTS) model.slots[s].bias.forEach((b, k) => (z[model.offsets[s] + k] = b));
  for (const [name, x] of features.values) {
    const row = model.joint.get(name);
    if (!row) continue;
    for (let i = 0; i < width; i++) z[i]! += row.w[i]! * x;
  }
  const out = {} as Record<ModelSlot, number[]>;
  for (const s of MODEL_SLOTS) out[s] = softmax(Array.from(z.subarray(model.offsets[s], model.offsets[s] + model.slots[s].classes.length)));
  return out;
}

/** Class scores before the softmax. */
export function slotScores(model: SlotModel, features: Features): number[] {
  const z = [...model.bias];
  for (const [name, x] of features.values) {
    const w = model.weights.get(name);
    if (!w) continue;
    for (let k = 0; k < z.length; k++) z[k]! += w[k]! * x;
  }
  return z;
}

export function softmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export function slotProbabilities(model: SlotModel, features: Features): number[] {
  return softmax(slotScores(model, features));
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

export function calibrationInputs(p: number, agree: boolean, rulesConfidence: number, ownWords: boolean): Record<CalibrationInput, number> {
  return { logitP: logit(p), agree: agree ? 1 : 0, rulesConfidence, ownWords: ownWords ? 1 : 0 };
}

export function calibrate(c: Calibration, inputs: Record<CalibrationInput, number>): number {
  let z = c.bias;
  for (const k of CALIBRATION_INPUTS) z += c.weights[k] * inputs[k];
  return 1 / (1 + Math.exp(-z));
}

export const MODEL_URL = new URL('../../models/reader.json', import.meta.url);
let cached: ReaderModel | undefined;

/** The shipped model (models/reader.json), parsed once per process. */
export function defaultModel(): ReaderModel {
  cached ??= compileModel(JSON.parse(readFileSync(MODEL_URL, 'utf8')) as ReaderModelFile);
  return cached;
}
