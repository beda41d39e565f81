// What a wrong branch costs, and how well the confidence predicts being right. Pure; shared by `m365-guide eval`
// and `npm run train` (which records the same figures in the model header).
import type { Branch } from '../classify/types.js';

/**
 * - `narrower-and-wrong`: a specific on-topic reply that does not fit (harmful: it tells the customer what to do);
 * - `broader`: a reply that asks again: full-guide for any other on-topic branch, rename-or-hybrid where rename or
 *   hybrid was right (safe: it covers the right answer);
 * - `off-topic-drafted`: an on-topic reply for a ticket about something else;
 * - `on-topic-missed`: a conversion ticket read as off-topic (no draft; a person answers).
 */
export type Harm = 'narrower-and-wrong' | 'broader' | 'off-topic-drafted' | 'on-topic-missed';
export const HARMS: readonly Harm[] = ['narrower-and-wrong', 'broader', 'off-topic-drafted', 'on-topic-missed'];

/** The harm of a miss, or null when the branch is right. */
export function harmOf(expected: Branch, actual: Branch): Harm | null {
  if (expected === actual) return null;
  if (expected === 'off-topic') return 'off-topic-drafted';
  if (actual === 'off-topic') return 'on-topic-missed';
  if (actual === 'full-guide') return 'broader';
  if (actual === 'rename-or-hybrid' && (expected === 'rename' || expected === 'hybrid')) return 'broader';
  return 'narrower-and-wrong';
}

export interface ReliabilityBin {
  /** Confidence range [from, to); the last bin includes 1. */
  from: number;
  to: number;
  tickets: number;
  correct: number;
  /** Mean confidence of the tickets in the bin (null when empty). */
  meanConfidence: number | null;
  /** correct / tickets (null when empty). */
  accuracy: number | null;
}

export const RELIABILITY_EDGES: readonly number[] = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

/** Confidence bins against accuracy: a calibrated reader's accuracy in each bin is close to its mean confidence. */
export function reliability(items: ReadonlyArray<{ confidence: number; correct: boolean }>, edges: readonly number[] = RELIABILITY_EDGES): ReliabilityBin[] {
  const bins: ReliabilityBin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i]!;
    const to = edges[i + 1]!;
    const last = i + 2 === edges.length;
    const inBin = items.filter((x) => x.confidence >= from && (x.confidence < to || (last && x.confidence <= to)));
    const correct = inBin.filter((x) => x.correct).length;
    const n = inBin.length;
    bins.push({
      from,
      to,
      tickets: n,
      correct,
      meanConfidence: n === 0 ? null : inBin.reduce((a, x) => a + x.confidence, 0) / n,
      accuracy: n === 0 ? null : correct / n,
    });
  }
  return bins;
}

/** Expected calibration error: the tickets' share-weighted gap between confidence and accuracy over the bins. */
export function calibrationError(bins: readonly ReliabilityBin[]): number | null {
  const total = bins.reduce((a, b) => a + b.tickets, 0);
  if (total === 0) return null;
  return bins.reduce((a, b) => (b.tickets === 0 ? a : a + (b.tickets / total) * Math.abs(b.accuracy! - b.meanConfidence!)), 0);
}
