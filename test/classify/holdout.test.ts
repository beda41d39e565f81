// The held-out tickets (test/fixtures/classify-holdout.jsonl) are never tuned on, so misses are expected there and
// are not fixed one by one. What must hold on wording the rules have never seen: nothing wrong is auto-sent, and
// the branch accuracy does not fall below what was measured when the set was written (32/40).
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { holdout } from './load-tickets.js';

describe('held-out tickets (never tuned on)', () => {
  const tickets = holdout();
  const results = tickets.map((t) => ({ t, r: classify(t) }));

  it('auto-sends no wrong answer', () => {
    const wrong = results.filter(({ t, r }) => r.autoSend && r.branch !== t.labels.branch).map(({ t, r }) => `${t.id}: ${r.branch} instead of ${t.labels.branch}`);
    expect(wrong).toEqual([]);
  });

  it('keeps at least 32 of 40 branches right (the figure measured when the set was written)', () => {
    expect(tickets).toHaveLength(40);
    const right = results.filter(({ t, r }) => r.branch === t.labels.branch).length;
    expect(right).toBeGreaterThanOrEqual(32);
  });
});
