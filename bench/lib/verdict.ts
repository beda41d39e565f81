// Every figure a bench prints carries its target and PASS/FAIL, so a reader never has to look the target up.
// A figure without a target prints "info" and does not count towards the run's pass/fail.

export interface Target {
  op: '<=' | '>=';
  value: number;
  /** How the target is written for people, e.g. "≥ 50% of bare" or "≤ 10 ms". */
  text: string;
}

export interface Figure {
  label: string;
  value: number;
  /** Already formatted value, e.g. "7,412 req/s". */
  shown: string;
  target: Target | null;
  pass: boolean | null;
}

export function figure(label: string, value: number, shown: string, target: Target | null = null): Figure {
  const pass = target === null ? null : target.op === '<=' ? value <= target.value : value >= target.value;
  return { label, value, shown, target, pass };
}

export const atMost = (value: number, text: string): Target => ({ op: '<=', value, text });
export const atLeast = (value: number, text: string): Target => ({ op: '>=', value, text });

export function line(f: Figure, width = 52): string {
  const verdict = f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL';
  const target = f.target ? `target ${f.target.text}` : '';
  return `  ${f.label.padEnd(width)} ${f.shown.padStart(14)}   ${target.padEnd(26)} ${verdict}`;
}

/** null when no figure has a target; false when any target was missed. */
export function overall(figures: readonly Figure[]): boolean | null {
  const judged = figures.filter((f) => f.pass !== null);
  return judged.length === 0 ? null : judged.every((f) => f.pass);
}
