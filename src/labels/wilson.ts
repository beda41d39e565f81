// Wilson score interval (Wilson 1927; e.g. https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval):
// unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and says something useful for 10 of 10 (lower bound 0.72, not 1).
export const Z95 = 1.959963984540054;

/** Lower bound of the two-sided 95 % Wilson interval for `successes` of `n`; null when n is 0. */
export function wilsonLower(successes: number, n: number, z = Z95): number | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}
