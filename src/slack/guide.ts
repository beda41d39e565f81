// From a description (slash-command words or picker choices) to the guide a customer with that setup would get.
// Same classifier, same decision table and same templates as a Zendesk draft, so Slack never disagrees with the
// draft on a ticket that says the same thing.
import { classify, decideBranch } from '../classify/index.js';
import type { SlotName, Slots } from '../classify/types.js';
import { renderReply } from '../replies/index.js';
import type { RenderedReply } from '../replies/types.js';
import { keywordSlots } from './parse-argument.js';

export const UNKNOWN_SLOTS: Slots = {
  topic: 'm365-conversion',
  directoryService: 'unknown',
  usernamesChange: 'unknown',
  choice: 'undecided',
  product: 'unknown',
  language: 'en',
};

export interface Understanding {
  slots: Slots;
  /** Slots set from the words (keyword or classifier evidence), in slot order. */
  understood: SlotName[];
  conflicts: SlotName[];
  /** Enough to choose a guide: the directory service type or the rename/keep choice is known. */
  clear: boolean;
}

export function understand(text: string): Understanding {
  // The agent asked /m365-guide, so the topic is settled; the classifier answers the other slots.
  const c = classify({ subject: '', body: text });
  const fromText = new Set<SlotName>(c.evidence.map((e) => e.slot));
  const kw = keywordSlots(text);
  const slots: Slots = { ...UNKNOWN_SLOTS };
  for (const slot of ['directoryService', 'usernamesChange', 'choice', 'product'] as const) {
    if (fromText.has(slot)) (slots as unknown as Record<string, string>)[slot] = c.slots[slot];
  }
  // Three words are too few for language detection; trust it only when the classifier saw German words.
  if (fromText.has('language')) slots.language = c.slots.language;
  Object.assign(slots, kw.slots, { topic: 'm365-conversion' });
  // A conflict (`keep rename`) means "not understood", not "the classifier's guess".
  for (const slot of kw.conflicts) (slots as unknown as Record<string, string>)[slot] = UNKNOWN_SLOTS[slot];
  const understood = (['directoryService', 'usernamesChange', 'choice', 'product', 'language'] as const).filter(
    (s) => !kw.conflicts.includes(s) && (s in kw.slots || fromText.has(s)),
  );
  const clear = slots.directoryService !== 'unknown' || slots.choice !== 'undecided';
  return { slots, understood, conflicts: kw.conflicts, clear };
}

export function renderGuide(slots: Slots): RenderedReply {
  const branch = decideBranch({ ...slots, topic: 'm365-conversion' });
  // decideBranch only answers off-topic for an off-topic topic, which we never pass; the guard keeps tsc honest.
  const b = branch === 'off-topic' ? 'full-guide' : branch;
  return renderReply({ branch: b, language: slots.language, product: slots.product, slots }, 'mrkdwn');
}
