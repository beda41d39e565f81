import { describe, expect, it } from 'vitest';
import type { Branch, Evidence, Slots } from '../../src/classify/types.js';
import { computeMetrics } from '../../src/cli/eval-metrics.js';
import type { Expected, Prediction } from '../../src/cli/eval-metrics.js';

const SLOTS: Slots = {
  topic: 'm365-conversion',
  directoryService: 'active-directory',
  usernamesChange: 'yes',
  choice: 'undecided',
  product: 'server',
  language: 'en',
};

function pred(
  id: string,
  expected: Branch,
  actual: Branch,
  opts: { autoSend?: boolean; actualSlots?: Partial<Slots>; expectedSlots?: Partial<Slots>; evidence?: Evidence[] } = {},
): Prediction {
  const topic = (b: Branch): Slots['topic'] => (b === 'off-topic' ? 'off-topic' : 'm365-conversion');
  const exp: Expected = { ...SLOTS, topic: topic(expected), ...opts.expectedSlots, branch: expected };
  return {
    id,
    expected: exp,
    actual: {
      slots: { ...SLOTS, topic: topic(actual), ...opts.actualSlots },
      branch: actual,
      confidence: 0.5,
      autoSend: opts.autoSend ?? false,
      evidence: opts.evidence ?? [],
    },
  };
}

const EV: Evidence = {
  slot: 'directoryService',
  value: 'active-directory',
  rule: 'ds.active-directory.named',
  where: 'comment 2',
  start: 3,
  end: 19,
  text: 'Active Directory',
  confidence: 0.9,
};

describe('computeMetrics', () => {
  it('counts branch accuracy, confusion and misses', () => {
    const m = computeMetrics([
      pred('a', 'hybrid', 'hybrid', { autoSend: true }),
      pred('b', 'rename', 'rename-or-hybrid', { evidence: [EV] }),
      pred('c', 'off-topic', 'off-topic'),
      pred('d', 'full-guide', 'off-topic'),
    ]);
    expect(m.tickets).toBe(4);
    expect(m.branch).toEqual({ correct: 2, total: 4, rate: 0.5 });
    expect(m.confusion.hybrid.hybrid).toBe(1);
    expect(m.confusion.rename['rename-or-hybrid']).toBe(1);
    expect(m.confusion['full-guide']['off-topic']).toBe(1);
    expect(m.confusion['off-topic']['off-topic']).toBe(1);
    // every cell is present, so a table can be printed without guessing
    const cells = Object.values(m.confusion).flatMap((row) => Object.values(row));
    expect(cells).toHaveLength(36);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(4);

    expect(m.misses.map((x) => x.id)).toEqual(['b', 'd']);
    expect(m.misses[0]).toMatchObject({
      expectedBranch: 'rename',
      actualBranch: 'rename-or-hybrid',
      autoSend: false,
      evidence: [{ slot: 'directoryService', value: 'active-directory', rule: 'ds.active-directory.named', where: 'comment 2', text: 'Active Directory' }],
    });
    expect(m.misses[1]!.slotDiffs).toEqual([{ slot: 'topic', expected: 'm365-conversion', actual: 'off-topic' }]);
  });

  it('measures per-slot accuracy independently of the branch', () => {
    const m = computeMetrics([
      pred('a', 'hybrid', 'hybrid', { actualSlots: { product: 'spe' } }),
      pred('b', 'hybrid', 'hybrid', { actualSlots: { product: 'spe', language: 'de' } }),
      pred('c', 'hybrid', 'hybrid'),
    ]);
    expect(m.branch.rate).toBe(1);
    expect(m.slots.product).toEqual({ correct: 1, total: 3, rate: 1 / 3 });
    expect(m.slots.language).toEqual({ correct: 2, total: 3, rate: 2 / 3 });
    expect(m.slots.directoryService.rate).toBe(1);
    expect(m.misses).toEqual([]);
  });

  it('auto-send coverage is eligible / on-topic; errors are auto-sends with the wrong branch', () => {
    const m = computeMetrics([
      pred('on-ok', 'hybrid', 'hybrid', { autoSend: true }),
      pred('on-wrong', 'rename', 'hybrid', { autoSend: true }),
      pred('on-manual', 'full-guide', 'full-guide'),
      pred('on-manual-2', 'modern-direct', 'full-guide'),
      pred('off-right', 'off-topic', 'off-topic', { autoSend: true }),
      pred('off-wrong', 'off-topic', 'modern-direct', { autoSend: true }),
    ]);
    expect(m.autoSend.onTopic).toBe(4);
    expect(m.autoSend.eligible).toBe(2);
    expect(m.autoSend.coverage).toBe(0.5);
    expect(m.autoSend.marked).toBe(4);
    expect(m.autoSend.errors).toBe(2);
    expect(m.autoSend.errorIds).toEqual(['on-wrong', 'off-wrong']);
    expect(m.autoSend.precision).toBe(0.5);
    expect(m.misses.filter((x) => x.autoSend).map((x) => x.id)).toEqual(['on-wrong', 'off-wrong']);
  });

  it('reports null rates rather than 0 % or 100 % when there is nothing to measure', () => {
    const empty = computeMetrics([]);
    expect(empty.branch).toEqual({ correct: 0, total: 0, rate: null });
    expect(empty.autoSend.coverage).toBeNull();
    expect(empty.autoSend.precision).toBeNull();
    const offOnly = computeMetrics([pred('x', 'off-topic', 'off-topic')]);
    expect(offOnly.autoSend.onTopic).toBe(0);
    expect(offOnly.autoSend.coverage).toBeNull();
    expect(offOnly.autoSend.errors).toBe(0);
  });
});
