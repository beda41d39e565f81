import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editRatio } from '../../src/review/edit-distance.js';

describe('editRatio', () => {
  it('is 0 for an unchanged draft and 1 for a rewrite', () => {
    expect(editRatio('Hello Anna,\nfollow the guide.', 'Hello Anna,\nfollow the guide.')).toBe(0);
    expect(editRatio('one two three', 'four five six')).toBe(1);
    expect(editRatio('', '')).toBe(0);
  });
  it('counts changed words against the longer text', () => {
    expect(editRatio('a b c d', 'a b x d')).toBe(0.25);
    expect(editRatio('a b c d', 'a b c d e f g h')).toBe(0.5);
  });
  it('ignores whitespace-only changes (CRLF, re-wrapping)', () => {
    expect(editRatio('a b\nc', 'a  b\r\nc ')).toBe(0);
  });
  it('property: within 0..1 and equal to an independent word-level edit distance over the longer text', () => {
    const w = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
    fc.assert(
      fc.property(w, w, (a, b) => {
        const r = editRatio(a.join(' '), b.join(' '));
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
        const longest = Math.max(a.length, b.length);
        expect(r).toBeCloseTo(longest ? referenceDistance(a, b) / longest : 0, 10);
      }),
    );
  });
  it('a long reply with one word changed counts exactly that word', () => {
    // How fast this is: bench/unit-timings.bench.ts; here only that the answer is right.
    const long = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    expect(editRatio(long.join(' '), long.join(' ').replace('w5 ', 'changed '))).toBeCloseTo(1 / 3000, 10);
  });
});

/** The textbook definition (full matrix, insert/delete/substitute cost 1), kept apart from the code under test. */
function referenceDistance(a: readonly string[], b: readonly string[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}
