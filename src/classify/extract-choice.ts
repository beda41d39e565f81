// choice: rename (switch fully, users renamed) or hybrid (keep the directory, move only archiving), as the customer
// states it. Not a choice: questions ("Werden die Benutzer umbenannt?"), comparisons ("rename vs keep AD"),
// hedges ("I'm hoping no renaming is needed"), consequences ("würden sich also ändern").
// Negation flips the idea: "no user renames" / "must not change" = hybrid, "keeping MDaemon isn't an option" =
// rename, while "we don't mind if usernames change" / "kein Problem" are acceptance, not negation.
import { makeCandidate, type Candidate } from './candidate.js';
import * as C from './choice-concepts.js';
import { loose } from './patterns.js';
import { hasNegator, isHedged } from './context.js';
import type { Clause, Sentence } from './sentences.js';
import { sentencesOf, type Message, type Source, type ThreadView } from './thread-view.js';
import type { Choice } from './types.js';

type Emit = (value: Choice, rule: string, start: number, end: number, confidence: number) => void;

/** Blank out acceptance idioms so their "no"/"kein"/"if" are not read as negation or hedging. */
function maskAccept(text: string): { masked: string; accepted: boolean } {
  let accepted = false;
  C.ACCEPT_RE.lastIndex = 0;
  const masked = text.replace(C.ACCEPT_RE, (m) => {
    accepted = true;
    return ' '.repeat(m.length);
  });
  return { masked, accepted };
}

interface SentenceFacts {
  decided: boolean;
  /** Decided only through a polite conditional ("wir würden daher …"): a newer, less certain reading. */
  politeOnly: boolean;
  accepted: boolean;
  comparing: boolean;
}

function sentenceFacts(sentence: Sentence): SentenceFacts {
  const { masked, accepted } = maskAccept(sentence.text);
  C.RENAME_STRONG.lastIndex = 0;
  C.KEEP.lastIndex = 0;
  const both = C.RENAME_STRONG.test(masked) && C.KEEP.test(masked);
  const comparing = C.OPTIONS_RE.test(masked) || (both && C.ALTERNATIVE.test(masked)) || (sentence.isQuestion && startsInterrogative(sentence));
  const plain = C.DECIDE_PLAIN_RE.test(masked) || accepted;
  const polite = !plain && C.POLITE_PLAN_ALONE_RE.test(masked);
  return { decided: plain || polite, politeOnly: polite, accepted, comparing };
}

function startsInterrogative(sentence: Sentence): boolean {
  const first = sentence.clauses[0];
  return first !== undefined && first.isQuestion;
}

const TEMPORARY = loose(/^\W*(?:\S+\s+){0,3}?(?:for now|for the time being|for a while|vorerst|vorläufig|erstmal|erst mal|zunächst|bis auf weiteres)\b/i);
const COMPLETELY = loose(/complete|fully|entire|komplett|vollständig|gänzlich|ganz/i);
/** How far back a negation can reach inside a clause. */
const NEGATION_REACH = 120;

function negatedUpTo(maskedClause: string, end: number): boolean {
  return hasNegator(maskedClause.slice(Math.max(0, end - NEGATION_REACH), end));
}

// "Renaming those accounts is not something we want", "Eine Umbenennung kommt nicht in Frage": the idea is the
// subject of the clause, so the negation that follows it is about it.
const SUBJECT_LEAD = /^(?:(?:so|also|but|aber|and|und|then|dann|a|an|the|eine?|die|der|das|any|jede)\s+){0,2}$/i;
function negatedAfterSubject(maskedClause: string, m: RegExpMatchArray): boolean {
  if (!SUBJECT_LEAD.test(maskedClause.slice(0, m.index!))) return false;
  return hasNegator(maskedClause.slice(m.index! + m[0].length, m.index! + m[0].length + NEGATION_REACH));
}

// Keyword gates per idea, so the costly concept regexes only run where they can match.
export const GATE_STRONG = loose(/renam|re-nam|umbenenn|umbenann|umzubenenn|benenn|complet|fully|entire|komplett|ganz|vollst|gänzl|retire|drop|rid of|replac|ditch|abandon|decommission|abschaff|ablös|loszuw|loswerd/i);
export const GATE_DROP = /nicht mehr|no longer|not any/i;
export const GATE_WEAK = loose(/chang|änder|touch|anfass|angefasst|alter|modif|switch|umstell|umgestellt|wechsel|nothing|nichts/i);
export const GATE_KEEP = loose(/keep|behalt|behält|belass|bleib|bestehen|stay|remain|leav|lassen|unverändert|unchanged|untouched|as it is|as is|stick|continu|weiter/i);
export const GATE_HYBRID = /hybrid/i;

