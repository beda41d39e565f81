// Clause-level tests shared by the extractors: is a mention negated, in the past or future, a target, hedged?
import { FUTURE, HEDGE, MODERN_TARGET, MOVED_DIRECTORY, NEGATOR, PAST, PAST_MOVE_VERB, POLITE_PLAN, PRESENT, rx } from './patterns.js';
import type { Clause, Sentence } from './sentences.js';

// A negator, then at most three filler words, right before the mention ("kein lokales AD", "don't use the AD",
// "nicht 'Active Directory'"). Longer distances belong to other words of the clause.
const NEG_FILLER = String.raw`(?:use|using|used|have|had|run|running|any|an?|the|our|their|local|lokale[snmr]?|on-?prem\w*|more|longer|mehr|ein(?:en|e)?|das|den|dem|der|die|type|typ|set up|configured|eingestellt|ist|is|as|als)`;
const NEGATED_BEFORE = rx(
  String.raw`(?:\bnot\b|n't\b|\bno\b|\bkein\w*|\bnicht\b|\bnever\b|\bno longer\b|\bnicht mehr\b|\bweder\b|\bnor\b|\bgot rid of\b|\bremoved\b|\bdecommissioned\b|\bretired\b|\breplaced\b|\bshut down\b|\bswitched off\b|\babgeschafft\b|\babgelöst\b|\babgeschaltet\b)(?: ${NEG_FILLER}){0,3} ?['"„“‘]?$`,
);
const NO_LONGER_AFTER = rx(String.raw`^['"”’]? (?:(?:is|are|was|were|wird|ist) )?(?:no longer|not any ?more|nicht mehr|anymore)\b`);
const PAST_RE = rx(PAST);
const PRESENT_RE = rx(PRESENT);
const FUTURE_RE = rx(FUTURE);
const HEDGE_RE = rx(HEDGE);
const NEGATOR_RE = rx(NEGATOR);
const TARGET_BEFORE = rx(String.raw`(?:\bto\b|\bonto\b|\binto\b|\btowards\b|\bauf\b|\bzu\b|\bnach\b|->|→|=>)(?: (?:the|das|den|dem|die|der|an?|ein(?:en|e)?))? ?['"„“‘]?$`);
const MOVE_VERB = rx(String.raw`\b(?:switch\w*|mov\w+|migrat\w+|convert\w*|go|going|chang\w+|wechs\w+|umstell\w*|umstieg\w*|umzieh\w*|umgezogen|bring\w*|get \w+ onto)\b|->|→`);
const FROM_BEFORE = rx(String.raw`(?:\bfrom\b|\bvon\b|\bweg von\b|\bleaving\b|\breplace\b|\bersetzen\b)(?: (?:the|das|den|dem|der|die|our|unserem|unserer))? ?['"„“‘]?$`);

export function negatedBefore(clause: Clause, localIndex: number): boolean {
  return NEGATED_BEFORE.test(clause.text.slice(Math.max(0, localIndex - 60), localIndex));
}

export function noLongerAfter(clause: Clause, localEnd: number): boolean {
  return NO_LONGER_AFTER.test(clause.text.slice(localEnd, localEnd + 40));
}

// "set up with X two years ago", "switched to X in 2019": a past event whose result is still the setup.
const EVENT_INTO = rx(String.raw`\b(?:set up|configured|converted|switched|moved|migrated|changed|umgestellt|eingerichtet|gewechselt|umgezogen)\b(?: \S+){0,4}? (?:to|with|auf|zu|mit|onto) (?:the |das |den |dem |die |der )?['"„“]?$`);

/** The clause talks about an earlier setup ("we used to", "bis 2019"), or its sentence does and says nothing of now. */
export function inPast(clause: Clause, sentence: Sentence, localIndex = -1): boolean {
  if (localIndex >= 0 && EVENT_INTO.test(clause.text.slice(Math.max(0, localIndex - 80), localIndex))) return false;
  if (PAST_RE.test(clause.text)) return true;
  return PAST_RE.test(sentence.text) && !PRESENT_RE.test(sentence.text);
}

export function inFuture(clause: Clause, localIndex: number): boolean {
  return FUTURE_RE.test(clause.text) && !FROM_BEFORE.test(clause.text.slice(0, localIndex));
}

/** "switch to X", "auf X umstellen": X is where the customer wants to go, not what they have. */
export function isTarget(clause: Clause, localIndex: number): boolean {
  const before = clause.text.slice(Math.max(0, localIndex - 40), localIndex);
  return TARGET_BEFORE.test(before) && MOVE_VERB.test(clause.text);
}

// "We would really like to…", "Wir würden das AD gerne behalten": a wish, not a hypothetical.
const POLITE_WISH = rx(String.raw`\b(?:would|'d)\b(?: \S+){0,2}? (?:like|prefer|rather|love)\b|\b(?:würde\w*|hätte\w*)\b(?: \S+){0,6}? (?:gerne?|ungern|lieber)\b`, 'gi');

// Global: `.replace` removes every polite plan (choice-concepts.ts POLITE_PLAN_ALONE_RE is the same pattern for `.test`).
const POLITE_PLAN_RE = rx(POLITE_PLAN, 'gi');

export function isHedged(text: string): boolean {
  POLITE_WISH.lastIndex = 0;
  POLITE_PLAN_RE.lastIndex = 0;
  return HEDGE_RE.test(text.replace(POLITE_WISH, ' ').replace(POLITE_PLAN_RE, ' '));
}

export function hasNegator(text: string): boolean {
  return NEGATOR_RE.test(text);
}

const PAST_MOVE_RE = rx(PAST_MOVE_VERB);
const MODERN_TARGET_RE = rx(MODERN_TARGET);
const MOVED_DIRECTORY_RE = rx(MOVED_DIRECTORY);
// "once we have switched …", "we need it converted …", "not yet switched" (NEGATOR leaves "not yet" out): not done.
const NOT_DONE = rx(String.raw`\bnot\b|n't\b|\bnicht\b|\bnoch kein\w*|\bnever\b|\bnie\b|\byet\b|\bonce\b|\bsobald\b|\bbevor\b|\bbefore\b|\bwant\w*|\bneed\w*|\bmust\b|\bhave to\b|\bplan\w*|\bmöcht\w*|\bwoll\w*|\bsoll\w*|\bmüss\w*|\bmuss\b`);

/** The clause reports a finished move of the directory to Microsoft 365 Modern: what it names as "from" is former. */
export function completedDirectoryMove(clause: Clause): boolean {
  const t = clause.text;
  if (clause.isQuestion || !PAST_MOVE_RE.test(t) || !MODERN_TARGET_RE.test(t) || !MOVED_DIRECTORY_RE.test(t)) return false;
  return !hasNegator(t) && !isHedged(t) && !NOT_DONE.test(t);
}

/** "von AD auf Microsoft 365 (Modern) umgestellt": the mention is where a finished move started, not the setup now. */
export function isFormerSource(clause: Clause, localIndex: number): boolean {
  return FROM_BEFORE.test(clause.text.slice(Math.max(0, localIndex - 40), localIndex)) && completedDirectoryMove(clause);
}
