// How sure the branch is: the weakest of the slots the branch depends on. A slot read from forwarded text or only
// through the agent's question already carries a lower confidence (candidate.ts), and a conflict inside the
// deciding message lowers it further (resolve()).
import type { Branch, SlotName, Slots } from './types.js';

export interface SlotReading {
  confidence: number;
  /** Rests only on forwarded text or on an agent's question. */
  indirect: boolean;
  conflict: boolean;
  /** Set from text (false: the default because nothing was said). */
  fromText: boolean;
}
export type Readings = Record<SlotName, SlotReading>;

/**
 * The slots whose value decides the branch. full-guide depends on the topic alone: it is the complete answer
 * for every directory type, so a directory type we failed to read makes it longer, not wrong.
 */
export function branchDependencies(branch: Branch, slots: Slots): SlotName[] {
  switch (branch) {
    case 'off-topic':
    case 'full-guide':
      return ['topic'];
    case 'rename':
    case 'hybrid':
      return ['topic', 'choice'];
    case 'modern-direct': {
      const m365 = slots.directoryService === 'm365-basic' || slots.directoryService === 'm365-modern';
      // Row 5: Microsoft 365 with usernames not stated is modern-direct without knowing the usernames.
      return m365 && slots.usernamesChange === 'unknown' ? ['topic', 'directoryService'] : ['topic', 'directoryService', 'usernamesChange'];
    }
    case 'rename-or-hybrid':
      return ['topic', 'directoryService', 'usernamesChange'];
  }
}

export function overallConfidence(branch: Branch, slots: Slots, readings: Readings): number {
  const deps = branchDependencies(branch, slots);
  let c = Math.min(...deps.map((d) => readings[d].confidence));
  // Branches reached because something was NOT said are only as sure as the silence.
  if (branch === 'full-guide') c = Math.min(c, readings.directoryService.confidence, readings.choice.confidence);
  if (branch === 'rename-or-hybrid' || branch === 'modern-direct') c = Math.min(c, readings.choice.confidence);
  return Math.round(Math.max(0, Math.min(1, c)) * 100) / 100;
}
