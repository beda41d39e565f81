// The model's probability of a branch: the slot distributions pushed through the decision table. The slots are
// treated as independent (each has its own model), so P(branch) is the sum of the products over every combination
// of slot values that the decision table maps to that branch.
import { decideBranch } from './decide-branch.js';
import type { ModelSlot } from './reader-model.js';
import type { Branch, Slots } from './types.js';

type Distributions = Record<ModelSlot, { classes: string[]; p: number[] }>;

/** Below this a combination cannot change the figure at two decimals; skipping it keeps the loop short. */
const NEGLIGIBLE = 1e-5;

export function branchProbability(d: Distributions, branch: Branch): number {
  const slots = { product: 'unknown', language: 'en' } as unknown as Record<string, string>;
  let total = 0;
  const t = d.topic;
  for (let i = 0; i < t.classes.length; i++) {
    const pt = t.p[i]!;
    if (pt < NEGLIGIBLE) continue;
    slots.topic = t.classes[i]!;
    if (slots.topic === 'off-topic') {
      if (branch === 'off-topic') total += pt;
      continue;
    }
    for (let j = 0; j < d.choice.classes.length; j++) {
      const pc = pt * d.choice.p[j]!;
      if (pc < NEGLIGIBLE) continue;
      slots.choice = d.choice.classes[j]!;
      if (slots.choice !== 'undecided') {
        if (decideBranch(slots as unknown as Slots) === branch) total += pc;
        continue;
      }
      for (let k = 0; k < d.directoryService.classes.length; k++) {
        const pd = pc * d.directoryService.p[k]!;
        if (pd < NEGLIGIBLE) continue;
        slots.directoryService = d.directoryService.classes[k]!;
        for (let l = 0; l < d.usernamesChange.classes.length; l++) {
          const pn = pd * d.usernamesChange.p[l]!;
          slots.usernamesChange = d.usernamesChange.classes[l]!;
          if (decideBranch(slots as unknown as Slots) === branch) total += pn;
        }
      }
    }
  }
  return Math.min(1, total);
}
