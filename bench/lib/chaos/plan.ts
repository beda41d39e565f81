// What a chaos run will do, decided up front from a seed: how many tickets, which get a customer follow-up, which an
// agent approval (disjoint sets, so every expectation is exact), and how many re-deliveries make up the duplicates.
export interface ChaosPlanOptions {
  /** Total webhook deliveries, duplicates included. */
  deliveries: number;
  /** Share of deliveries that are re-deliveries of an earlier one (same invocation id). */
  duplicateShare: number;
  /** Per ticket: chance of a customer follow-up, and of an agent approval. */
  followUpShare: number;
  approvalShare: number;
}

export interface ChaosPlan {
  tickets: number;
  followUps: Set<number>;
  approvals: Set<number>;
  /** Chance that a unique delivery is re-delivered once more. */
  duplicateChance: number;
}

/** Ticket indexes 0..tickets-1; `random` decides membership so a seed repeats a run. */
export function planChaos(o: ChaosPlanOptions, random: () => number): ChaosPlan {
  const unique = Math.round(o.deliveries * (1 - o.duplicateShare));
  // unique = tickets × (1 + followUpShare + approvalShare)
  const tickets = Math.max(1, Math.round(unique / (1 + o.followUpShare + o.approvalShare)));
  const followUps = new Set<number>();
  const approvals = new Set<number>();
  for (let i = 0; i < tickets; i++) {
    const r = random();
    if (r < o.followUpShare) followUps.add(i);
    else if (r < o.followUpShare + o.approvalShare) approvals.add(i);
  }
  return { tickets, followUps, approvals, duplicateChance: o.duplicateShare / (1 - o.duplicateShare) };
}
