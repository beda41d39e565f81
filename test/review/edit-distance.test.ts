import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editRatio, levenshtein } from '../../src/review/edit-distance.js';

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
  it('property: within 0..1 and the trimmed distance equals the plain Levenshtein distance', () => {
    const w = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
    fc.assert(
      fc.property(w, w, (a, b) => {
        const r = editRatio(a.join(' '), b.join(' '));
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
        const longest = Math.max(a.length, b.length);
        expect(r).toBeCloseTo(longest ? levenshtein(a, b) / longest : 0, 10);
      }),
    );
  });
  it('stays fast on long replies', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `w${i % 97}`).join(' ');
    const t = performance.now();
    editRatio(long, long.replace('w5 ', 'changed ').split(' ').reverse().join(' '));
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
