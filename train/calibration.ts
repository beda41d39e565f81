// Platt scaling with an agreement term, fitted on the validation split: P(branch right) = σ(a·logit(p) + b·agree + c),
// where p is the model's probability of the chosen branch and agree says the rules alone and the model alone reach
// that branch too. Two inputs and three numbers: enough for a few hundred validation tickets, too few to overfit.
import type { Calibration } from '../src/classify/reader-model.js';
import { fit } from './logreg.js';

const L2 = 0.01;
const round = (x: number): number => Math.round(x * 1e4) / 1e4 || 0;

export function fitCalibration(items: ReadonlyArray<{ p: number; agree: boolean; correct: boolean }>): Calibration {
  const data = items.map((it) => {
    const q = Math.min(1 - 1e-6, Math.max(1e-6, it.p));
    return { idx: Int32Array.from([0, 1]), val: Float64Array.from([Math.log(q / (1 - q)), it.agree ? 1 : 0]), y: it.correct ? 1 : 0, weight: 1 };
  });
  const f = fit(data, { classes: 2, dims: 2, l2: L2, maxIterations: 200 });
  // Two-class softmax = logistic regression on the difference of the class weights.
  return { a: round(f.w[1]! - f.w[0]!), b: round(f.w[3]! - f.w[2]!), c: round(f.bias[1]! - f.bias[0]!) };
}
