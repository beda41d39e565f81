// "Did our write arrive?" after an ambiguous failure (a timeout, a 5xx, a crash after the PUT). Zendesk stores a
// sanitised form of a comment, so comparing text is unreliable; instead every write carries the outbox row's
// idempotency key as custom metadata, which Zendesk keeps on the audit of that update (≤ 1 kB, only when the update
// changes the ticket). https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#setting-metadata
import type { ZAudit } from './api-types.js';
import type { OutboxRow } from '../store/types.js';

export const WRITE_MARK = 'm365_guide_write';

export const writeMark = (row: Pick<OutboxRow, 'idempotencyKey'>): Record<string, string> => ({ [WRITE_MARK]: row.idempotencyKey });

/** Pure: the audit that carries this row's mark, if Zendesk applied an earlier attempt. */
export function findMarkedAudit(audits: readonly ZAudit[], row: Pick<OutboxRow, 'idempotencyKey'>): ZAudit | null {
  return audits.find((a) => a.metadata?.custom?.[WRITE_MARK] === row.idempotencyKey) ?? null;
}

/**
 * Whether an earlier attempt may have reached Zendesk (then look for the mark before writing again), judged from the
 * row as claimed. It cannot see a later claim of the same row by another instance: send.ts asks the store for that.
 */
export const mayHaveArrived = (row: Pick<OutboxRow, 'attempts' | 'lastError'>): boolean => row.attempts > 1 || row.lastError !== null;
