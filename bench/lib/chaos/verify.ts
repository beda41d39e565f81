// What a chaos run left behind, checked against what a user would notice: one draft (and one private note) per
// customer statement, one public reply per approval, no event lost, and every dead letter explained.
import { OVERTAKEN_REASON } from '../../../src/drafts/supersede-overtaken.js';
import type { FakeZendesk } from '../../../test/fakes/zendesk.js';
import { queryDatabase } from '../postgres.js';
import type { TrafficStats } from './traffic.js';

export interface DeadLetter {
  id: number;
  kind: string;
  ticketId: string;
  attempts: number;
  lastError: string | null;
}

export interface ChaosFindings {
  tickets: number;
  versionsDrafted: number;
  /** (ticket, customer statement) pairs with more than one draft. */
  versionsWithSeveralDrafts: Array<{ ticketId: string; version: string; drafts: number }>;
  /** Private draft notes that arrived in Zendesk more than once for one statement. */
  versionsWithSeveralNotes: Array<{ ticketId: string; version: string; notes: number }>;
  /** Tickets whose latest statement has no draft. */
  latestWithoutDraft: string[];
  /** Tickets whose latest draft has no note in Zendesk, and why. */
  latestWithoutNote: Array<{ ticketId: string; why: string }>;
  notesArrived: number;
  staleNotesDropped: number;
  approvals: number;
  approvalsSkipped: number;
  /** Approved tickets whose customer wrote again before the approval was sent: by design no public reply, the
   *  approver is told by a private note, and the newer statement gets its own draft (issue 12). */
  approvalsOvertaken: number;
  /** Approved tickets and their public reply count (should be 1, or 0 when overtaken and the approver was told), plus
   *  any reply on a ticket nobody approved. */
  repliesNotOne: Array<{ ticketId: string; replies: number; why: string }>;
  publicReplies: number;
  events: { accepted: number; stored: number; done: number; failed: number; unfinished: number; lost: number; failedErrors: string[] };
  deadLetters: Array<DeadLetter & { explanation: string }>;
  unexplainedDeadLetters: number;
}

const MARKER = /m365-guide draft #(\d+)/;

/** Why a row died: every failure the flaky proxy injects has a recognisable error. */
export function explainDeadLetter(lastError: string | null): string | null {
  const e = lastError ?? '';
  if (/\b429\b/.test(e)) return 'rate limited (injected 429 with Retry-After) on the last attempt';
  if (/\b50[0234]\b/.test(e) || /Unexpected token|JSON/.test(e)) return 'Zendesk error (injected 500 / late 504) on the last attempt';
  if (/timeout|aborted|did not answer/i.test(e)) return 'Zendesk did not answer in ZENDESK_TIMEOUT_MS (injected hang) on the last attempt';
  if (/\b409\b|conflict/i.test(e)) return 'safe_update conflict on the last attempt (a concurrent write to the ticket)';
  return null;
}

