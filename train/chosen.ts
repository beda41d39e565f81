// The feature set and L2 strength of each slot's model, chosen on the validation split with
// `npm run train -- --compare` (bestOption in train-reader.ts: the best accuracy, within one ticket the cheaper option,
// then the lower log-loss), with one exception made for speed: character n-grams. On the 1,603 training tickets of
// v4 the comparison marks words+chars for topic and words+chars+rules for choice, two validation tickets better each
// (a full training with them: branch 263/290 instead of 259), but they cost about 30% more CPU per ticket, and the
// classify + render bench must stay at 2,000 tickets/s (issue 11). Each slot here is the best option without them
// (README "The trained reader", docs/reader.md). Change these only from a new comparison, never from test data.
import type { ModelSlot } from '../src/classify/reader-model.js';

export interface SlotChoice {
  /** A key of FEATURE_OPTIONS (train-reader.ts). */
  features: string;
  l2: number;
}

export const CHOSEN: Record<ModelSlot, SlotChoice> = {
  topic: { features: 'words+rules', l2: 0.0003 },
  directoryService: { features: 'words+rules', l2: 0.0001 },
  usernamesChange: { features: 'words+rules', l2: 0.0003 },
  choice: { features: 'words+rules', l2: 0.0003 },
};
