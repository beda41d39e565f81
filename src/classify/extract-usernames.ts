// usernamesChange: would switching to Microsoft 365 Modern rename the MailStore users? Read from what the
// customer says the names look like (bare `jdoe`, `DOMAIN\jdoe`, "John Doe", `user@company.local` → yes;
// routable `user@domain`, "the e-mail address", "the UPN" → no) and from plain statements ("würden sich ändern").
// A wish ("must not change") is a choice, not a fact about the names, and is left to extract-choice.ts.
import { makeCandidate, type Candidate } from './candidate.js';
import { isHedged } from './context.js';
import { gap, loose, M365, NAMES_NOUN, rx, rxg } from './patterns.js';
import type { Sentence } from './sentences.js';
import { messageText, precedingAgent, sentencesOf, type Message, type Source, type ThreadView } from './thread-view.js';
import { KEEP } from './choice-concepts.js';
import { listedNames } from './username-lists.js';
import type { UsernamesChange } from './types.js';

interface Rule {
  value: Exclude<UsernamesChange, 'unknown'>;
  rule: string;
  re: RegExp;
  confidence: number;
}

// "Naming is inconsistent: …", "das Namensschema ist …": the naming scheme is about the names too.
const NAME_CONTEXT = rx(String.raw`${NAMES_NOUN}|\bsamaccountname|\bupns?\b|kürzel|\buid\b|\bnaming\b|\bnamensschema\b|\bnamensformat\b|\bbenennung\b`);
// "Benutzername/Passwort" of an SMTP or service account is not how the MailStore users are named.
const CREDENTIAL_CONTEXT = rx(String.raw`(?:user ?name|benutzername)\w* ?(?:/|and|und|&) ?(?:passwor|kennwort)|\bsmtp\b|\bnoreply\b|journal|benachrichtigung|notification`);
const DESIRE = rx(String.raw`\bwant\w*|\baccept\w*|\bhappy\b|\bfine\b|\bok\b|\bokay\b|\bgerne?\b|\bsoll\w*|\bmust\b|\bmüssen\b|\bdürf\w*|\bplease\b|\bbitte\b|\bdon't mind\b|\bkein problem\b|\bno problem\b`);

