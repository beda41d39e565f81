// Example usernames written into a sentence: quoted ('jdoe'), listed after "like"/"e.g."/":" or one per indented
// line, `DOMAIN\user`, or addresses. Only called for sentences that talk about users or names.
import { loose } from './patterns.js';

export interface ListedName {
  value: 'yes' | 'no';
  rule: string;
  start: number;
  end: number;
  confidence: number;
  /** For addresses: the domain, lower case. */
  domain?: string;
}

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,5})/g;
// Suffixes that never exist in Microsoft 365, so a name carrying one would be renamed.
const NON_ROUTABLE = /\.(?:local|lan|internal|intern|corp|localdomain|home|ad|private|example\.local)$/i;
// DOMAIN\user (also written lower case or with a doubled backslash); not a path like E:\Archiv\Store.
const DOMAIN_PREFIX = /(?<![A-Za-z0-9\\:.])[A-Za-z][A-Za-z0-9-]{1,15}\\{1,2}[A-Za-z0-9._-]{2,40}(?!\\)/g;
const QUOTED = /(?<![\p{L}\p{N}])(['"‘’‚„“”`])([^'"‘’‚„“”`\n]{1,40}?)['"‘’“”`](?![\p{L}\p{N}])/gu;
const BARE = /^(?=.*[a-z0-9])[A-Za-z][A-Za-z0-9._-]{0,30}$/;
const DISPLAY = /^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2}$/u;
// The quoted thing is an instance, a profile or a type, not a user.
// "Gemappt ist 'mail'", "attribute 'sAMAccountName'": an LDAP attribute mapped to the username, not a user.
const NOT_A_USER_BEFORE = loose(/(?:gemappt ist|mapped (?:is|to)|attribut\w*|instan\w*|profil\w*|tenant|mandant|customer|kunde\w*|server|host|folder|ordner|group|gruppe|type|typ|option|says|error|fehler|status|meldung|message|button|menu|menü|feld|field)\W{0,3}$/i);
const NOT_A_USER_AFTER = /^\W{0,2}\s*(?:instan\w*|profil\w*|tenant|mandant|type|typ|error|option)/i;
const TECH_WORD = /microsoft|exchange|directory|generic|google|workspace|office|server|authentication|modern|basic|integration|online|cloud|mailstore|archiv|ldap|kerio|icewarp|mdaemon|available|outlook/i;
const STOP = new Set(
  'this that these those the a an so on and und or oder etc usw das die der den dem ein eine with mit in im at is ist are sind for für to zu our unsere their ihre we wir you it es before after above below follows folgt folgende usual normal expected example beispiel domain user users name names admin administrator root groups archives archive folders mailboxes accounts emails mails profiles settings passwords logins well also auch such as wie e g z b me us him her them mine ours yours now here there always usual before'.split(' '),
);
const IGNORED_USERS = new Set(['admin', 'administrator', 'root', 'adm']);
// A list token must end where the word ends: "e.g. anna.berg@x.com" must not yield "anna".
// "Vorname.Nachname (Petra.Schmid, Lukas.Ernst)": capitalised first and last name joined by a dot, hyphen or
// underscore is a logon name too (a plain capitalised word is not: it may start a sentence).
const TOKEN = String.raw`(?:[a-z][a-z0-9._-]{1,24}|[A-Z][a-zà-ÿ]{1,20}[._][A-Z][a-zà-ÿ]{1,20})(?![A-Za-z0-9_@-]|\.[A-Za-z0-9@])`;
const LIST_INTRO = new RegExp(
  String.raw`(\blike\b|\be\.g\.|\bz\.\s?b\.|\bsuch as\b|\bwie\b|:|\()\s*(${TOKEN}(?:\s*(?:,|\/|\band\b|\bund\b|\bor\b)\s*${TOKEN}){0,8})(?=\s*(?:[,.;:)(…]|$|\band so on\b|\busw\b|\betc\b|\bund so weiter\b))`,
  'g',
);
const NAMING_BEFORE = loose(/(?:name|names|username|usernames|login|kürzel|format|scheme|schema)\s*$/i);
const SINGLE_OK = /^(?:like|e\.g\.|z\.\s?b\.|such as)$/i;
const NAME_WORD = loose(/user|name|benutzer|kürzel|login|logon|account|uid/i);
const INDENTED_TOKEN = /^[ \t]+([a-z][a-z0-9._-]{1,30})[ \t]*$/gm;

export function listedNames(text: string): ListedName[] {
  const out: ListedName[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const domain = m[1] ?? '';
    const local = m[0].slice(0, m[0].indexOf('@')).toLowerCase();
    if (IGNORED_USERS.has(local)) continue;
    const nonRoutable = NON_ROUTABLE.test(domain);
    const rule = nonRoutable ? 'names.non-routable-domain' : 'names.address-list';
    out.push({ value: nonRoutable ? 'yes' : 'no', rule, start: m.index, end: m.index + m[0].length, confidence: nonRoutable ? 0.9 : 0.85, domain: domain.toLowerCase() });
  }
  for (const m of text.matchAll(DOMAIN_PREFIX)) {
    out.push({ value: 'yes', rule: 'names.domain-prefix', start: m.index, end: m.index + m[0].length, confidence: 0.92 });
  }
  for (const m of text.matchAll(QUOTED)) {
    const inner = m[2] ?? '';
    if (IGNORED_USERS.has(inner.toLowerCase()) || inner.includes('@') || TECH_WORD.test(inner)) continue;
    if (NOT_A_USER_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
    if (NOT_A_USER_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) continue;
    const start = m.index + 1;
    if (BARE.test(inner) && !/^[A-Z][a-z]+$/.test(inner)) {
      out.push({ value: 'yes', rule: 'names.bare-list', start, end: start + inner.length, confidence: 0.85 });
    } else if (DISPLAY.test(inner)) {
      out.push({ value: 'yes', rule: 'names.display-names', start, end: start + inner.length, confidence: 0.8 });
    }
  }
  for (const m of text.matchAll(LIST_INTRO)) {
    if (!NAME_WORD.test(text.slice(0, m.index))) continue;
    const list = m[2] ?? '';
    const tokens = list.split(/\s*(?:,|\/|\band\b|\bund\b|\bor\b)\s*/).filter((t) => t !== '' && !STOP.has(t.replace(/\.+$/, '')));
    const users = tokens.filter((t) => !IGNORED_USERS.has(t));
    if (users.length === 0) continue;
    // One unquoted word is a name only after "like"/"e.g." ("usernames like rjames") or in parentheses right after
    // a naming word ("last name (jdoe)"), never after "wie" or ":".
    const single = SINGLE_OK.test(m[1] ?? '') || (m[1] === '(' && NAMING_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index)));
    if (users.length === 1 && (!single || users[0]!.length < 3)) continue;
    const start = m.index + m[0].indexOf(list);
    out.push({ value: 'yes', rule: 'names.bare-list', start, end: start + list.length, confidence: users.length >= 2 ? 0.82 : 0.72 });
  }
  const tokens = [...text.matchAll(INDENTED_TOKEN)].filter((m) => !IGNORED_USERS.has(m[1]!) && !STOP.has(m[1]!));
  for (const m of tokens) {
    const start = m.index + m[0].indexOf(m[1]!);
    out.push({ value: 'yes', rule: 'names.bare-list', start, end: start + m[1]!.length, confidence: tokens.length >= 2 ? 0.85 : 0.7 });
  }
  return out;
}
