// Which storage errors mean "the database is gone" (fail every caller at once, retrying row by row would only repeat
// the outage) and which belong to one row (retry the batch's rows one by one, so only the bad one fails). Anything
// not recognised as a lost connection counts as a row's fault: a wrong guess costs a few single-row retries, while
// the opposite guess failed 67 of 100 good deliveries beside 5 bad ones (issue 12).
// SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
const LOST_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const LOST_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const LOST_MESSAGE = /connection terminated|connection error|not queryable|client was closed|database is closed|pglite is closed|timeout exceeded when trying to connect/i;

export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = String(e?.code ?? '');
  if (LOST_SQLSTATE.test(code) || LOST_ERRNO.has(code)) return true;
  return LOST_MESSAGE.test(String(e?.message ?? ''));
}