const RULES: Rule[] = [
  { value: 'yes', rule: 'names.without-domain', re: rxg(String.raw`\b(?:without|ohne|no|keine?) (?:the |die |eine? |an? |any )?@?domain\w*(?! ?(?:controller|join|admin|name|server))|\bohne @|\bwithout @|\bno @\w+`), confidence: 0.9 },
  { value: 'yes', rule: 'names.short-names', re: rxg(String.raw`\bshort (?:user ?)?names\b|\bkurzname\w*|\bkurze\w* (?:benutzer)?namen\b|\b(?:sind|are) kurz\b|\b(?:are|were) (?:the |all )?short(?: ones)?\b|\bkürzel\b|\binitials\b|\binitialen\b`), confidence: 0.88 },
  { value: 'yes', rule: 'names.logon-names', re: rxg(String.raw`\bwindows[-\s]?(?:logon|login|log-on|sign-in|anmelde)[-\s]?names?\b|\bwindows-anmeldenamen?\b|\bsamaccountnames?\b|\bpre-?win(?:dows)?[-\s]?2000\b|\bnetbios\b|\b(?:logon|login|anmelde)[-\s]?namen? ohne\b|\bnur der benutzername\b`), confidence: 0.9 },
  { value: 'yes', rule: 'names.uid-based', re: rxg(String.raw`\buids?(?:-based)?\b|\bemployee (?:numbers|ids)\b|\bpersonalnummern\b|\bmitarbeiternummern\b|\bdisplay ?names\b|\banzeigenamen\b|\bmit leerzeichen\b|\bwith spaces\b|\bfirst ?name (?:and )?last ?name\b|\bvor- und nachnamen?\b|\blocal part only\b|\bnur (?:den |der )?lokalen? teil\b`), confidence: 0.85 },
  { value: 'yes', rule: 'names.domain-differs', re: rxg(String.raw`\bdomain\w* (?:has )?(?:changed|differs?|is different|are different|hat sich geändert|ist anders|unterscheid\w*)|\bdifferent (?:e-?mail )?domains?\b|\banderen? domain\w*|\bold (?:e-?mail )?domain\b|\balten? domain\w*|\bprevious domain\b|\b(?:upn )?suffix\w* (?:is |ist )?\S+\.(?:local|lan|internal|intern|corp|localdomain|home)\b`), confidence: 0.88 },
  { value: 'yes', rule: 'names.would-change', re: rxg(String.raw`(?:${NAMES_NOUN}|\bthey\b|\bsie\b)${gap(4)} (?:would|will|würden|werden) (?:(?!not\b|nicht\b|never\b|nie\b|kein)\S+ )?(?:be renamed|change|sich (?:\S+ )?ändern|umbenannt|geändert)`), confidence: 0.8 },
  { value: 'yes', rule: 'names.would-change', re: rxg(String.raw`\b(?:would|würden) (?:sich )?(?:also |dann |therefore )?(?:change|ändern|be renamed|umbenannt werden)\b`), confidence: 0.75 },
  { value: 'no', rule: 'names.are-addresses', re: rxg(String.raw`${NAMES_NOUN}${gap(6)} (?:are|sind|is|ist|lauten|heißen|named after|show as|look like|entsprechen|equal|=|match\w*|haben wir)${gap(4)} (?:e-?mail[-\s]?ad\w*|mail-?adressen|e-mail-adressen|upns?\b|full (?:e-?mail )?addresses|addresses|adressen|user@domain|anmeldenamen bei microsoft)`), confidence: 0.9 },
  { value: 'no', rule: 'names.are-addresses', re: rxg(String.raw`\bals benutzernamen${gap(4)} (?:e-?mail-?adressen|mailadressen)`), confidence: 0.9 },
  { value: 'no', rule: 'names.match-m365', re: rxg(String.raw`\b(?:match\w*|identical|the same|entsprechen|gleich|identisch|übereinstimm\w*)${gap(4)} (?:microsoft|m365|\bupns?\b|sign-in names|anmeldenamen)|\b(?:identical|the same addresses|the same names|gleich) (?:in|to|as|wie) (?:microsoft|m365)|\bsame (?:addresses|names)\b`), confidence: 0.85 },
  { value: 'no', rule: 'names.upn-format', re: rxg(String.raw`\buser ?name format (?:is |set to |= )?(?:the )?upn\b|\b(?:the )?user ?names? (?:is|are) (?:the )?upns?\b|\bbenutzername\w* (?:ist|sind) (?:der |die )?upns?\b`), confidence: 0.6 },
  // "die Benutzer damals umbenannt", "the users were already renamed": nothing is left to rename.
  { value: 'no', rule: 'names.already-renamed', re: rxg(String.raw`(?:${NAMES_NOUN}|\bthey\b)${gap(2)} (?:(?:were|have been|had been|has been|wurden|sind|haben wir) )?(?:already|bereits|schon|damals|back then|at the time|seinerzeit) (?:\S+ )?(?:renamed|umbenannt)\b`), confidence: 0.8 },
  // An expectation: "die Namen dürften sich nicht ändern, oder?", "the usernames shouldn't change, right?".
  { value: 'no', rule: 'names.expects-no-change', re: rxg(String.raw`(?:${NAMES_NOUN}|\bthey\b|\bsie\b)${gap(2)} (?:dürften|dürfte|should|sollten) (?:sich )?(?:\S+ )?(?:not|nicht|kaum|never) (?:\S+ )?(?:change|ändern|be renamed|umbenannt werden)\b|(?:${NAMES_NOUN}|\bthey\b)${gap(2)} shouldn't (?:\S+ )?(?:change|be renamed)\b`), confidence: 0.75 },
  { value: 'no', rule: 'names.would-not-change', re: rxg(String.raw`(?:${NAMES_NOUN}|\bthey\b)${gap(3)} (?:would|will|würden|werden) (?:not|nicht|never) (?:\S+ )?(?:be renamed|change|sich ändern|umbenannt)|\bno renam\w* (?:is )?(?:needed|necessary|required)\b|\bkeine umbenennung (?:nötig|notwendig|erforderlich)`), confidence: 0.8 },
];

