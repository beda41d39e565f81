// directoryService: the type configured in MailStore NOW. Names that are negated ("kein lokales AD"), past ("we used
// to run AD, years ago"), planned, or the target of the move ("switch to Microsoft 365 Modern") do not count.
// "Azure AD"/"Entra ID" are Microsoft 365's own directory; a sync against them is a Microsoft 365 type.
import { makeCandidate, type Candidate, type Resolved } from './candidate.js';
import { completedDirectoryMove, inFuture, inPast, isFormerSource, isTarget, negatedBefore, noLongerAfter } from './context.js';
import { AUTH_SEP, DS_TYPE_NOUN, ENTRA, gap, loose, M365_NAME, MODERN_STATE, rx, rxg } from './patterns.js';
import type { Clause, Sentence } from './sentences.js';
import { customerMessages, messageText, sentencesOf, type ThreadView } from './thread-view.js';
import type { DirectoryService } from './types.js';


export interface NamePattern {
  value: DirectoryService;
  rule: string;
  /** Cheap literal test before the pattern itself runs. */
  gate: RegExp;
  re: RegExp;
  confidence: number;
  /** Microsoft 365 Modern is usually the target; it counts only when the clause says it is the current state. */
  needsState?: boolean;
  /** Also matched across a colon from the clause before ("Directory Services type: Office 365"). */
  colonLeadIn?: boolean;
}

