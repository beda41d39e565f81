// The reject form's "what is right?" part: an optional branch and the picker's five questions pre-filled with the
// classifier's reading (the same choices as /m365-guide's picker). A changed slot or a different branch makes the
// rejection a correction: correctDraft() re-drafts for the right reading (a new card follows) and labels the ticket.
// Pure apart from the block builders' types: blocks out, a correction (or none) back from the submitted state.
import type { types } from '@slack/bolt';
import { BRANCHES, type Branch, type Slots } from '../classify/types.js';
import { correctedSlots } from '../drafts/correct-draft.js';
import { changedSlots, isBranch } from '../drafts/reading.js';
import type { DraftRow } from '../store/types.js';
import { LABELS, PICKER_SLOTS, VALUES, type PickerSlot } from './picker.js';
import { context, plain } from './text.js';

export const FIX_BRANCH_BLOCK = 'fix_branch';
const FIX_PREFIX = 'fix_';

const option = (text: string, value: string): types.PlainTextOption => ({ text: plain(text), value });
const slotOption = (slot: PickerSlot, value: string) => option((LABELS[slot].options as Record<string, string>)[value] ?? value, value);

export function correctionBlocks(d: Pick<DraftRow, 'slots' | 'branch'>): types.KnownBlock[] {
  const branchOptions = BRANCHES.map((b) => option(b === d.branch ? `${b} (as drafted)` : b, b));
  return [
    context('*Was the reading wrong?* Give the right branch or change a slot: the draft is then written again for that reading (a new card follows) instead of only being rejected.'),
    {
      type: 'input',
      block_id: FIX_BRANCH_BLOCK,
      optional: true,
      label: plain('Right branch'),
      element: { type: 'static_select', action_id: FIX_BRANCH_BLOCK, placeholder: plain('Keep as drafted'), options: branchOptions },
    },
    ...PICKER_SLOTS.map(
      (slot): types.KnownBlock => ({
        type: 'input',
        block_id: `${FIX_PREFIX}${slot}`,
        optional: true,
        label: plain(LABELS[slot].question.replace(/\*/g, '')),
        element: {
          type: 'static_select',
          action_id: `${FIX_PREFIX}${slot}`,
          options: (VALUES[slot] as readonly string[]).map((v) => slotOption(slot, v)),
          initial_option: slotOption(slot, d.slots[slot]),
        },
      }),
    ),
  ];
}

type StateValues = Record<string, Record<string, { selected_option?: { value?: string } | null }>>;

export type SubmittedCorrection =
  | { kind: 'none' }
  | { kind: 'correction'; slots: Partial<Slots>; branch?: Branch }
  | { kind: 'invalid'; block: string; message: string };

/** What the submitted form says is right, checked against the draft as it is now. */
export function submittedCorrection(values: StateValues | undefined, d: Pick<DraftRow, 'slots' | 'branch'>): SubmittedCorrection {
  const picked = (block: string) => values?.[block]?.[block]?.selected_option?.value;
  const slots: Record<string, string> = {};
  for (const slot of PICKER_SLOTS) {
    const v = picked(`${FIX_PREFIX}${slot}`);
    if (v && (VALUES[slot] as readonly string[]).includes(v) && v !== d.slots[slot]) slots[slot] = v;
  }
  const rawBranch = picked(FIX_BRANCH_BLOCK);
  const branch = isBranch(rawBranch) && rawBranch !== d.branch ? rawBranch : undefined;
  if (!branch && Object.keys(slots).length === 0) return { kind: 'none' };
  const input = { slots: slots as Partial<Slots>, ...(branch ? { branch } : {}) };
  const check = correctedSlots(d, input);
  if (!check.ok) return { kind: 'invalid', block: FIX_BRANCH_BLOCK, message: check.message.slice(0, 150) };
  if (changedSlots(d.slots, check.slots).length === 0) return { kind: 'none' };
  return { kind: 'correction', ...input };
}