/**
 * "The AD stays for now, but MailStore should get its users from 365": the keep is about the organisation, the
 * contrast says where MailStore's users will come from, so the sentence is a rename. Returns the contrast clause.
 */
function contrastSwitch(sentence: Sentence, facts: SentenceFacts, emit: Emit): Clause | undefined {
  const i = sentence.clauses.findIndex((c) => C.CONTRAST_START.test(c.text) && !c.isQuestion);
  if (i <= 0) return undefined;
  const clause = sentence.clauses[i]!;
  C.USERS_FROM_M365.lastIndex = 0;
  const m = C.USERS_FROM_M365.exec(clause.text);
  if (!m || !(facts.decided || C.DECIDE_RE.test(clause.text)) || isHedged(clause.text) || negatedUpTo(clause.text, m.index)) return undefined;
  const kept = sentence.clauses.slice(0, i).some((c) => {
    C.KEEP.lastIndex = 0;
    return C.KEEP.test(c.text) && !hasNegator(c.text);
  });
  if (!kept) return undefined;
  emit('rename', 'choice.rename.users-from-m365', clause.start + m.index, clause.start + m.index + m[0].length, 0.85);
  return clause;
}

function fromClause(clause: Clause, sentence: Sentence, facts: SentenceFacts, emit: Emit): void {
  const t = clause.text;
  const gates = { strong: GATE_STRONG.test(t), drop: GATE_DROP.test(t), weak: GATE_WEAK.test(t), keep: GATE_KEEP.test(t), hybrid: GATE_HYBRID.test(t) };
  if (!gates.strong && !gates.drop && !gates.weak && !gates.keep && !gates.hybrid) return;
  const { masked } = maskAccept(t);
  const hedged = clause.isQuestion || isHedged(masked);
  const imperative = C.IMPERATIVE.test(masked) || C.NEGATED_START.test(masked);
  const decided = facts.decided || imperative;
  const at = (m: RegExpMatchArray): [number, number] => [clause.start + m.index!, clause.start + m.index! + m[0].length];

  C.RENAME_DROP_DIRECTORY.lastIndex = 0;
  const drops = gates.drop ? [...masked.matchAll(C.RENAME_DROP_DIRECTORY)] : [];
  for (const m of drops) if (!hedged) emit('rename', 'choice.rename.drop-directory', ...at(m), 0.82);
  if (hedged) return;

  C.RENAME_STRONG.lastIndex = 0;
  if (gates.strong) for (const m of masked.matchAll(C.RENAME_STRONG)) {
    if (drops.some((d) => d.index! <= m.index! && m.index! < d.index! + d[0].length)) continue;
    // "Renaming is not an option": the verdict itself is the decision.
    const ruledOut = C.POST_NEGATOR_RE.test(masked.slice(m.index! + m[0].length));
    const negated = ruledOut || negatedUpTo(masked, m.index! + m[0].length) || negatedAfterSubject(masked, m);
    if (negated && (decided || ruledOut)) emit('hybrid', 'choice.hybrid.no-rename', ...at(m), 0.88);
    else if (!negated && decided) emit('rename', COMPLETELY.test(m[0]) ? 'choice.rename.switch-completely' : 'choice.rename.stated', ...at(m), 0.88);
  }
  C.RENAME_WEAK.lastIndex = 0;
  if (gates.weak) for (const m of masked.matchAll(C.RENAME_WEAK)) {
    const negated = negatedUpTo(masked, m.index! + m[0].length);
    if (negated && (decided || /\bnothing\b|\bnichts\b/i.test(m[0]))) emit('hybrid', 'choice.hybrid.no-change', ...at(m), 0.82);
    else if (!negated && facts.accepted) emit('rename', 'choice.rename.accepts-change', ...at(m), 0.86);
  }
  C.KEEP.lastIndex = 0;
  const keepObject = gates.keep && C.KEEP_OBJECT.test(masked);
  if (keepObject) for (const m of masked.matchAll(C.KEEP)) {
    const negated = negatedUpTo(masked, m.index!) || C.POST_NEGATOR_RE.test(masked.slice(m.index! + m[0].length)) || negatedAfterSubject(masked, m);
    if (negated) emit('rename', 'choice.rename.not-keeping', ...at(m), 0.85);
    // "AD stays for now": the organisation keeps it a while, which a stated switch of MailStore outweighs.
    else if (TEMPORARY.test(masked.slice(m.index! + m[0].length, m.index! + m[0].length + 40))) emit('hybrid', 'choice.hybrid.keep-for-now', ...at(m), 0.7);
    else emit('hybrid', 'choice.hybrid.keep-directory', ...at(m), decided ? 0.88 : 0.84);
  }
  C.HYBRID_NAMED.lastIndex = 0;
  if (gates.hybrid) for (const m of masked.matchAll(C.HYBRID_NAMED)) {
    if (!decided) continue;
    const negated = negatedUpTo(masked, m.index!);
    emit(negated ? 'rename' : 'hybrid', negated ? 'choice.rename.not-hybrid' : 'choice.hybrid.named', ...at(m), negated ? 0.6 : 0.85);
  }
}


