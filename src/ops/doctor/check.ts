// `m365-guide doctor` and GET /admin/doctor: each check is one line, its verdict and, unless it passed, what to do.
// Pure formatting here; the checks themselves live beside this file, one integration per file.
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  /** Stable id, e.g. `zendesk.role`, so scripts and tests can find a line. */
  id: string;
  status: CheckStatus;
  /** What was found, in one sentence. */
  summary: string;
  /** What to do about it (absent when nothing needs doing). */
  action?: string;
}

export const check = (id: string, status: CheckStatus, summary: string, action?: string): Check => ({ id, status, summary, ...(action ? { action } : {}) });

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

/** One line per check: `FAIL zendesk.role: … → what to do`. */
export function formatChecks(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.id.length), 0);
  return checks.map((c) => `${MARK[c.status]} ${c.id.padEnd(width)}  ${c.summary}${c.action ? ` → ${c.action}` : ''}`).join('\n') + '\n';
}

/** 0 when nothing failed (warnings and skips included), 1 otherwise. */
export function exitCode(checks: Check[]): number {
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}
