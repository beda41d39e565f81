// The storage contract every part codes against. Two adapters implement `Sql` (embedded PGlite, PostgreSQL via pg);
// `Store` is the repository on top of it. Every state change that two doors or two instances could race on is one
// SQL statement that checks the old state (`UPDATE … WHERE state = … RETURNING …`).
import type { Branch, Classification, Evidence, Language, Product, Slots, Thread } from '../classify/types.js';

export interface Sql {
  readonly kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn in one transaction (BEGIN … COMMIT, ROLLBACK on throw). Nested calls reuse the outer transaction. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** True when this call chain runs inside a transaction (statements then join it). */
  inTx(): boolean;
  close(): Promise<void>;
}

// ---------- inbound events (webhook deliveries and reconcile finds) ----------
export type EventState = 'pending' | 'processing' | 'done' | 'failed';
export interface NewEvent {
  /** Dedupe key: invocation id, event id, or `ticket:<id>:comment:<id>` (see zendesk/event-key.ts). */
  key: string;
  source: 'webhook' | 'reconcile' | 'slack' | 'review';
  ticketId: string;
  type: string;
  payload: unknown;
}
export interface EventRow extends NewEvent {
  id: number;
  state: EventState;
  attempts: number;
  receivedAt: Date;
  lockedUntil: Date | null;
  lastError: string | null;
}

// ---------- drafts ----------
export type DraftState = 'pending' | 'approved' | 'posted' | 'rejected' | 'superseded' | 'auto';
export type Door = 'zendesk' | 'slack' | 'review' | 'auto';
export interface NewDraft {
  ticketId: string;
  /** What the draft answers: the id of the latest customer comment it was built from. */
  ticketVersion: string;
  inputHash: string;
  thread: Thread;
  classification: Classification;
  templateId: string;
  templateVersion: string;
  text: string;
  /** Set when this draft is an agent's correction of that draft's reading (same customer statement). */
  correctedFrom?: number | null;
}
export interface DraftRow {
  id: number;
  ticketId: string;
  ticketVersion: string;
  state: DraftState;
  branch: Branch;
  language: Language;
  product: Product;
  confidence: number;
  autoSendEligible: boolean;
  slots: Slots;
  evidence: Evidence[];
  thread: Thread;
  inputHash: string;
  templateId: string;
  templateVersion: string;
  text: string;
  /** The text an approver edited before approving; null when approved as drafted. */
  editedText: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  door: Door | null;
  reason: string | null;
  postedAt: Date | null;
  supersededBy: number | null;
  /** The draft whose reading this draft corrects (null for drafts the classifier made). */
  correctedFrom: number | null;
}

// ---------- outbox ----------
export type OutboxKind =
  | 'zendesk.note'
  | 'zendesk.public_reply'
  | 'zendesk.tags'
  | 'slack.card'
  | 'slack.card_update';
export type OutboxState = 'pending' | 'claimed' | 'sent' | 'dead';
export interface NewOutbox {
  /** Unique: a second enqueue with the same key is a no-op (returns false). */
  idempotencyKey: string;
  kind: OutboxKind;
  ticketId: string;
  draftId?: number | null;
  payload: Record<string, unknown>;
  /** Earliest send time; default now. */
  notBefore?: Date;
}
export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  kind: OutboxKind;
  ticketId: string;
  draftId: number | null;
  payload: Record<string, unknown>;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastError: string | null;
  result: Record<string, unknown> | null;
  createdAt: Date;
  sentAt: Date | null;
}

// ---------- audit ----------
export interface AuditEntry {
  action: string; // e.g. event.received, draft.created, draft.superseded, draft.approved, outbox.sent, outbox.dead
  ticketId?: string | null;
  draftId?: number | null;
  eventKey?: string | null;
  actor?: string | null;
  details?: Record<string, unknown>;
}
export interface AuditRow extends Required<Omit<AuditEntry, 'details'>> {
  id: number;
  at: Date;
  details: Record<string, unknown>;
}

// ---------- labels (what agents' decisions say the right reading was) ----------
export type LabelOutcome = 'confirmed' | 'corrected' | 'unknown';
/** The seven fields of a corpus label: the six slots and the branch. */
export interface TrueReading extends Slots {
  branch: Branch;
}
/** What the classifier read when it made the draft. */
export interface Reading {
  slots: Slots;
  branch: Branch;
  confidence: number;
  autoSendEligible: boolean;
}
export interface NewLabel {
  /** The draft the classifier made (never a corrected draft: a correction updates its original's label). */
  draftId: number;
  ticketId: string;
  outcome: LabelOutcome;
  /** The thread exactly as the classifier saw it; null when LABEL_RETENTION_DAYS is 0. */
  thread: Thread | null;
  reading: Reading;
  /** The right reading: the reading itself when confirmed, the agent's when corrected, null when unknown. */
  labels: TrueReading | null;
  /** The draft had been sent to the customer with no human (auto-send). */
  autoSent: boolean;
  actor: string;
  door: Exclude<Door, 'auto'>;
  templateId: string;
  templateVersion: string;
  decidedAt: Date;
}
export interface LabelRow extends NewLabel {
  id: number;
  /** When the thread was purged (retention) or erased on request; null while it is kept. */
  textErasedAt: Date | null;
}
export interface LabelFilter {
  since?: Date;
  until?: Date;
  ticketId?: string;
  /** Only rows that still hold their thread (exports). */
  withText?: boolean;
  /** Rows with id greater than this (paging). */
  afterId?: number;
  limit?: number;
}

