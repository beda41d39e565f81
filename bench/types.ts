/** What every bench module returns from its default export; bench/run.ts collects these into results/latest.json. */
export interface BenchResult {
  name: string;
  /** Against the bench's own target; null when the bench has no target. */
  pass: boolean | null;
  /** Human-readable lines printed by run.ts. */
  summary: string;
  /** Machine-readable figures, written as JSON. */
  metrics: Record<string, unknown>;
}
