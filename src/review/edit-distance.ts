// Pure: how much of a draft an agent changed before approving. Word-level Levenshtein distance divided by the
// longer text's word count: 0 = sent as drafted, 1 = nothing of the draft left. Words (not characters) so a
// re-worded sentence counts as what it is and long replies stay cheap: the common start and end are cut off
// first (agents mostly change a middle part) and the DP keeps two rows.

const MAX_CELLS = 4_000_000;

export const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

export function levenshtein<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length < b.length) return levenshtein(b, a);
  let prev = new Uint32Array(b.length + 1).map((_, j) => j);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** The distance after removing the common prefix and suffix; an upper bound (every token changed) if still huge. */
function distance<T>(a: readonly T[], b: readonly T[]): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (restA.length * restB.length > MAX_CELLS) return Math.max(restA.length, restB.length);
  return levenshtein(restA, restB);
}

/** 0..1 (see above). */
export function editRatio(draft: string, edited: string): number {
  const a = words(draft);
  const b = words(edited);
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : distance(a, b) / longest;
}