/** Exported for the gate test only. */
export const NAMES: readonly NamePattern[] = [
  { value: 'm365-basic', rule: 'ds.m365-basic.named', gate: /365/, re: rxg(String.raw`${M365_NAME}${AUTH_SEP}basic(?: auth\w*)?\)?`), confidence: 0.92 },
  // "the Office 365 directory type from the basic auth days": the type named, its authentication a few words on.
  {
    value: 'm365-basic',
    rule: 'ds.m365-basic.type-basic', gate: /365/,
    re: rxg(String.raw`${M365_NAME} (?:directory (?:service )?type|type|typ|verzeichnisdienst\w*|sync\w*|synchroni\w*)${gap(5)} (?:basic|standardauth\w*)\b`),
    confidence: 0.8,
  },
  { value: 'm365-modern', rule: 'ds.m365-modern.current', gate: /365/, re: rxg(String.raw`${M365_NAME}${AUTH_SEP}modern(?: auth\w*)?\)?`), confidence: 0.9, needsState: true },
  // "our Microsoft 365 connection already uses OAuth (modern auth) for directory sync": the type, said another way.
  {
    value: 'm365-modern',
    rule: 'ds.m365-modern.sync-state',
    gate: /oauth|modern/i,
    re: rxg(String.raw`(?:\boauth\w*|\bmodern\w* auth\w*)${gap(5)} (?:for |für )?(?:the )?(?:directory sync\w*|directory services?|user sync\w*|verzeichnisdienst\w*|benutzersynchronisation)`),
    confidence: 0.75,
    needsState: true,
  },
  {
    value: 'm365-basic',
    rule: 'ds.m365.sync-source', gate: /sync|abgegl/i,
    re: rxg(String.raw`(?:\bsync\w*|synchroni\w*|abgeglichen)${gap(5)} (?:from|with|against|mit|gegen|aus|über) (?:the |dem |der )?(?:${M365_NAME}|${ENTRA})(?! ?connect)(?!${AUTH_SEP}(?:basic|modern))`),
    confidence: 0.62,
  },
  { value: 'm365-basic', rule: 'ds.m365.sync-named', gate: /sync/i, re: rxg(String.raw`(?:${ENTRA}|${M365_NAME})[-\s]?(?:user ?)?(?:sync\w*|synchroni\w*)`), confidence: 0.6 },
  // "Verzeichnisdienst 'Office 365'", "Directory Services type: Office 365": the type named by its setting. A bare
  // Microsoft 365 / Office 365 (the type's name before Modern Authentication existed) is the Basic one; a clause that
  // says the setup is already converted turns it into Modern below, like a plain sync.
  {
    value: 'm365-basic',
    rule: 'ds.m365.type-named', gate: /365/,
    // "als Verzeichnisdienst noch 'Office 365' drin", "directory service is still Office 365": the old name, still set.
    re: rxg(String.raw`${DS_TYPE_NOUN} ?(?:is |ist |= ?|: ?|set to |steht auf )?(?:(?:still|noch|immer noch) )?['"„“‚‘]?${M365_NAME}(?!${AUTH_SEP}(?:modern|basic))`),
    confidence: 0.7,
    colonLeadIn: true,
  },
  { value: 'active-directory', rule: 'ds.active-directory.named', gate: /directory/i, re: rxg(String.raw`(?<!azure[-\s]?|entra[-\s]?|formerly |früher |ehemals )(?:on-?prem\w* |lokal\w* )?active[-\s]directory(?! federation)`), confidence: 0.88 },
  { value: 'active-directory', rule: 'ds.active-directory.abbreviation', gate: /AD/, re: rxg(String.raw`(?<![Aa]zure[-\s]?|Entra[-\s]?|[A-Za-z])AD(?![A-Za-z]|[-\s]?Connect|[-\s]?FS\b)`, 'g'), confidence: 0.85 },
  // Only a Windows domain has domain controllers: weaker than the name, but the same directory.
  { value: 'active-directory', rule: 'ds.active-directory.domain-controller', gate: loose(/domain|domän/i), re: rxg(String.raw`\b(?:domain controllers?|domänencontroller\w*|windows[-\s]domain|windows-domäne)\b`), confidence: 0.7 },
  { value: 'ldap', rule: 'ds.ldap.generic', gate: /ldap/i, re: rxg(String.raw`ldap[-\s]generic|generic ldap`), confidence: 0.95 },
  { value: 'ldap', rule: 'ds.ldap.named', gate: /ldap|edirectory|freeipa|opendj/i, re: rxg(String.raw`\bLDAP(?![-\s]generic)\b|\bopenldap\b|\bedirectory\b|\bfreeipa\b|\bopendj\b`), confidence: 0.85 },
  { value: 'application-integration', rule: 'ds.application-integration.named', gate: /integration/i, re: rxg(String.raw`application[-\s]integration|anwendungs-?integration|applikations-?integration`), confidence: 0.95 },
  { value: 'other', rule: 'ds.other.named', gate: /google|suite|mdaemon|kerio|icewarp|zimbra/i, re: rxg(String.raw`google workspace|\bg ?suite\b|google apps|\bmdaemon\b|\bkerio(?: connect)?\b|\bicewarp\b|\bzimbra\b`), confidence: 0.85 },
  {
    value: 'internal',
    rule: 'ds.internal.no-directory', gate: /directory|verzeichnis/i,
    re: rxg(String.raw`(?:\bno\b|\bkein\w*|\bwithout\b|\bohne\b|\bnever (?:set up|configured|used)|\b(?:don't|do not|doesn't|does not) (?:use|have)) (?:an? |any |einen )?(?:directory services?|verzeichnisdienst\w*)(?! (?:change|änderung|switch|wechsel))|(?:directory services?|verzeichnisdienst\w*) (?:haben wir nicht|gibt es (?:bei uns )?nicht|(?:is|are) not (?:configured|set up|used)|(?:isn't|aren't) (?:configured|set up|used)|nicht eingerichtet)`),
    confidence: 0.9,
  },
  {
    value: 'internal',
    rule: 'ds.internal.manual-users', gate: loose(/hand|manual|manuell|händisch|intern|managed/i),
    re: rxg(String.raw`(?:created|angelegt|erstellt|added|set up|eingerichtet|gepflegt|managed|maintained|verwaltet)${gap(3)} (?:by hand|manually|von hand|manuell|händisch|direkt in mailstore|directly in mailstore|intern\b)|(?:by hand|manually|von hand|manuell|händisch|intern)${gap(3)} (?:created|angelegt|erstellt|added|verwaltet|gepflegt)|\bmanually created\b|internal user management|interne\w* benutzerverwaltung|users are managed in mailstore`),
    confidence: 0.8,
  },
];

