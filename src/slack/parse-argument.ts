// What `/m365-guide <text>` asked for. Pure. A ticket reference or `help` is recognised first; anything else is a
// description of the customer's setup in plain words (English or German). The core classifier reads those words
// like a ticket; this file adds the bare keywords an agent types in a hurry (`de`, `spe`, `keep`, `rename`, `ad`),
// which a classifier tuned for customer prose would not (and should not) take as evidence.
import type { Slots } from '../classify/types.js';

export type ParsedArgument =
  | { kind: 'picker' }
  | { kind: 'help' }
  | { kind: 'ticket'; ticketId: string }
  | { kind: 'describe'; text: string };

// `12345`, `#12345`, `ticket 12345`, `Ticket #12345`
const TICKET_NUMBER = /^(?:(?:ticket|tickets)\s*)?#?\s*(\d{1,15})$/i;
// https://acme.zendesk.com/agent/tickets/12345 (also …/api/v2/tickets/12345.json and the help-centre form)
const TICKET_URL = /^https?:\/\/[^\s/]+\/(?:agent\/tickets|api\/v2\/tickets|hc\/[a-z-]+\/requests|tickets)\/(\d{1,15})(?:[/?#.]\S*)?$/i;

export function parseArgument(raw: string): ParsedArgument {
  // Slack may wrap a pasted link as `<https://…>` or `<https://…|label>` when the command escapes links.
  const text = raw.trim().replace(/^<([^|>]+)(?:\|[^>]*)?>$/, '$1').trim();
  if (!text) return { kind: 'picker' };
  if (/^(help|hilfe|\?|-h|--help)$/i.test(text)) return { kind: 'help' };
  const n = TICKET_NUMBER.exec(text) ?? TICKET_URL.exec(text);
  if (n) return { kind: 'ticket', ticketId: String(Number(n[1])) };
  return { kind: 'describe', text: raw.trim() };
}

type Keyword = { [K in keyof Slots]: { slot: K; value: Slots[K]; re: RegExp } }[keyof Slots];

// Whole words only (\b with Unicode letters via the u flag would still miss umlauts, so we tokenise by hand below).
const KEYWORDS: Keyword[] = [
  { slot: 'language', value: 'de', re: /^(de|deu|ger|german|deutsch|auf deutsch)$/ },
  { slot: 'language', value: 'en', re: /^(en|eng|english|englisch|auf englisch)$/ },
  { slot: 'product', value: 'spe', re: /^(spe|service provider edition)$/ },
  { slot: 'product', value: 'server', re: /^(server|mailstore server|mss)$/ },
  { slot: 'choice', value: 'hybrid', re: /^(keep|hybrid|behalten|beibehalten|belassen|bleibt|bleiben)$/ },
  { slot: 'choice', value: 'rename', re: /^(rename|renaming|umbenennen|umbenennung|umbenannt)$/ },
  { slot: 'choice', value: 'undecided', re: /^(undecided|unentschieden|unsure)$/ },
  { slot: 'directoryService', value: 'active-directory', re: /^(ad|active directory|active-directory|activedirectory)$/ },
  { slot: 'directoryService', value: 'ldap', re: /^(ldap|ldap generic|generic ldap)$/ },
  { slot: 'directoryService', value: 'm365-basic', re: /^(basic|basic auth|m365 basic|microsoft 365 basic|o365|office 365)$/ },
  { slot: 'directoryService', value: 'm365-modern', re: /^(modern|m365 modern|microsoft 365 modern)$/ },
  { slot: 'directoryService', value: 'application-integration', re: /^(application integration|app integration)$/ },
  { slot: 'directoryService', value: 'internal', re: /^(internal|intern|none|keiner|ohne)$/ },
  { slot: 'directoryService', value: 'other', re: /^(google|google workspace|gsuite|mdaemon|kerio|kerio connect|icewarp)$/ },
  { slot: 'usernamesChange', value: 'yes', re: /^(names change|usernames change|namen ändern sich|jdoe|samaccountname)$/ },
  { slot: 'usernamesChange', value: 'no', re: /^(names stay|usernames stay|same names|upn|namen bleiben)$/ },
];

export interface KeywordResult {
  slots: Partial<Slots>;
  /** Slots named twice with different values (`keep rename`): left to the picker. */
  conflicts: Array<keyof Slots>;
}

/** Bare keywords and short phrases (up to three words) in the argument, by slot. */
export function keywordSlots(text: string): KeywordResult {
  const words = text
    .toLowerCase()
    .split(/[\s,;/+]+/)
    .map((w) => w.replace(/^[("'`]+|[)"'`.!?:]+$/g, ''))
    .filter(Boolean);
  const found = new Map<keyof Slots, Set<string>>();
  const used = new Set<number>();
  // Longest phrases first, so "active directory" is one match and not "active" + "directory".
  for (const size of [3, 2, 1]) {
    for (let i = 0; i + size <= words.length; i++) {
      if (Array.from({ length: size }, (_, k) => i + k).some((k) => used.has(k))) continue;
      const phrase = words.slice(i, i + size).join(' ');
      const kw = KEYWORDS.find((k) => k.re.test(phrase));
      if (!kw) continue;
      for (let k = i; k < i + size; k++) used.add(k);
      const set = found.get(kw.slot) ?? new Set<string>();
      set.add(kw.value);
      found.set(kw.slot, set);
    }
  }
  const slots: Record<string, string> = {};
  const conflicts: Array<keyof Slots> = [];
  for (const [slot, values] of found) {
    if (values.size === 1) slots[slot] = [...values][0]!;
    else conflicts.push(slot);
  }
  return { slots: slots as Partial<Slots>, conflicts };
}
