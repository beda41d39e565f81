// snake_case columns → the camelCase row types. Adapters already return ids/counts as numbers, timestamps as Date
// and jsonb as parsed values; the mappers only rename and narrow.
import type { Branch, Evidence, Language, Product, Slots, Thread } from '../classify/types.js';
import type {
  AuditRow,
  DraftRow,
  DraftState,
  Door,
  EventRow,
  EventState,
  LabelOutcome,
  LabelRow,
  NewEvent,
  Reading,
  TrueReading,
  OutboxKind,
  OutboxRow,
  OutboxState,
} from './types.js';

export type Raw = Record<string, unknown>;

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v == null ? null : date(v));
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v == null ? null : String(v));
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

export const toEvent = (r: Raw): EventRow => ({
  id: num(r.id),
  key: str(r.key),
  source: r.source as NewEvent['source'],
  ticketId: str(r.ticket_id),
  type: str(r.type),
  payload: r.payload,
  state: r.state as EventState,
  attempts: num(r.attempts),
  receivedAt: date(r.received_at),
  lockedUntil: dateOrNull(r.locked_until),
  lastError: strOrNull(r.last_error),
});

export const toDraft = (r: Raw): DraftRow => ({
  id: num(r.id),
  ticketId: str(r.ticket_id),
  ticketVersion: str(r.ticket_version),
  state: r.state as DraftState,
  branch: r.branch as Branch,
  language: r.language as Language,
  product: r.product as Product,
  confidence: num(r.confidence),
  autoSendEligible: r.auto_send_eligible === true,
  slots: r.slots as Slots,
  evidence: r.evidence as Evidence[],
  thread: r.thread as Thread,
  inputHash: str(r.input_hash),
  templateId: str(r.template_id),
  templateVersion: str(r.template_version),
  text: str(r.text),
  editedText: strOrNull(r.edited_text),
  createdAt: date(r.created_at),
  decidedAt: dateOrNull(r.decided_at),
  decidedBy: strOrNull(r.decided_by),
  door: (r.door ?? null) as Door | null,
  reason: strOrNull(r.reason),
  postedAt: dateOrNull(r.posted_at),
  supersededBy: numOrNull(r.superseded_by),
  correctedFrom: numOrNull(r.corrected_from),
});

export const toLabel = (r: Raw): LabelRow => ({
  id: num(r.id),
  draftId: num(r.draft_id),
  ticketId: str(r.ticket_id),
  outcome: r.outcome as LabelOutcome,
  thread: (r.thread ?? null) as Thread | null,
  reading: r.reading as Reading,
  labels: (r.labels ?? null) as TrueReading | null,
  autoSent: r.auto_sent === true,
  actor: str(r.actor),
  door: r.door as LabelRow['door'],
  templateId: str(r.template_id),
  templateVersion: str(r.template_version),
  decidedAt: date(r.decided_at),
  textErasedAt: dateOrNull(r.text_erased_at),
});

export const toOutbox = (r: Raw): OutboxRow => ({
  id: num(r.id),
  idempotencyKey: str(r.idempotency_key),
  kind: r.kind as OutboxKind,
  ticketId: str(r.ticket_id),
  draftId: numOrNull(r.draft_id),
  payload: (r.payload ?? {}) as Record<string, unknown>,
  state: r.state as OutboxState,
  attempts: num(r.attempts),
  nextAttemptAt: date(r.next_attempt_at),
  claimedBy: strOrNull(r.claimed_by),
  claimedUntil: dateOrNull(r.claimed_until),
  lastError: strOrNull(r.last_error),
  result: (r.result ?? null) as Record<string, unknown> | null,
  createdAt: date(r.created_at),
  sentAt: dateOrNull(r.sent_at),
});

export const toAudit = (r: Raw): AuditRow => ({
  id: num(r.id),
  at: date(r.at),
  action: str(r.action),
  ticketId: strOrNull(r.ticket_id),
  draftId: numOrNull(r.draft_id),
  eventKey: strOrNull(r.event_key),
  actor: strOrNull(r.actor),
  details: (r.details ?? {}) as Record<string, unknown>,
});

/** jsonb parameters go in as JSON text with an explicit ::jsonb cast: pg would turn a JS array into a SQL array. */
export const json = (v: unknown): string => JSON.stringify(v ?? null);

export const byId = <T extends { id: number }>(rows: T[]): T[] => rows.sort((a, b) => a.id - b.id);

/** List endpoints: a default page, never more than 1000 rows in one answer. */
export const clampLimit = (limit: number | undefined, fallback = 100): number =>
  Math.min(Math.max(Math.trunc(limit ?? fallback) || fallback, 1), 1000);