// Targets, not current names: "rename them to their e-mail addresses", "auf ihre Microsoft-365-Anmeldenamen".
const TARGET_PHRASE = rx(String.raw`\b(?:renam\w*|umbenenn\w*|umbenannt|switch\w*|mov\w+|migrat\w+)${gap(6)} (?:to|auf|in|zu) (?:their|ihre|die)\b|\bto user@domain\b`);

// Cheap gate for sentences without a users/names word: every rule above contains one of these.
const TRIGGER = loose(/@|\\|domain|heiß|suffix|would|würden|will|werden|renam|umbenenn|windows|netbios|employee|nummern|display|anzeige|leerzeichen|spaces|name|local|lokal|kurz|short|kürzel|initial|match|identi|same|gleich|entsprech|übereinstimm|format|upn|uid|renam/i);

// "Current users in MailStore:", "Benutzernamen:": a names sentence ending in a colon introduces the list that follows.
const LIST_INTRO = rx(String.raw`(?:${NAMES_NOUN}|\bsamaccountname\w*|\bupns?|kürzel|\buids?)\b[^.!?]{0,40}:$`);
const WILL_NOT = rx(String.raw`\b(?:will|werden)\b`);
const REQUIREMENT = rx(String.raw`\bneed\w*|\bmust\b|\bhave to\b|\bhas to\b|\brequired?\b|\bmüssen\b|\bmuss\b|\bsoll\w*`);
function keepsDirectory(text: string): boolean {
  KEEP.lastIndex = 0;
  return KEEP.test(text);
}

// "They are o.hughes@hughes.local, …" answering "what do the usernames look like?".
const PRONOUN_START = rx(String.raw`^(?:they|they're|these|those|sie|die|das|es) (?:are|sind|lauten|look|heißen|would be|wären)?`);

// "Microsoft 365 uses @newcorp.com", "our M365 addresses are @x.com", "@x.com in Microsoft 365".
const M365_DOMAIN = rxg(String.raw`${M365}${gap(4)} ?@([a-z0-9-]+(?:\.[a-z0-9-]+)+)|(?<![\w.])@([a-z0-9-]+(?:\.[a-z0-9-]+)+)${gap(1)} (?:in|on|for|bei|im) ${M365}`);

function m365DomainsOf(view: ThreadView): Set<string> {
  const found = new Set<string>();
  for (const [, , sentence] of sentencesOf(view)) {
    if (!sentence.text.includes('@')) continue;
    M365_DOMAIN.lastIndex = 0;
    for (const m of sentence.text.matchAll(M365_DOMAIN)) found.add((m[1] ?? m[2] ?? '').toLowerCase().replace(/\.$/, ''));
  }
  return found;
}

// Addresses on the wrong domain are still addresses: "they are e-mail addresses" must not outvote that.
const MISMATCH_RULES = new Set(['names.domain-differs', 'names.non-routable-domain']);
// Bare names next to an address ("most are jbarker, lmendez, a few are s.patel@school.org"): the bare ones would be
// renamed, so the addresses do not make the answer "no" either. Only for two or more bare names: one quoted word
// beside an address is too often an attribute or a label ("mapped to 'mail', i.e. s.krause@x.de").
function mixedBareNames(out: Candidate<'usernamesChange'>[]): boolean {
  const bare = out.filter((c) => c.rule === 'names.bare-list' || c.rule === 'names.domain-prefix');
  return bare.length >= 2 || bare.some((c) => /[,/]/.test(c.message.original.slice(c.start, c.end)));
}
const ADDRESS_RULES = new Set(['names.are-addresses', 'names.address-list', 'names.match-m365']);

function fromSentence(message: Message, source: Source, sentence: Sentence, context: NameContext, m365Domains: Set<string>, all: Candidate<'usernamesChange'>[]): void {
  const out: Candidate<'usernamesChange'>[] = [];
  collect(message, source, sentence, context, m365Domains, out);
  const mismatch = out.some((c) => MISMATCH_RULES.has(c.rule)) || mixedBareNames(out);
  for (const c of out) if (!(mismatch && ADDRESS_RULES.has(c.rule))) all.push(c);
}

