// The ephemeral picker: five selects (directory service type, would usernames change, rename or keep, product,
// language) above the guide that matches them. Pure: blocks out, slots back from a block_actions state.
import type { types } from '@slack/bolt';
import {
  CHOICES,
  DIRECTORY_SERVICES,
  LANGUAGES,
  PRODUCTS,
  USERNAMES_CHANGE,
  type SlotName,
  type Slots,
} from '../classify/types.js';
import type { RenderedReply } from '../replies/types.js';
import { context, mrkdwn, plain, section, sections } from './text.js';

export const PICKER_ACTION_PREFIX = 'picker_';
export type PickerSlot = Exclude<SlotName, 'topic'>;

export const LABELS: { [K in PickerSlot]: { question: string; options: Record<Slots[K], string> } } = {
  directoryService: {
    question: '*Directory service type* configured in MailStore now',
    options: {
      'active-directory': 'Active Directory',
      ldap: 'LDAP Generic',
      'm365-basic': 'Microsoft 365 (Basic Authentication)',
      'm365-modern': 'Microsoft 365 (Modern Authentication)',
      'application-integration': 'Application Integration',
      internal: 'None (users managed in MailStore)',
      other: 'Other (Google Workspace, MDaemon, Kerio, IceWarp…)',
      unknown: 'Not known yet',
    },
  },
  usernamesChange: {
    question: '*Would the usernames change* when switching to Microsoft 365?',
    options: { yes: 'Yes: names are not user@domain (e.g. jdoe)', no: 'No: names already equal the M365 UPNs', unknown: 'Not known yet' },
  },
  choice: {
    question: '*Rename or keep* the current directory service?',
    options: { rename: 'Rename users, switch fully to M365', hybrid: 'Keep it (hybrid: only archiving moves)', undecided: 'Undecided' },
  },
  product: {
    question: '*Product*',
    options: { server: 'MailStore Server', spe: 'MailStore SPE', unknown: 'Not known' },
  },
  language: {
    question: '*Language* of the reply',
    options: { en: 'English', de: 'Deutsch' },
  },
};

export const VALUES: { [K in PickerSlot]: readonly Slots[K][] } = {
  directoryService: DIRECTORY_SERVICES,
  usernamesChange: USERNAMES_CHANGE,
  choice: CHOICES,
  product: PRODUCTS,
  language: LANGUAGES,
};
export const PICKER_SLOTS = Object.keys(VALUES) as PickerSlot[];

function option(slot: PickerSlot, value: string): types.PlainTextOption {
  return { text: plain((LABELS[slot].options as Record<string, string>)[value] ?? value), value };
}

export interface PickerMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/**
 * The picker pre-filled with `slots`, then the guide. Each select's block id carries a nonce and every value the
 * picker shows: Slack keeps a select's client-side value for a block id it already knows, so a re-render needs
 * fresh ids; and whether Slack reports an untouched select's initial option in `state` is not documented
 * (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload), so a change is applied on top of
 * what was shown, never on top of defaults.
 */
export function pickerMessage(slots: Slots, guide: RenderedReply, opts: { note?: string; nonce: string }): PickerMessage {
  const blocks: types.KnownBlock[] = [];
  if (opts.note) blocks.push(section(opts.note));
  const shown = encodeShown(slots);
  for (const slot of PICKER_SLOTS) {
    blocks.push({
      type: 'section',
      block_id: `picker:${slot}:${opts.nonce}:${shown}`,
      text: mrkdwn(LABELS[slot].question),
      accessory: {
        type: 'static_select',
        action_id: `${PICKER_ACTION_PREFIX}${slot}`,
        placeholder: plain('Choose…'),
        options: VALUES[slot].map((v) => option(slot, v)),
        initial_option: option(slot, slots[slot]),
      },
    });
  }
  blocks.push({ type: 'divider' });
  blocks.push(context(`Guide \`${guide.templateId}\` · branch \`${guide.branch}\` · template version \`${guide.version.slice(0, 12)}\``));
  // 5 picker rows + note + divider + context leave 42 of Slack's 50 blocks for the guide.
  blocks.push(...sections(guide.text).slice(0, 42));
  return { text: `M365 guide: ${guide.branch} (${guide.language})`, blocks };
}

/** The shown values as indexes into each slot's value list, e.g. `2.0.1.0.1`. */
function encodeShown(slots: Slots): string {
  return PICKER_SLOTS.map((slot) => Math.max(0, (VALUES[slot] as readonly string[]).indexOf(slots[slot]))).join('.');
}

const BLOCK_ID = /^picker:([a-zA-Z]+):([A-Za-z0-9-]+):(\d+(?:\.\d+)*)$/;

function decodeShown(blockId: string | undefined, base: Slots): { slots: Slots; nonce: string } | null {
  const m = BLOCK_ID.exec(blockId ?? '');
  if (!m) return null;
  const idx = m[3]!.split('.').map(Number);
  const slots: Slots = { ...base };
  PICKER_SLOTS.forEach((slot, i) => {
    const v = (VALUES[slot] as readonly string[])[idx[i] ?? -1];
    if (v) (slots as unknown as Record<string, string>)[slot] = v;
  });
  return { slots, nonce: m[2]! };
}

interface StateValue {
  type?: string;
  selected_option?: { value?: string } | null;
}

type StateValues = Record<string, Record<string, StateValue>> | undefined;

function setSlot(slots: Slots, actionId: string, value: string | undefined): void {
  if (!actionId.startsWith(PICKER_ACTION_PREFIX)) return;
  const slot = actionId.slice(PICKER_ACTION_PREFIX.length) as PickerSlot;
  if (Object.hasOwn(VALUES, slot) && value && (VALUES[slot] as readonly string[]).includes(value)) {
    (slots as unknown as Record<string, string>)[slot] = value;
  }
}

/**
 * The picker's choices after a change: the values the acted-on message showed (from its block id), then any other
 * select of the same message the person changed (in `state`, same nonce), then the change itself. Unknown values
 * are ignored; a block id we did not write falls back to `base`.
 */
export function slotsAfterChange(
  action: { block_id?: string; action_id: string; selected_option?: { value?: string } | null },
  stateValues: StateValues,
  base: Slots,
): Slots {
  const shown = decodeShown(action.block_id, base);
  const slots: Slots = { ...(shown?.slots ?? base) };
  for (const [blockId, block] of Object.entries(stateValues ?? {})) {
    if (!shown || decodeShown(blockId, base)?.nonce !== shown.nonce) continue;
    for (const [actionId, v] of Object.entries(block)) setSlot(slots, actionId, v.selected_option?.value);
  }
  setSlot(slots, action.action_id, action.selected_option?.value);
  return slots;
}

export function describeSlots(slots: Partial<Slots>, names: SlotName[]): string {
  return names
    .filter((n): n is PickerSlot => n !== 'topic' && slots[n] !== undefined)
    .map((n) => (LABELS[n].options as Record<string, string>)[slots[n] as string] ?? String(slots[n]))
    .join(', ');
}
