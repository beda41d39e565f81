// Pure: the reader's real accuracy from agents' decisions. Counted on labelled tickets (confirmed or corrected;
// "reading unknown" is neither right nor wrong and only counted as such). Per slot, a label is confirmed when the
// agent's value equals what the classifier read; per branch (the branch the classifier chose), when the branch
// is right. These are exactly `m365-guide eval`'s slot and branch accuracy on the exported tickets, as long as the
// classifier is the version that read them.
import { BRANCHES, SLOT_NAMES, type Branch, type SlotName } from '../classify/types.js';
import type { LabelRow } from '../store/types.js';
import { wilsonLower } from './wilson.js';

export type LabelFacts = Pick<LabelRow, 'draftId' | 'outcome' | 'reading' | 'labels' | 'autoSent' | 'decidedAt'>;

export interface Tally {
  confirmed: number;
  corrected: number;
  /** confirmed / (confirmed + corrected); null with nothing labelled. */
  accuracy: number | null;
}

export interface AutoSendPrecision {
  /** Replies sent with no human in the window. */
  sent: number;
  /** … whose reading an agent corrected afterwards. */
  corrected: number;
  precision: number | null;
  /** Lower bound of the 95 % Wilson interval of the precision. */
  lower95: number | null;
}

export interface ReadingAccuracy {
  labelled: number;
  unknown: number;
  branch: Tally;
  perSlot: Record<SlotName, Tally>;
  perBranch: Array<Tally & { branch: Branch }>;
  /** Corrected branches only: what the classifier chose → what the agent said. */
  confusion: Array<{ from: Branch; to: Branch; count: number }>;
  /** Monday (UTC) of each week with labels, oldest first. */
  weeks: Array<Tally & { week: string }>;
  autoSend: AutoSendPrecision;
}

const tally = (confirmed: number, corrected: number): Tally => ({
  confirmed,
  corrected,
  accuracy: confirmed + corrected === 0 ? null : confirmed / (confirmed + corrected),
});

/** The Monday (UTC) of the week `d` falls in, as YYYY-MM-DD. */
export function weekOf(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

export function readingAccuracy(labels: readonly LabelFacts[], autoSentDraftIds: readonly number[]): ReadingAccuracy {
  const judged = labels.filter((l) => l.outcome !== 'unknown' && l.labels !== null);
  const right = (l: LabelFacts) => l.labels!.branch === l.reading.branch;
  const count = (xs: readonly LabelFacts[], ok: (l: LabelFacts) => boolean) => {
    const c = xs.filter(ok).length;
    return tally(c, xs.length - c);
  };

  const perSlot = Object.fromEntries(SLOT_NAMES.map((s) => [s, count(judged, (l) => l.labels![s] === l.reading.slots[s])])) as Record<SlotName, Tally>;
  const perBranch = BRANCHES.map((branch) => ({ branch, ...count(judged.filter((l) => l.reading.branch === branch), right) }));

  const pairs = new Map<string, { from: Branch; to: Branch; count: number }>();
  for (const l of judged) {
    if (right(l)) continue;
    const key = `${l.reading.branch}>${l.labels!.branch}`;
    const p = pairs.get(key) ?? { from: l.reading.branch, to: l.labels!.branch, count: 0 };
    p.count++;
    pairs.set(key, p);
  }

  const byWeek = new Map<string, LabelFacts[]>();
  for (const l of judged) {
    const w = weekOf(l.decidedAt);
    byWeek.set(w, [...(byWeek.get(w) ?? []), l]);
  }

  const sent = new Set(autoSentDraftIds);
  const wrongAuto = new Set(labels.filter((l) => l.autoSent && l.outcome === 'corrected' && sent.has(l.draftId)).map((l) => l.draftId)).size;
  const good = sent.size - wrongAuto;

  return {
    labelled: judged.length,
    unknown: labels.length - judged.length,
    branch: count(judged, right),
    perSlot,
    perBranch,
    confusion: [...pairs.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    weeks: [...byWeek.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, xs]) => ({ week, ...count(xs, right) })),
    autoSend: { sent: sent.size, corrected: wrongAuto, precision: sent.size ? good / sent.size : null, lower95: wilsonLower(good, sent.size) },
  };
}