interface NameContext {
  /** The message (or the agent question before it) talks about users or names. */
  nearby: boolean;
  /** The sentence right before, in the same region, introduces it ("Current users in MailStore:"). */
  introduced: boolean;
}

function collect(message: Message, source: Source, sentence: Sentence, context: NameContext, m365Domains: Set<string>, out: Candidate<'usernamesChange'>[]): void {
  const text = sentence.text;
  const hasContext = NAME_CONTEXT.test(text) || context.introduced || (context.nearby && PRONOUN_START.test(text));
  if (!hasContext && !TRIGGER.test(text)) return;
  if (CREDENTIAL_CONTEXT.test(text)) return;
  const hedged = sentence.isQuestion || /\bhop\w*|\bhoffe\w*/i.test(text);
  for (const r of RULES) {
    r.re.lastIndex = 0;
    for (const m of text.matchAll(r.re)) {
      if (r.rule === 'names.are-addresses' && (TARGET_PHRASE.test(text) || /format/i.test(m[0]))) continue;
      if (r.rule === 'names.already-renamed' && sentence.isQuestion) continue;
      // "should not change" is a requirement in a statement, an expectation only with a confirmation tag.
      if (r.rule === 'names.expects-no-change' && !sentence.tagQuestion && !/dürfte/i.test(m[0])) continue;
      if (r.rule.startsWith('names.would') && (hedged || DESIRE.test(text) || (r.value === 'yes' && isHedged(text.replace(/\b(?:would|würden)\b/gi, ''))))) continue;
      // "We stay with AD, the users will not be renamed": the consequence of a keep decision, not a fact about names.
      if (r.rule === 'names.would-not-change' && WILL_NOT.test(m[0]) && keepsDirectory(text)) continue;
      // "Do the usernames need to match the UPN?" asks about a requirement; it says nothing about the names.
      if (r.value === 'no' && sentence.isQuestion && REQUIREMENT.test(text)) continue;
      if ((r.rule === 'names.short-names' || r.rule === 'names.without-domain') && !hasContext) continue;
      const confidence = r.confidence - (sentence.isQuestion ? 0.1 : 0) - (message.where === 'subject' ? 0.05 : 0);
      out.push(makeCandidate('usernamesChange', r.value, r.rule, message, sentence.start + m.index, sentence.start + m.index + m[0].length, confidence, source));
    }
  }
  if (!hasContext || TARGET_PHRASE.test(text)) return;
  for (const found of listedNames(text)) {
    const confidence = found.confidence - (message.where === 'subject' ? 0.05 : 0);
    // An address on another domain than the one the customer gives for Microsoft 365 would be renamed.
    const differs = found.rule === 'names.address-list' && m365Domains.size > 0 && !m365Domains.has(found.domain ?? '');
    const value = differs ? 'yes' : found.value;
    out.push(makeCandidate('usernamesChange', value, differs ? 'names.domain-differs' : found.rule, message, sentence.start + found.start, sentence.start + found.end, confidence, source));
  }
}

export function extractUsernames(view: ThreadView): Candidate<'usernamesChange'>[] {
  const out: Candidate<'usernamesChange'>[] = [];
  const nearby = new Map<Message, boolean>();
  const namesNearby = (m: Message): boolean => {
    let v = nearby.get(m);
    if (v === undefined) {
      const agent = precedingAgent(view, m);
      v = NAME_CONTEXT.test(messageText(m)) || (agent !== undefined && NAME_CONTEXT.test(messageText(agent)));
      nearby.set(m, v);
    }
    return v;
  };
  const m365Domains = m365DomainsOf(view);
  let previous: Sentence | undefined;
  let previousUnit: unknown;
  for (const [message, unit, sentence] of sentencesOf(view)) {
    const introduced = previousUnit === unit && previous !== undefined && LIST_INTRO.test(previous.text);
    fromSentence(message, unit.source, sentence, { nearby: namesNearby(message), introduced }, m365Domains, out);
    previous = sentence;
    previousUnit = unit;
  }
  return out;
}