export const GATE_UNDECIDED = loose(/decided|entschieden|made up|einig|sure|sicher|discuss|besprech|consider|thinking|überleg|entschlossen|weiß|variante|agreed|deciding|melden/i);
export const GATE_CONSTRAINT = /keeping|without|ohne|beibehaltung/i;
const HOW_QUESTION = /^\W*(?:how|what|which|wie|was|welche)\b/i;

// Cheap gate for the whole sentence: the union of every gate above.
const TRIGGER = new RegExp([GATE_STRONG, GATE_DROP, GATE_WEAK, GATE_KEEP, GATE_HYBRID, GATE_UNDECIDED, GATE_CONSTRAINT, /archiv/].map((r) => r.source).join('|'), 'i');

function fromSentence(message: Message, source: Source, sentence: Sentence, out: Candidate<'choice'>[]): void {
  if (!TRIGGER.test(sentence.text)) return;
  const emit: Emit = (value, rule, start, end, confidence) => {
    const c = confidence * (message.where === 'subject' ? 0.9 : 1);
    out.push(makeCandidate('choice', value, rule, message, start, end, c, source));
  };
  C.UNDECIDED_RE.lastIndex = 0;
  if (GATE_UNDECIDED.test(sentence.text)) for (const m of sentence.text.matchAll(C.UNDECIDED_RE)) emit('undecided', 'choice.undecided.stated', sentence.start + m.index, sentence.start + m.index + m[0].length, 0.85);
  C.KEEP_CONSTRAINT.lastIndex = 0;
  // "How do we … while keeping our directory?" presupposes the keep; "Is it possible without renaming?" asks.
  const constraintAllowed = !sentence.isQuestion || HOW_QUESTION.test(sentence.text);
  if (constraintAllowed && GATE_CONSTRAINT.test(sentence.text)) for (const m of sentence.text.matchAll(C.KEEP_CONSTRAINT)) emit('hybrid', 'choice.hybrid.keep-constraint', sentence.start + m.index, sentence.start + m.index + m[0].length, 0.62);
  const facts = sentenceFacts(sentence);
  // Kept below the auto-send band: a choice read only from "we would therefore …" goes to a person.
  const emitChoice: Emit = facts.politeOnly ? (value, rule, start, end, confidence) => emit(value, rule, start, end, value === 'undecided' ? confidence : confidence * 0.93) : emit;
  // Asking about the options (again) is a statement of indecision, weaker than a stated choice.
  if (facts.comparing || sentence.isQuestion) {
    C.RENAME_STRONG.lastIndex = 0;
    C.KEEP.lastIndex = 0;
    // Only the two ideas themselves; "do the usernames change?" asks about the names, not about the options.
    const m = C.RENAME_STRONG.exec(sentence.text) ?? C.KEEP.exec(sentence.text);
    if (m) emit('undecided', 'choice.undecided.asks', sentence.start + m.index, sentence.start + m.index + m[0].length, 0.6);
  }
  if (facts.comparing) return;
  const contrast = contrastSwitch(sentence, facts, emitChoice);
  for (const clause of sentence.clauses) {
    // Before the contrast only the organisation's directory was said to stay.
    if (contrast && clause.start < contrast.start) continue;
    fromClause(clause, sentence, facts, emitChoice);
  }
  C.ONLY_ARCHIVING.lastIndex = 0;
  if (/archiv/i.test(sentence.text)) for (const m of sentence.text.matchAll(C.ONLY_ARCHIVING)) {
    if (sentence.isQuestion || C.ONLY_ARCHIVING_NOT_A_CHOICE.test(sentence.text) || !C.ONLY_ARCHIVING_ACTION.test(sentence.text)) continue;
    if (isHedged(sentence.text.slice(0, m.index))) continue;
    emit('hybrid', 'choice.hybrid.archiving-only', sentence.start + m.index, sentence.start + m.index + m[0].length, 0.6);
  }
}

export function extractChoice(view: ThreadView): Candidate<'choice'>[] {
  const out: Candidate<'choice'>[] = [];
  for (const [message, unit, sentence] of sentencesOf(view)) fromSentence(message, unit.source, sentence, out);
  // Inside one message a stated choice outweighs doubts about details ("not sure yet how, but the AD stays").
  const decidedIn = new Set(out.filter((c) => c.value !== 'undecided').map((c) => c.message));
  return out.filter((c) => c.value !== 'undecided' || !decidedIn.has(c.message));
}
