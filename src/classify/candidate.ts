// A candidate is one reading of one slot from one place in the thread. resolve() turns the candidates of a slot
// into its value: the customer's own words beat forwarded text, the latest message beats earlier ones, and inside a
// message the surest reading (then the last one) wins.
import type { Message, Source } from './thread-view.js';
import type { Evidence, SlotName, Slots } from './types.js';

export type CandidateSource = Source | 'agent-context';

export interface Candidate<S extends SlotName = SlotName> {
  slot: S;
  value: Slots[S];
  rule: string;
  message: Message;
  start: number;
  end: number;
  confidence: number;
  source: CandidateSource;
}

/** Lower confidence for text the customer forwarded or that needed the agent's question to make sense. */
const SOURCE_FACTOR: Record<CandidateSource, number> = { own: 1, signature: 0.9, forwarded: 0.6, 'agent-context': 0.65 };

export function makeCandidate<S extends SlotName>(
  slot: S,
  value: Slots[S],
  rule: string,
  message: Message,
  start: number,
  end: number,
  confidence: number,
  source: CandidateSource,
): Candidate<S> {
  const c = Math.max(0, Math.min(1, confidence * SOURCE_FACTOR[source]));
  return { slot, value, rule, message, start, end, confidence: Math.round(c * 100) / 100, source };
}

export function toEvidence(c: Candidate): Evidence {
  return {
    slot: c.slot,
    value: String(c.value),
    rule: c.rule,
    where: c.message.where,
    start: c.start,
    end: c.end,
    text: c.message.original.slice(c.start, c.end),
    confidence: c.confidence,
  };
}

export interface Resolved<S extends SlotName> {
  value: Slots[S];
  confidence: number;
  /** The candidates that support the chosen value in the deciding message. */
  support: Candidate<S>[];
  /** Another value was also read in the deciding message. */
  conflict: boolean;
  /** The value rests only on forwarded text or on the agent's question. */
  indirect: boolean;
}

export function resolve<S extends SlotName>(candidates: Candidate<S>[], fallback: Slots[S], fallbackConfidence: number): Resolved<S> {
  if (candidates.length === 0) return { value: fallback, confidence: fallbackConfidence, support: [], conflict: false, indirect: false };
  // Agent-context answers are the customer's own words, only read with the agent's question in mind.
  const direct = candidates.filter((c) => c.source !== 'forwarded');
  const pool = direct.length > 0 ? direct : candidates;
  const latest = Math.max(...pool.map((c) => c.message.order));
  const inLatest = pool.filter((c) => c.message.order === latest);
  let best = inLatest[0]!;
  for (const c of inLatest) if (c.confidence > best.confidence || (c.confidence === best.confidence && c.start >= best.start)) best = c;
  const support = inLatest.filter((c) => c.value === best.value);
  const conflict = inLatest.some((c) => c.value !== best.value);
  const indirect = support.every((c) => c.source === 'forwarded' || c.source === 'agent-context');
  // Independent rules agreeing (a named type and a type statement; a list and a description) add a little.
  const rules = new Set(support.map((c) => c.rule)).size;
  const agreement = Math.min(0.06, 0.03 * (rules - 1));
  const confidence = Math.min(0.98, Math.max(...support.map((c) => c.confidence)) + agreement) * (conflict ? 0.8 : 1);
  return { value: best.value, confidence: Math.round(confidence * 100) / 100, support, conflict, indirect };
}
