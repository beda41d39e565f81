// `/m365-guide`: no argument → the picker; words → the guide for what they describe (or the picker pre-filled
// with what was understood); a ticket number or link → its pending draft with Approve / Reject; `help` → usage.
// Everything is ephemeral: only the person asking sees it. Pure answers go back in the ack itself (one round trip,
// no response_url needed); the ticket lookup reads the store, so it acks first and answers via response_url.
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { SlackDeps } from './deps.js';
import { renderGuide, understand, UNKNOWN_SLOTS } from './guide.js';
import { parseArgument } from './parse-argument.js';
import { describeSlots, pickerMessage } from './picker.js';
import { escapeUntrusted, section } from './text.js';
import { ticketCard } from './ticket-lookup.js';

export const COMMAND = '/m365-guide';

export const HELP = [
  '*`/m365-guide`*: Microsoft 365 Modern Authentication migration guides and ticket drafts. Only you see the answers.',
  '• `/m365-guide`: pick the customer\'s setup (directory service type, would usernames change, rename or keep, product, language) and get the matching guide.',
  '• `/m365-guide ldap keep de`, `/m365-guide active directory rename`: describe the setup in plain words, English or German. Keywords: `ad` `ldap` `basic` `modern` `internal`, `rename` / `keep` (`umbenennen` / `behalten`), `server` / `spe`, `en` / `de`.',
  '• `/m365-guide 12345`, `#12345` or a ticket link: the ticket\'s pending draft with Approve / Reject.',
  '• `/m365-guide help`: this text.',
].join('\n');

export function registerCommand(bolt: App, deps: SlackDeps): void {
  bolt.command(COMMAND, async ({ command, ack, respond }) => {
    const arg = parseArgument(command.text ?? '');
    if (arg.kind === 'help') return ack({ response_type: 'ephemeral', text: HELP, blocks: [section(HELP)] });
    if (arg.kind === 'picker') {
      const m = pickerMessage(UNKNOWN_SLOTS, renderGuide(UNKNOWN_SLOTS), { nonce: randomUUID().slice(0, 8) });
      return ack({ response_type: 'ephemeral', ...m });
    }
    if (arg.kind === 'describe') {
      const u = understand(arg.text);
      const said = escapeUntrusted(arg.text, 200);
      const got = describeSlots(u.slots, u.understood);
      const conflicts = u.conflicts.length ? ` Contradicting words for: ${u.conflicts.join(', ')} (left open).` : '';
      const note = u.clear
        ? `Guide for \`${said}\` (understood: ${got}).${conflicts} Change anything below and the guide follows.`
        : `I could not tell the directory service type or a rename/keep choice from \`${said}\`${got ? ` (understood: ${got})` : ''}.${conflicts} Pick below; the guide follows your choices.`;
      const m = pickerMessage(u.slots, renderGuide(u.slots), { note, nonce: randomUUID().slice(0, 8) });
      return ack({ response_type: 'ephemeral', ...m });
    }
    await ack();
    const card = await ticketCard(deps.rt.store, arg.ticketId, deps.ticketUrl(arg.ticketId), deps.reviewUrl);
    await respond({ response_type: 'ephemeral', ...card });
  });
}
