// The feature set and L2 strength of each slot's model, chosen on the validation split with
// `npm run train -- --compare` (bestOption in train-reader.ts: the best accuracy, within one ticket the cheaper option, then the lower log-loss). The comparison is in the README
// ("The trained reader"); change these only from a new comparison, never from test data.
import type { ModelSlot } from '../src/classify/reader-model.js';

export interface SlotChoice {
  /** A key of FEATURE_OPTIONS (train-reader.ts). */
  features: string;
  l2: number;
}

export const CHOSEN: Record<ModelSlot, SlotChoice> = {
  topic: { features: 'words+rules', l2: 0.0003 },
  directoryService: { features: 'words+rules', l2: 0.0003 },
  usernamesChange: { features: 'words+rules', l2: 0.001 },
  choice: { features: 'words+rules', l2: 0.0003 },
};
