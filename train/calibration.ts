// The calibration, fitted on the validation split: logistic regression of "the branch is right" on four inputs
// (reader-model.ts CALIBRATION_INPUTS): Platt scaling of the model's branch probability, plus the readers' agreement,
// the rules' confidence and whether the branch rests on the customer's own words. Five numbers, fitted with L2 on a
// few hundred validation tickets: too few to overfit, enough to say which readings are sure.
import { CALIBRATION_INPUTS, type Calibration, type CalibrationInput } from '../src/classify/reader-model.js';
import { fit } from './logreg.js';

const L2 = 0.01;
const round = (x: number): number => Math.round(x * 1e4) / 1e4 || 0;

export function fitCalibration(items: ReadonlyArray<{ inputs: Record<CalibrationInput, number>; correct: boolean }>): Calibration {
  const idx = Int32Array.from(CALIBRATION_INPUTS.map((_, i) => i));
  const data = items.map((it) => ({ idx, val: Float64Array.from(CALIBRATION_INPUTS.map((k) => it.inputs[k])), y: it.correct ? 1 : 0, weight: 1 }));
  const f = fit(data, { classes: 2, dims: CALIBRATION_INPUTS.length, l2: L2, maxIterations: 300 });
  // Two-class softmax = logistic regression on the difference of the class weights.
  const weights = Object.fromEntries(CALIBRATION_INPUTS.map((k, i) => [k, round(f.w[i * 2 + 1]! - f.w[i * 2]!)])) as Record<CalibrationInput, number>;
  return { weights, bias: round(f.bias[1]! - f.bias[0]!) };
}
