// An approved (or auto-sent) draft whose public reply the outbox gave up on: Zendesk refused it or failed every one
// of OUTBOX_MAX_ATTEMPTS, and its row is a dead letter (docs/operations.md, "Dead letters"). The draft stays
// `approved` (an admin may still send it), so its card would say "posting" forever: the queue reads the reply's
// outbox row to tell the agent it was not posted, why, since when, and what to do.
import type { Config } from '../config.js';
import type { DraftRow, Store } from '../store/types.js';

export interface ReplyFailure {
  /** The dead outbox row (an admin retries it by this id). */
  outboxId: number;
  attempts: number;
  /** The row's last error, shortened and without credentials (failureReason). */
  reason: string;
  /** When the sender gave up (its `outbox.dead` audit entry); null if that entry is missing (a crash in between). */
  at: Date | null;
}

/** At most this many characters of the error on a card: enough for "Zendesk answered 500 to PUT …: <description>". */
export const REASON_MAX = 200;

/** Every secret value the configuration holds: none of them may reach a page, whatever an error message carries. */
export function configuredSecrets(c: Config): string[] {
  return [
    c.zendesk.api?.token,
    ...c.zendesk.webhookSecrets,
    c.adminToken,
    c.slack?.signingSecret,
    c.slack?.botToken,
    c.review.sessionSecret,
    c.zendeskApp?.sessionSecret,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/**
 * An outbox error made fit for an agent's page: configured secrets, HTTP credentials (`Bearer …`, `Basic …`), a URL's
 * user:password and Slack tokens are replaced by [redacted]; whitespace is folded and the text cut to REASON_MAX.
 * Pure; HTML escaping is the page's (html``).
 */
export function failureReason(message: string, secrets: readonly string[]): string {
  let s = message;
  for (const secret of secrets) s = s.split(secret).join('[redacted]');
  s = s
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/\/\/[^/\s@]+@/g, '//[redacted]@')
    .replace(/\bxox[a-z]-[A-Za-z0-9-]+/g, '[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > REASON_MAX ? `${s.slice(0, REASON_MAX - 1)}…` : s;
}

/** The dead public replies among `drafts`, by draft id (one query for the page, one more per dead reply). */
export async function replyFailures(store: Store, drafts: readonly DraftRow[], secrets: readonly string[]): Promise<Map<number, ReplyFailure>> {
  const found = new Map<number, ReplyFailure>();
  const waiting = drafts.filter((d) => d.state === 'approved' || d.state === 'auto').map((d) => d.id);
  if (!waiting.length) return found;
  const rows = await store.listOutbox({ states: ['dead'], kinds: ['zendesk.public_reply'], draftIds: waiting, limit: waiting.length });
  for (const row of rows) {
    if (row.draftId === null) continue;
    // Newest first: after a retry that died again, the latest death.
    const audit = await store.listAudit({ draftId: row.draftId, limit: 200 });
    const dead = audit.find((a) => a.action === 'outbox.dead' && a.details.kind === row.kind);
    found.set(row.draftId, { outboxId: row.id, attempts: row.attempts, reason: failureReason(row.lastError ?? 'no error was recorded', secrets), at: dead?.at ?? null });
  }
  return found;
}