// A wish or plan: "we want MailStore to sync from Microsoft 365" is the target, not the current sync.
const DESIRE = rx(String.raw`\bwant\w*|would like|'d like|\bmöcht\w*|\bwoll\w*|\bshould\b|\bsoll\w*|\bneed to\b|\bplan\w*|künftig|from now on|\bwill\b|\bwerden\b`);
const MODERN_STATE_RE = rx(MODERN_STATE);
// "already converted", "bereits auf Modern umgestellt": said of a type setting that only reads "Microsoft 365".
const CONVERTED_RE = rx(String.raw`\b(?:already|bereits|schon)${gap(6)} (?:converted|switched|migrated|moved|umgestellt|gewechselt|migriert|modern\w*)\b`);
const CAPABILITY = rx(String.raw`^(?:can|could|does|do|is it possible|kann|können|könnte|lässt|ist es möglich|geht)\b`);
const TYPE_WORDS = rx(String.raw`directory services?|verzeichnisdienst\w*|\btype\b|\btyp\b|drop-?down|eingestellt|set to|\bsync\w*|synchronis\w*`);
const CORRECTION = rx(String.raw`\bkorrektur\b|\bcorrection\b|\bactually\b|\bsorry\b|\bi meant\b|\beigentlich\b|\bto clarify\b|\bupdate\b|\bnachtrag\b|\bchecked\b|\bgeprüft\b`);

function candidateFor(p: NamePattern, clause: Clause, sentence: Sentence, localIndex: number, localEnd: number): number | null {
  if (p.value !== 'internal' && (negatedBefore(clause, localIndex) || noLongerAfter(clause, localEnd))) return null;
  if (inPast(clause, sentence, localIndex) && p.value !== 'internal') return null;
  if (p.rule.startsWith('ds.m365.') && (DESIRE.test(clause.text) || inFuture(clause, localIndex))) return null;
  // "Can the Directory Services page sync users from Microsoft 365?" asks what is possible, not what is set up.
  if (p.rule.startsWith('ds.m365.') && sentence.isQuestion && CAPABILITY.test(sentence.text)) return null;
  if (p.needsState) return MODERN_STATE_RE.test(clause.text) || MODERN_STATE_RE.test(sentence.text.slice(0, 60)) || completedDirectoryMove(clause) ? p.confidence : null;
  if (isFormerSource(clause, localIndex)) return null;
  if (p.value !== 'm365-basic' && (isTarget(clause, localIndex) || inFuture(clause, localIndex))) return null;
  let confidence = p.confidence;
  if (TYPE_WORDS.test(clause.text)) confidence += 0.04;
  if (sentence.isQuestion) confidence -= 0.1;
  if (CORRECTION.test(sentence.text)) confidence += 0.03;
  return Math.min(confidence, 0.98);
}

// Cheap gate before the name patterns: a directory is never named without one of these.
export const TRIGGER = loose(/microsoft|office|m365|o365|ms ?365|azure|entra|aad|active|domain|domän|ldap|edirectory|freeipa|opendj|integration|google|suite|mdaemon|kerio|icewarp|zimbra|verzeichnis|directory|hand|manual|manuell|händisch|intern|sync|synchron|abgegl/i);
export const TRIGGER_AD = /AD/;