export async function verifyChaos(o: {
  databaseUrl: string;
  zd: FakeZendesk;
  ticketIds: number[];
  approved: Set<number>;
  approvalsSkipped: number;
  traffic: TrafficStats;
  deadLetters: DeadLetter[];
  maxAttempts: number;
}): Promise<ChaosFindings> {
  const drafts = await queryDatabase<{ id: number; ticket_id: string; ticket_version: string; state: string; reason: string | null }>(
    o.databaseUrl,
    'SELECT id::int, ticket_id, ticket_version, state, reason FROM drafts ORDER BY id',
  );
  const noteRows = await queryDatabase<{ draft_id: number; state: string; result: Record<string, unknown> | null; last_error: string | null }>(
    o.databaseUrl,
    `SELECT draft_id::int, state, result, last_error FROM outbox WHERE kind = 'zendesk.note' AND draft_id IS NOT NULL`,
  );
  const events = await queryDatabase<{ key: string; state: string; last_error: string | null }>(o.databaseUrl, 'SELECT key, state, last_error FROM events');

  // Notes that arrived in Zendesk, by draft id (from the marker in the note).
  const notesByDraft = new Map<number, number>();
  let notesArrived = 0;
  for (const w of o.zd.privateNotes()) {
    const m = MARKER.exec(String(w.comment?.html_body ?? w.comment?.body ?? ''));
    if (!m) continue;
    notesArrived++;
    notesByDraft.set(Number(m[1]), (notesByDraft.get(Number(m[1])) ?? 0) + 1);
  }

  const byVersion = new Map<string, typeof drafts>();
  for (const d of drafts) {
    const k = `${d.ticket_id}:${d.ticket_version}`;
    byVersion.set(k, [...(byVersion.get(k) ?? []), d]);
  }
  const versionsWithSeveralDrafts = [...byVersion.values()].filter((ds) => ds.length > 1).map((ds) => ({ ticketId: ds[0]!.ticket_id, version: ds[0]!.ticket_version, drafts: ds.length }));
  const versionsWithSeveralNotes = [...byVersion.values()]
    .map((ds) => ({ ticketId: ds[0]!.ticket_id, version: ds[0]!.ticket_version, notes: ds.reduce((n, d) => n + (notesByDraft.get(d.id) ?? 0), 0) }))
    .filter((v) => v.notes > 1);

  const noteRowOf = new Map(noteRows.map((r) => [r.draft_id, r]));
  const latestWithoutDraft: string[] = [];
  const latestWithoutNote: ChaosFindings['latestWithoutNote'] = [];
  for (const id of o.ticketIds) {
    const t = o.zd.mustTicket(id);
    const customerComments = t.comments.filter((c) => c.public && c.author_id === t.requester_id);
    const latest = String(customerComments.at(-1)?.id ?? '');
    const ds = byVersion.get(`${id}:${latest}`);
    if (!ds) {
      latestWithoutDraft.push(String(id));
      continue;
    }
    const d = ds.at(-1)!;
    if ((notesByDraft.get(d.id) ?? 0) === 0) {
      const row = noteRowOf.get(d.id);
      const why = !row ? 'no note row' : row.state === 'dead' ? `note dead-lettered: ${row.last_error ?? ''}` : `note row ${row.state}${row.result ? ` ${JSON.stringify(row.result)}` : ''}`;
      latestWithoutNote.push({ ticketId: String(id), why });
    }
  }
  const staleNotesDropped = noteRows.filter((r) => r.state === 'sent' && r.result?.skipped === 'stale').length;

  const repliesNotOne: ChaosFindings['repliesNotOne'] = [];
  let publicReplies = 0;
  const deadReplyTickets = new Set(o.deadLetters.filter((d) => d.kind === 'zendesk.public_reply').map((d) => d.ticketId));
  // An approval the customer overtook (their follow-up reached Zendesk before the reply was sent; on a loaded
  // machine the chaos traffic's follow-ups race its approvals) must post nothing and tell the approver instead.
  const overtakenTickets = new Set(drafts.filter((d) => d.state === 'superseded' && d.reason === OVERTAKEN_REASON).map((d) => d.ticket_id));
  const toldOvertaken = (id: number) =>
    o.zd.privateNotes(id).some((w) => /was approved .*but not sent: the customer wrote again/.test(String(w.comment?.html_body ?? w.comment?.body ?? '')));
  let approvalsOvertaken = 0;
  for (const id of o.ticketIds) {
    const n = o.zd.publicReplies(id).length;
    publicReplies += n;
    const overtaken = o.approved.has(id) && n === 0 && overtakenTickets.has(String(id));
    if (overtaken && toldOvertaken(id)) {
      approvalsOvertaken++;
      continue;
    }
    const expected = o.approved.has(id) ? 1 : 0;
    if (n === expected) continue;
    const why = overtaken
      ? 'overtaken by the customer, but the approver was not told'
      : n < expected && deadReplyTickets.has(String(id))
        ? 'public reply dead-lettered'
        : expected
          ? 'approved'
          : 'not approved';
    repliesNotOne.push({ ticketId: String(id), replies: n, why });
  }

  const stored = new Set(events.map((e) => e.key));
  // `accepted` holds the keys the service stores accepted deliveries under (traffic.ts storedKey).
  const lost = [...o.traffic.accepted].filter((key) => !stored.has(key)).length;
  const failed = events.filter((e) => e.state === 'failed');
  const deadLetters = o.deadLetters.map((d) => ({ ...d, explanation: explainDeadLetter(d.lastError) ?? 'UNEXPLAINED' }));
  return {
    tickets: o.ticketIds.length,
    versionsDrafted: byVersion.size,
    versionsWithSeveralDrafts,
    versionsWithSeveralNotes,
    latestWithoutDraft,
    latestWithoutNote,
    notesArrived,
    staleNotesDropped,
    approvals: o.approved.size,
    approvalsSkipped: o.approvalsSkipped,
    approvalsOvertaken,
    repliesNotOne,
    publicReplies,
    events: {
      accepted: o.traffic.accepted.size,
      stored: events.length,
      done: events.filter((e) => e.state === 'done').length,
      failed: failed.length,
      unfinished: events.filter((e) => e.state === 'pending' || e.state === 'processing').length,
      lost,
      failedErrors: failed.map((e) => e.last_error ?? ''),
    },
    deadLetters,
    unexplainedDeadLetters: deadLetters.filter((d) => d.explanation === 'UNEXPLAINED' || d.attempts < o.maxAttempts).length,
  };
}
