// The decision table of ../shared/corpus/README.md: the first matching row wins. Nothing else lives here, so the
// table can be read, tested and changed in one place.
import type { Branch, Slots } from './types.js';

export function decideBranch(slots: Slots): Branch {
  if (slots.topic === 'off-topic') return 'off-topic'; // row 1
  if (slots.choice === 'rename') return 'rename'; // row 2
  if (slots.choice === 'hybrid') return 'hybrid'; // row 3
  if (slots.directoryService === 'unknown') return 'full-guide'; // row 4
  const m365 = slots.directoryService === 'm365-basic' || slots.directoryService === 'm365-modern';
  if (m365 && slots.usernamesChange !== 'yes') return 'modern-direct'; // row 5
  if (slots.usernamesChange === 'no') return 'modern-direct'; // row 6
  return 'rename-or-hybrid'; // row 7
}
