// Pure evaluation maths: labelled expectations + classifier outputs in, figures out. No I/O, so it is unit-tested
// with hand-made predictions and reused by anything that wants the same numbers (CLI, reports, CI gates).
import { BRANCHES, SLOT_NAMES } from '../classify/types.js';
import type { Branch, Classification, SlotName, Slots, Where } from '../classify/types.js';
import { calibrationError, harmOf, HARMS, reliability, type Harm, type ReliabilityBin } from './eval-harm.js';

export interface Expected extends Slots {
  branch: Branch;
}

export interface Prediction {
  id: string;
  expected: Expected;
  actual: Pick<Classification, 'slots' | 'branch' | 'confidence' | 'autoSend' | 'evidence'>;
}

export interface Ratio {
  correct: number;
  total: number;
  /** correct / total, or null when total is 0 (nothing to measure is not 0 % and not 100 %). */
  rate: number | null;
}

export interface Miss {
  id: string;
  expectedBranch: Branch;
  actualBranch: Branch;
  confidence: number;
  autoSend: boolean;
  /** Slots where the classifier disagreed with the labels: the cause of the wrong branch is among them. */
  slotDiffs: Array<{ slot: SlotName; expected: string; actual: string }>;
  evidence: Array<{ slot: SlotName; value: string; rule: string; where: Where; text: string }>;
}

export interface EvalMetrics {
  tickets: number;
  branch: Ratio;
  slots: Record<SlotName, Ratio>;
  /** confusion[expected][actual] = count, over every branch in BRANCHES order (zeros included). */
  confusion: Record<Branch, Record<Branch, number>>;
  autoSend: {
    /** Tickets labelled on-topic: the ones that could get a reply at all. */
    onTopic: number;
    /** On-topic tickets the classifier marked autoSend. */
    eligible: number;
    /** eligible / onTopic. */
    coverage: number | null;
    /** All tickets marked autoSend, whatever their label (an off-topic ticket marked autoSend can be an error too). */
    marked: number;
    /** Marked autoSend but the branch is wrong: each one would have sent the wrong reply. */
    errors: number;
    errorIds: string[];
    /** (marked - errors) / marked. */
    precision: number | null;
  };
  /** Tickets whose branch is wrong, in input order. */
  misses: Miss[];
  /** Misses split by what they would cost (eval-harm.ts). */
  harm: Record<Harm, number>;
  /** Narrower-and-wrong misses at auto-send confidence (at or above the band's edge, eligible or not): must be 0. */
  narrowerWrongAtAutoSendConfidence: number;
  /** Confidence bins against branch accuracy, and the expected calibration error over them. */
  reliability: ReliabilityBin[];
  calibrationError: number | null;
}

export interface MetricsOptions {
  /** The auto-send band's lower edge per branch; without it only tickets marked autoSend count as "at auto-send
   *  confidence". */
  autoSendThreshold?: (branch: Branch) => number;
}

export function computeMetrics(predictions: readonly Prediction[], options: MetricsOptions = {}): EvalMetrics {
  const harm = Object.fromEntries(HARMS.map((h) => [h, 0])) as Record<Harm, number>;
  let narrowerWrongAtAutoSendConfidence = 0;
  const confusion = Object.fromEntries(
    BRANCHES.map((e) => [e, Object.fromEntries(BRANCHES.map((a) => [a, 0]))]),
  ) as Record<Branch, Record<Branch, number>>;
  const slotCorrect = Object.fromEntries(SLOT_NAMES.map((s) => [s, 0])) as Record<SlotName, number>;
  let branchCorrect = 0;
  let onTopic = 0;
  let eligible = 0;
  let marked = 0;
  const errorIds: string[] = [];
  const misses: Miss[] = [];

  for (const p of predictions) {
    const { expected, actual } = p;
    confusion[expected.branch][actual.branch] += 1;
    for (const s of SLOT_NAMES) if (expected[s] === actual.slots[s]) slotCorrect[s] += 1;
    const right = expected.branch === actual.branch;
    if (right) branchCorrect += 1;
    if (expected.branch !== 'off-topic') {
      onTopic += 1;
      if (actual.autoSend) eligible += 1;
    }
    if (actual.autoSend) {
      marked += 1;
      if (!right) errorIds.push(p.id);
    }
    const cost = harmOf(expected.branch, actual.branch);
    if (cost) harm[cost] += 1;
    const inBand = options.autoSendThreshold === undefined ? actual.autoSend : actual.confidence >= options.autoSendThreshold(actual.branch);
    if (cost === 'narrower-and-wrong' && inBand) narrowerWrongAtAutoSendConfidence += 1;
    if (!right) {
      misses.push({
        id: p.id,
        expectedBranch: expected.branch,
        actualBranch: actual.branch,
        confidence: actual.confidence,
        autoSend: actual.autoSend,
        slotDiffs: SLOT_NAMES.filter((s) => expected[s] !== actual.slots[s]).map((s) => ({
          slot: s,
          expected: expected[s],
          actual: actual.slots[s],
        })),
        evidence: actual.evidence.map((e) => ({ slot: e.slot, value: e.value, rule: e.rule, where: e.where, text: e.text })),
      });
    }
  }

  const n = predictions.length;
  const bins = reliability(predictions.map((p) => ({ confidence: p.actual.confidence, correct: p.expected.branch === p.actual.branch })));
  return {
    tickets: n,
    branch: ratio(branchCorrect, n),
    slots: Object.fromEntries(SLOT_NAMES.map((s) => [s, ratio(slotCorrect[s], n)])) as Record<SlotName, Ratio>,
    confusion,
    autoSend: {
      onTopic,
      eligible,
      coverage: onTopic === 0 ? null : eligible / onTopic,
      marked,
      errors: errorIds.length,
      errorIds,
      precision: marked === 0 ? null : (marked - errorIds.length) / marked,
    },
    misses,
    harm,
    narrowerWrongAtAutoSendConfidence,
    reliability: bins,
    calibrationError: calibrationError(bins),
  };
}

function ratio(correct: number, total: number): Ratio {
  return { correct, total, rate: total === 0 ? null : correct / total };
}
