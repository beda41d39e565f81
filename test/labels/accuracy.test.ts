// The accuracy maths behind the analytics page and /metrics, with hand-made labels.
import { describe, expect, it } from 'vitest';
import type { Slots } from '../../src/classify/types.js';
import { readingAccuracy, weekOf, type LabelFacts } from '../../src/labels/accuracy.js';
import { wilsonLower } from '../../src/labels/wilson.js';

const slots: Slots = { topic: 'm365-conversion', directoryService: 'active-directory', usernamesChange: 'yes', choice: 'undecided', product: 'server', language: 'en' };
const label = (id: number, over: Partial<LabelFacts> & { to?: Partial<Slots> & { branch?: string } } = {}): LabelFacts => {
  const { to, ...rest } = over;
  const outcome = rest.outcome ?? (to ? 'corrected' : 'confirmed');
  return {
    draftId: id,
    outcome,
    reading: { slots, branch: 'rename-or-hybrid', confidence: 0.7, autoSendEligible: false },
    labels: outcome === 'unknown' ? null : ({ ...slots, branch: 'rename-or-hybrid', ...to } as never),
    autoSent: false,
    decidedAt: new Date('2025-03-05T10:00:00Z'),
    ...rest,
  };
};

describe('wilsonLower', () => {
  it('matches published values and stays inside [0, 1]', () => {
    expect(wilsonLower(10, 10)).toBeCloseTo(0.7225, 4);
    expect(wilsonLower(0, 10)).toBe(0);
    expect(wilsonLower(81, 100)).toBeCloseTo(0.7222, 3);
    expect(wilsonLower(0, 0)).toBeNull();
  });
});

describe('readingAccuracy', () => {
  it('counts per slot, per chosen branch, the corrected branches, weeks and auto-send precision', () => {
    const a = readingAccuracy(
      [
        label(1),
        label(2),
        label(3, { to: { choice: 'hybrid', branch: 'hybrid' } }),
        label(4, { to: { product: 'spe' } }), // a slot corrected, the branch still right
        label(5, { outcome: 'unknown' }),
        label(6, { autoSent: true, to: { choice: 'rename', branch: 'rename' }, decidedAt: new Date('2025-03-12T08:00:00Z') }),
      ],
      [6, 7, 8, 9],
    );
    expect(a.labelled).toBe(5);
    expect(a.unknown).toBe(1);
    expect(a.branch).toEqual({ confirmed: 3, corrected: 2, accuracy: 0.6 });
    expect(a.perSlot.choice).toEqual({ confirmed: 3, corrected: 2, accuracy: 0.6 });
    expect(a.perSlot.product).toEqual({ confirmed: 4, corrected: 1, accuracy: 0.8 });
    expect(a.perBranch.find((b) => b.branch === 'rename-or-hybrid')).toMatchObject({ confirmed: 3, corrected: 2 });
    expect(a.perBranch.find((b) => b.branch === 'hybrid')).toMatchObject({ confirmed: 0, corrected: 0, accuracy: null });
    expect(a.confusion).toEqual([
      { from: 'rename-or-hybrid', to: 'hybrid', count: 1 },
      { from: 'rename-or-hybrid', to: 'rename', count: 1 },
    ]);
    expect(a.weeks).toEqual([
      { week: '2025-03-03', confirmed: 3, corrected: 1, accuracy: 0.75 },
      { week: '2025-03-10', confirmed: 0, corrected: 1, accuracy: 0 },
    ]);
    expect(a.autoSend).toEqual({ sent: 4, corrected: 1, precision: 0.75, lower95: wilsonLower(3, 4) });
  });

  it('weeks start on Monday (UTC)', () => {
    expect(weekOf(new Date('2025-03-09T23:59:59Z'))).toBe('2025-03-03'); // a Sunday
    expect(weekOf(new Date('2025-03-10T00:00:00Z'))).toBe('2025-03-10');
  });
});
