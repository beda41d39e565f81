// Pure: drafts → how the bot does, per UTC day and per branch. Each event counts on the day it happened: a draft
// on its creation day, an approval or rejection on its decision day, an auto-send on its creation day (it is sent
// at once).
//
// Definitions (also shown on the page):
// - approval: a draft approved by an agent (review page, Slack or Zendesk tag), posted or on its way;
// - edited: approved with text that differs from the draft; "edit" is the word-level edit distance divided by the
//   longer text's word count (0 = unchanged, 100 % = rewritten), see edit-distance.ts;
// - auto-send: a draft the worker sent without an agent (state auto, or posted without an approving door);
// - corrected auto-send: an auto-sent draft after which the same ticket got a newer draft, i.e. the customer wrote
//   again (drafts are only made for new customer statements); "agent stepped in" when that newer draft's thread has
//   more agent comments than the auto-sent one's (the bot's own replies are never part of a thread);
// - time to approve: decision time minus draft creation time; the median of those.
import { BRANCHES, type Branch } from '../classify/types.js';
import type { Door, DraftState } from '../store/types.js';
import { editRatio } from './edit-distance.js';
import { utcDay } from './time-format.js';

export interface AnalyticsDraft {
  id: number;
  ticketId: string;
  state: DraftState;
  branch: Branch;
  door: Door | null;
  createdAt: Date;
  decidedAt: Date | null;
  reason: string | null;
  /** Both texts are present only for drafts approved with edits. */
  text: string | null;
  editedText: string | null;
  /** Agent comments in the draft's thread. */
  agentComments: number;
}

export interface Row {
  drafts: number;
  approved: number;
  edited: number;
  /** Mean edit ratio of the edited approvals (null when none). */
  meanEdit: number | null;
  rejected: number;
  autoSent: number;
  corrected: number;
  medianApproveMs: number | null;
}

export interface Correction {
  draftId: number;
  autoSentAt: Date;
  ticketId: string;
  branch: Branch;
  laterDraftId: number;
  laterBranch: Branch;
  agentSteppedIn: boolean;
}

export interface Analytics {
  days: string[];
  perDay: Array<Row & { day: string }>;
  perBranch: Array<Row & { branch: Branch }>;
  total: Row;
  reasons: Array<{ reason: string; count: number; branch: Branch }>;
  corrections: Correction[];
}

const HUMAN_DOORS: ReadonlySet<Door> = new Set(['review', 'slack', 'zendesk']);

export const isAutoSent = (d: AnalyticsDraft): boolean => d.state === 'auto' || (d.state === 'posted' && (d.door === null || d.door === 'auto'));
export const isApproval = (d: AnalyticsDraft): boolean =>
  (d.state === 'approved' || d.state === 'posted') && d.door !== null && HUMAN_DOORS.has(d.door) && d.decidedAt !== null;

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Every UTC day from `from` to `to`, inclusive. */
export function dayRange(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let t = Date.parse(utcDay(from)); t <= to.getTime(); t += 86_400_000) days.push(utcDay(new Date(t)));
  return days;
}

interface Acc {
  drafts: number;
  approved: number;
  rejected: number;
  autoSent: number;
  corrected: number;
  edits: number[];
  approveMs: number[];
}
const acc = (): Acc => ({ drafts: 0, approved: 0, rejected: 0, autoSent: 0, corrected: 0, edits: [], approveMs: [] });
const row = (a: Acc): Row => ({
  drafts: a.drafts,
  approved: a.approved,
  edited: a.edits.length,
  meanEdit: a.edits.length ? a.edits.reduce((x, y) => x + y, 0) / a.edits.length : null,
  rejected: a.rejected,
  autoSent: a.autoSent,
  corrected: a.corrected,
  medianApproveMs: median(a.approveMs),
});

export function findCorrections(drafts: readonly AnalyticsDraft[]): Correction[] {
  const byTicket = new Map<string, AnalyticsDraft[]>();
  for (const d of drafts) {
    const list = byTicket.get(d.ticketId);
    if (list) list.push(d);
    else byTicket.set(d.ticketId, [d]);
  }
  const out: Correction[] = [];
  for (const d of drafts) {
    if (!isAutoSent(d)) continue;
    const later = (byTicket.get(d.ticketId) ?? []).filter((x) => x.id > d.id).sort((a, b) => a.id - b.id)[0];
    if (!later) continue;
    out.push({ draftId: d.id, autoSentAt: d.createdAt, ticketId: d.ticketId, branch: d.branch, laterDraftId: later.id, laterBranch: later.branch, agentSteppedIn: later.agentComments > d.agentComments });
  }
  return out;
}

export function computeAnalytics(drafts: readonly AnalyticsDraft[], from: Date, to: Date): Analytics {
  const days = dayRange(from, to);
  const inWindow = (t: Date | null): t is Date => t !== null && t >= from && t <= to;
  const perDay = new Map(days.map((d) => [d, acc()]));
  const perBranch = new Map(BRANCHES.map((b) => [b, acc()]));
  const total = acc();
  const corrections = findCorrections(drafts).filter((c) => inWindow(c.autoSentAt));
  const corrected = new Set(corrections.map((c) => c.draftId));
  const reasons = new Map<string, { reason: string; count: number; branches: Map<Branch, number> }>();

  const add = (at: Date, branch: Branch, f: (a: Acc) => void) => {
    for (const a of [perDay.get(utcDay(at)), perBranch.get(branch), total]) if (a) f(a);
  };
  for (const d of drafts) {
    if (inWindow(d.createdAt)) add(d.createdAt, d.branch, (a) => a.drafts++);
    if (inWindow(d.createdAt) && isAutoSent(d)) {
      add(d.createdAt, d.branch, (a) => {
        a.autoSent++;
        if (corrected.has(d.id)) a.corrected++;
      });
    }
    if (isApproval(d) && inWindow(d.decidedAt)) {
      const edit = d.text !== null && d.editedText !== null ? editRatio(d.text, d.editedText) : null;
      const waited = d.decidedAt.getTime() - d.createdAt.getTime();
      add(d.decidedAt, d.branch, (a) => {
        a.approved++;
        a.approveMs.push(waited);
        if (edit !== null) a.edits.push(edit);
      });
    }
    if (d.state === 'rejected' && inWindow(d.decidedAt)) {
      add(d.decidedAt, d.branch, (a) => a.rejected++);
      const text = (d.reason ?? '').trim() || '(no reason)';
      const key = text.toLowerCase();
      const r = reasons.get(key) ?? { reason: text, count: 0, branches: new Map<Branch, number>() };
      r.count++;
      r.branches.set(d.branch, (r.branches.get(d.branch) ?? 0) + 1);
      reasons.set(key, r);
    }
  }
  return {
    days,
    perDay: days.map((day) => ({ day, ...row(perDay.get(day)!) })),
    perBranch: BRANCHES.map((branch) => ({ branch, ...row(perBranch.get(branch)!) })),
    total: row(total),
    reasons: [...reasons.values()]
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
      .map((r) => ({ reason: r.reason, count: r.count, branch: [...r.branches].sort((a, b) => b[1] - a[1])[0]![0] })),
    corrections,
  };
}
