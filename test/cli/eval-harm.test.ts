// Misses by harm and the reliability table: the maths eval and `npm run train` both print.
import { describe, expect, it } from 'vitest';
import { calibrationError, harmOf, reliability } from '../../src/cli/eval-harm.js';
import { computeMetrics, type Prediction } from '../../src/cli/eval-metrics.js';
import type { Branch, Slots } from '../../src/classify/types.js';

describe('harmOf', () => {
  it('a specific path that does not fit is narrower and wrong', () => {
    expect(harmOf('rename-or-hybrid', 'rename')).toBe('narrower-and-wrong');
    expect(harmOf('full-guide', 'modern-direct')).toBe('narrower-and-wrong');
    expect(harmOf('hybrid', 'rename')).toBe('narrower-and-wrong');
    expect(harmOf('modern-direct', 'rename-or-hybrid')).toBe('narrower-and-wrong');
  });
  it('a reply that asks again is broader', () => {
    expect(harmOf('rename', 'full-guide')).toBe('broader');
    expect(harmOf('modern-direct', 'full-guide')).toBe('broader');
    expect(harmOf('hybrid', 'rename-or-hybrid')).toBe('broader');
  });
  it('topic mistakes are their own kinds; a right branch is no miss', () => {
    expect(harmOf('off-topic', 'full-guide')).toBe('off-topic-drafted');
    expect(harmOf('rename', 'off-topic')).toBe('on-topic-missed');
    expect(harmOf('rename', 'rename')).toBeNull();
  });
});

describe('reliability', () => {
  it('bins confidences against accuracy; the top bin includes 1.0', () => {
    const bins = reliability([
      { confidence: 0.55, correct: false },
      { confidence: 0.58, correct: true },
      { confidence: 0.97, correct: true },
      { confidence: 1, correct: true },
    ]);
    const mid = bins.find((b) => b.from === 0.5)!;
    expect(mid).toMatchObject({ tickets: 2, correct: 1, accuracy: 0.5 });
    expect(mid.meanConfidence).toBeCloseTo(0.565);
    expect(bins.find((b) => b.from === 0.95)).toMatchObject({ tickets: 2, correct: 2, accuracy: 1 });
    expect(bins.find((b) => b.from === 0.7)).toMatchObject({ tickets: 0, accuracy: null, meanConfidence: null });
  });
  it('the expected calibration error weighs each bin’s gap by its share of the tickets', () => {
    const bins = reliability([
      { confidence: 0.55, correct: false },
      { confidence: 0.55, correct: true },
      { confidence: 0.96, correct: true },
      { confidence: 0.96, correct: true },
    ]);
    // bin .5: |0.5 - 0.55| = 0.05, bin .95: |1 - 0.96| = 0.04; each half of the tickets
    expect(calibrationError(bins)).toBeCloseTo(0.045);
    expect(calibrationError(reliability([]))).toBeNull();
  });
});

describe('computeMetrics: harm and the band', () => {
  const slots: Slots = { topic: 'm365-conversion', directoryService: 'active-directory', usernamesChange: 'yes', choice: 'undecided', product: 'server', language: 'en' };
  const p = (id: string, expected: Branch, actual: Branch, confidence: number, autoSend = false): Prediction => ({
    id,
    expected: { ...slots, branch: expected },
    actual: { slots, branch: actual, confidence, autoSend, evidence: [] },
  });
  it('counts each kind of miss and the narrower-and-wrong ones at or above the band edge, eligible or not', () => {
    const m = computeMetrics(
      [p('a', 'rename-or-hybrid', 'rename', 0.97), p('b', 'hybrid', 'rename', 0.5), p('c', 'rename', 'full-guide', 0.99), p('d', 'off-topic', 'hybrid', 0.4), p('e', 'rename', 'rename', 0.99, true)],
      { autoSendThreshold: () => 0.95 },
    );
    expect(m.harm).toEqual({ 'narrower-and-wrong': 2, broader: 1, 'off-topic-drafted': 1, 'on-topic-missed': 0 });
    expect(m.narrowerWrongAtAutoSendConfidence).toBe(1);
    expect(m.reliability.reduce((n, b) => n + b.tickets, 0)).toBe(5);
  });
});