export interface DraftFilter {
  states?: DraftState[];
  branch?: Branch;
  language?: Language;
  ticketId?: string;
  limit?: number;
}

export interface Store {
  readonly sql: Sql;
  // events
  insertEvent(e: NewEvent, now: Date): Promise<boolean>; // false = duplicate key, nothing stored
  claimEvents(worker: string, limit: number, leaseMs: number, now: Date): Promise<EventRow[]>;
  finishEvent(id: number, outcome: { ok: true } | { ok: false; error: string; retryAt: Date | null }): Promise<void>;
  countEvents(state?: EventState): Promise<number>;
  // drafts
  /**
   * Inserts a pending draft and, in the same transaction, marks older pending drafts of the ticket superseded by it
   * (and names it the successor of superseded drafts that have none yet).
   */
  createDraft(d: NewDraft, now: Date, state?: 'pending' | 'auto'): Promise<{ draft: DraftRow; superseded: DraftRow[] }>;
  getDraft(id: number): Promise<DraftRow | null>;
  /** The newest draft of a ticket in any state (null if none). */
  latestDraft(ticketId: string): Promise<DraftRow | null>;
  findDraftByInput(ticketId: string, inputHash: string): Promise<DraftRow | null>;
  listDrafts(f: DraftFilter): Promise<DraftRow[]>;
  /** Atomic state change: only rows whose state is in `from` change; returns the changed row or null. */
  transitionDraft(
    id: number,
    from: DraftState[],
    to: DraftState,
    fields: Partial<Pick<DraftRow, 'decidedAt' | 'decidedBy' | 'door' | 'reason' | 'editedText' | 'postedAt' | 'supersededBy'>>,
  ): Promise<DraftRow | null>;
  // labels
  /**
   * Stores the label of a decided draft. 'first' keeps an existing label (an approval after a correction does not
   * turn it back into a confirmation); 'replace' overwrites it (a later correction wins). True when written.
   */
  recordLabel(l: NewLabel, mode: 'first' | 'replace'): Promise<boolean>;
  getLabel(draftId: number): Promise<LabelRow | null>;
  /** Oldest first. Threads are read only with withText (exports); analytics never need them. */
  listLabels(f: LabelFilter & { includeThread?: boolean }): Promise<LabelRow[]>;
  /** Retention: drops the thread of labels decided before `before`. Returns how many were purged. */
  purgeLabelText(before: Date, now: Date): Promise<number>;
  /** Erasure on request: every stored customer text of the ticket (labels, drafts, sent outbox payloads). */
  eraseTicketText(ticketId: string, now: Date): Promise<{ labels: number; drafts: number; outbox: number }>;
  // outbox
  enqueue(o: NewOutbox, now: Date): Promise<boolean>;
  claimOutbox(worker: string, limit: number, leaseMs: number, now: Date): Promise<OutboxRow[]>;
  /**
   * True while the claim that handed out `row` is still the row's latest: nobody claimed it again since (which
   * happens once the lease ran out, even while its holder is still at work) and it was not finished or given back.
   */
  holdsClaim(row: Pick<OutboxRow, 'id' | 'claimedBy' | 'attempts'>): Promise<boolean>;
  markSent(id: number, result: Record<string, unknown>, now: Date): Promise<void>;
  /** Back to pending for a later attempt; only while `row`'s claim is still the row's (see holdsClaim). */
  markRetry(row: Pick<OutboxRow, 'id' | 'claimedBy' | 'attempts'>, error: string, nextAttemptAt: Date): Promise<void>;
  /** Dead-lettered; only while `row`'s claim is still the row's. */
  markDead(row: Pick<OutboxRow, 'id' | 'claimedBy' | 'attempts'>, error: string, now: Date): Promise<void>;
  /** Gives a dead letter a fresh set of attempts, due now (an admin fixed the cause). Null unless the row was dead. */
  reviveOutbox(id: number, now: Date): Promise<OutboxRow | null>;
  /** reviveOutbox for every row that is dead at this moment (one statement: rows dying again meanwhile stay dead). */
  reviveAllDeadOutbox(now: Date): Promise<OutboxRow[]>;
  /** Gives claimed rows of this worker back (graceful shutdown). */
  releaseClaims(worker: string): Promise<number>;
  /** Newest first. `kinds` and `draftIds` narrow it to those rows (e.g. the public replies of the drafts on a page). */
  listOutbox(f: { states?: OutboxState[]; kinds?: OutboxKind[]; draftIds?: number[]; limit?: number }): Promise<OutboxRow[]>;
  outboxStats(now: Date): Promise<{ pending: number; claimed: number; dead: number; oldestPendingAgeMs: number | null }>;
  // audit and small state
  audit(e: AuditEntry, now: Date): Promise<void>;
  listAudit(f: { ticketId?: string; draftId?: number; limit?: number }): Promise<AuditRow[]>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * Runs fn in one transaction with a Store bound to it (every method of that Store runs inside the transaction).
   * Nested calls join the outer transaction. Added for drafts/approve-draft.ts: transition + outbox + audit commit
   * together or not at all.
   */
  withTx<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