export function extractDirectoryService(view: ThreadView): Candidate<'directoryService'>[] {
  const out: Candidate<'directoryService'>[] = [];
  for (const [message, unit, sentence] of sentencesOf(view)) {
    if (!TRIGGER.test(sentence.text) && !TRIGGER_AD.test(sentence.text)) continue;
    sentence.clauses.forEach((clause, ci) => {
      const taken: Array<[number, number]> = [];
      // "Verzeichnisdienst: Office 365": the colon ends a clause, but the setting and its value belong together.
      const prev = sentence.clauses[ci - 1];
      const joint = prev ? sentence.text.slice(prev.start - sentence.start, clause.start - sentence.start) : '';
      const lead = prev && /:/.test(joint.slice(prev.text.length)) ? joint : '';
      for (const p of NAMES) {
        const text = p.colonLeadIn ? lead + clause.text : clause.text;
        const offset = text.length - clause.text.length;
        if (!p.gate.test(clause.text)) continue;
        p.re.lastIndex = 0;
        for (const m of text.matchAll(p.re)) {
          // Positions inside the clause; a match must end in it (what starts in the lead-in belongs to the clause before).
          if (m.index + m[0].length <= offset) continue;
          const s = Math.max(0, m.index - offset);
          const e = m.index + m[0].length - offset;
          // One stretch of text is one mention ("Microsoft 365 (Basic Authentication)" is not also a sync source).
          if (taken.some(([a, b]) => s < b && e > a)) continue;
          let confidence = candidateFor(p, clause, sentence, s, e);
          if (confidence === null) continue;
          let value = p.value;
          // A plain "sync with Microsoft 365" on a setup the customer calls converted is the modern type. A type
          // setting that reads "Microsoft 365" is the old name; only a word of conversion after it (in the same
          // sentence: "Verzeichnisdienst: Microsoft 365, bereits umgestellt") makes it the new one.
          const converted = p.colonLeadIn ? CONVERTED_RE.test(sentence.text.slice(clause.start - sentence.start + s)) || completedDirectoryMove(clause) : MODERN_STATE_RE.test(clause.text);
          if (p.rule.startsWith('ds.m365.') && converted) value = 'm365-modern';
          if (message.where === 'subject') confidence *= 0.92;
          taken.push([s, e]);
          out.push(makeCandidate('directoryService', value, p.rule, message, clause.start + m.index - offset, clause.start + e, confidence, unit.source));
        }
      }
    });
  }
  return out;
}


// Several setups in one ticket ("two instances", "beide Mandanten", "3 installations"): an SPE partner or a customer
// with more than one MailStore.
const SEVERAL_SETUPS = rx(String.raw`\b(?:two|three|several|multiple|both|zwei|drei|mehrere|beide\w*|[2-9]) (?:\S+ ){0,3}?(?:instances?|instanzen|tenants?|mandanten|installations?|installationen)\b`);
// A later answer that picks one of them ("nur die erste Instanz", "only the UK one", "just tenant B").
const NARROWED = rx(String.raw`^\W*(?:\S+ )?(?:only|just|nur|lediglich|ausschließlich)\b`);

/**
 * Each setup named with its own type ("hollis-uk syncs with AD, hollis-ie uses Microsoft 365 Basic") and the
 * question about all of them: no single type is configured, so the directory is unknown (the full guide covers
 * both). Only when the two types come from the customer's own words in the deciding message and no later customer
 * message narrows the ticket to one setup; then the usual reading stands.
 */
export function typesPerSetup(view: ThreadView, ds: Resolved<'directoryService'>, candidates: Candidate<'directoryService'>[]): boolean {
  if (!ds.conflict || ds.support.length === 0) return false;
  const deciding = ds.support[0]!.message;
  const values = new Set(candidates.filter((c) => c.message === deciding && c.source === 'own').map((c) => c.value));
  if (values.size < 2) return false;
  const customer = customerMessages(view);
  if (!customer.some((m) => SEVERAL_SETUPS.test(messageText(m)))) return false;
  return !customer.some((m) => m.order > deciding.order && NARROWED.test(messageText(m)));
}
