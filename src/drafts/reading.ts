// Pure: what an agent's correction means as a reading. Slots from the agent (the same five the Slack picker offers),
// or only a branch (the Zendesk tag): then the classifier's slots change as little as the decision table allows, so
// the label keeps every slot the agent did not contradict.
import { decideBranch } from '../classify/decide-branch.js';
import { BRANCHES, SLOT_NAMES, type Branch, type Classification, type SlotName, type Slots } from '../classify/types.js';
import type { DraftRow, Reading, TrueReading } from '../store/types.js';

export const readingOf = (d: Pick<DraftRow, 'slots' | 'branch' | 'confidence' | 'autoSendEligible'>): Reading => ({
  slots: d.slots,
  branch: d.branch,
  confidence: d.confidence,
  autoSendEligible: d.autoSendEligible,
});

/** A stored (or corrected) reading in the classifier's shape, for tags and notes. Never auto-send eligible. */
export const classificationOf = (d: Pick<DraftRow, 'slots' | 'branch' | 'confidence' | 'evidence'>): Classification => ({
  slots: d.slots,
  branch: d.branch,
  confidence: d.confidence,
  autoSend: false,
  evidence: d.evidence,
});

export const trueReading = (slots: Slots): TrueReading => ({ ...slots, branch: decideBranch(slots) });

export const isBranch = (v: unknown): v is Branch => typeof v === 'string' && (BRANCHES as readonly string[]).includes(v);

/** Slots whose value differs between the reading and the right one. */
export const changedSlots = (a: Slots, b: Slots): SlotName[] => SLOT_NAMES.filter((s) => a[s] !== b[s]);

export type BranchSlots = { ok: true; slots: Slots } | { ok: false; message: string };

/**
 * The smallest change to `read` whose decision-table branch is `branch`. Fails only where the table cannot tell
 * without a fact nobody gave: modern-direct and rename-or-hybrid need a known Directory Services type.
 */
export function slotsForBranch(read: Slots, branch: Branch): BranchSlots {
  const base: Slots = { ...read, topic: 'm365-conversion' };
  if (decideBranch(base) === branch && read.topic !== 'off-topic') return { ok: true, slots: base };
  const m365 = read.directoryService === 'm365-basic' || read.directoryService === 'm365-modern';
  let slots: Slots;
  switch (branch) {
    case 'off-topic':
      slots = { ...read, topic: 'off-topic', choice: 'undecided' };
      break;
    case 'rename':
    case 'hybrid':
      slots = { ...base, choice: branch };
      break;
    case 'full-guide':
      slots = { ...base, choice: 'undecided', directoryService: 'unknown' };
      break;
    case 'modern-direct':
    case 'rename-or-hybrid':
      if (read.directoryService === 'unknown') {
        return { ok: false, message: `${branch} depends on the Directory Services type, which the ticket does not state; give the type (review page or Slack) instead of only the branch.` };
      }
      slots = { ...base, choice: 'undecided', usernamesChange: branch === 'modern-direct' ? 'no' : m365 || read.usernamesChange === 'no' ? 'yes' : read.usernamesChange };
      break;
  }
  // The table is the judge: if these rules and decideBranch ever disagree, refuse rather than store a wrong label.
  if (decideBranch(slots) !== branch) return { ok: false, message: `no reading leads to ${branch} from this ticket's slots.` };
  return { ok: true, slots };
}
