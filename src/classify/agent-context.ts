// Agent comments never set a slot, but an agent's question gives the customer's short answer its meaning:
// "LDAP or AD?" / "the second one"; "do the usernames contain the domain?" / "no"; "rename or keep?" / "keep it".
// Such readings carry the 'agent-context' source: lower confidence, and never enough for auto-send.
import { makeCandidate, type Candidate } from './candidate.js';
import { AUTH_SEP, NAMES_NOUN, rx, withUmlautSpellings } from './patterns.js';
import { customerMessages, precedingAgent, type Message, type ThreadView } from './thread-view.js';
import type { Choice, DirectoryService } from './types.js';

export interface AgentContextCandidates {
  directoryService: Candidate<'directoryService'>[];
  usernamesChange: Candidate<'usernamesChange'>[];
  choice: Candidate<'choice'>[];
}

// Bare ordinals at the start ("The second one."), numbered options anywhere ("Wir nehmen Variante 2").
const FIRST = rx(String.raw`^(?:the )?(?:first|former|1st)\b|\b(?:option|variant|variante|weg|path|nummer|nr\.?) ?(?:1|one|eins)\b|\bthe (?:first|former) (?:one|option|way|path|variant)\b|\b(?:das|die|der|den) erste\w*(?: (?:variante|option|weg))?\b|\berstere\w*`);
const SECOND = rx(String.raw`^(?:the )?(?:second|latter|2nd|last)\b|\b(?:option|variant|variante|weg|path|nummer|nr\.?) ?(?:2|two|zwei)\b|\bthe (?:second|latter|last) (?:one|option|way|path|variant)\b|\b(?:das|die|der|den) (?:zweite|letzte)\w*(?: (?:variante|option|weg))?\b|\bletztere\w*`);
const YES = rx(String.raw`^(?:yes|yep|yeah|yup|correct|right|exactly|indeed|that's (?:right|correct)|ja|jawohl|genau|richtig|korrekt|stimmt|jep)\b`);
const NO = rx(String.raw`^(?:no|nope|not really|nein|nö|eher nicht|leider nicht)\b(?! (?:idea|clue|ahnung))`);
const KEEP_ANSWER = rx(String.raw`^(?:(?:please|bitte|we'll|we will|we|wir|let's) )?(?:keep|keeping|behalten|beibehalten|belassen|leave|lassen)\b|\bthe hybrid\b|^hybrid\b`);
const RENAME_ANSWER = rx(String.raw`^(?:(?:please|bitte|we'll|we will|we|wir|let's) )?(?:rename|renaming|umbenennen|umbenennung)\b`);

const RENAME_IN_QUESTION = rx(String.raw`\brenam\w*|\bumbenenn\w*|\bumbenannt\w*|\bcompletely\b|\bkomplett\b|\bfully\b`);
const KEEP_IN_QUESTION = rx(String.raw`\bkeep\w*|\bbehalten\b|\bbeibehalten\b|\bbelassen\b|\bleave\b|\bunverändert\b|\bas it is\b|\bhybrid\b`);
const DS_IN_QUESTION: Array<[DirectoryService, RegExp]> = [
  ['m365-basic', rx(String.raw`(?:microsoft|office) ?365${AUTH_SEP}basic`)],
  ['m365-modern', rx(String.raw`(?:microsoft|office) ?365${AUTH_SEP}modern`)],
  ['active-directory', rx(String.raw`(?<!azure |entra )active directory|(?<![A-Za-z])AD(?![A-Za-z])`)],
  ['ldap', rx(String.raw`\bldap\b`)],
  ['application-integration', rx(String.raw`application integration|anwendungsintegration`)],
  ['other', rx(String.raw`google workspace|mdaemon|kerio|icewarp`)],
  ['internal', rx(String.raw`no directory service|kein\w* verzeichnisdienst|internal user`)],
];
const NAMES_QUESTION = rx(NAMES_NOUN);
const CHANGE_POLARITY = rx(String.raw`\bchange\w*|\bändern\b|\brenam\w*|\bumbenannt\w*|\bwithout\b|\bohne\b|\bshort\b|\bkurz\w*`);
const FORMAT_POLARITY = rx(String.raw`@|\bdomain\b|\bupns?\b|e-?mail|adresse|\bmatch\w*|entsprechen|user@`);

// The agent's numbered options, one per line ("1) AD behalten …\n2) umbenennen …"), inline ("… 1) rename …, or
// 2) keep …") or labelled ("Variante 1: …", "Option 2 - …", "Weg 1) …"). Only ")" marks an unlabelled inline item:
// "am 3. März" must not open one; a labelled one needs its ":", ")", "." or dash, so "Option 1 is faster" is not.
const LIST_LABEL = String.raw`(?:option|variante?|weg|möglichkeit|alternative|path|way|nr\.?|nummer)`;
const LIST_ITEM = new RegExp(
  withUmlautSpellings(String.raw`(?:^[ \t]*\(?([1-9])[.)]|(?<=\s)\(?([1-9])\)|(?<![\wÀ-ÿ])${LIST_LABEL}[ \t]?([1-9])[ \t]?(?:[:.)]|[-–](?=[ \t])))[ \t]+`),
  'gim',
);

// The same lists lettered instead of numbered ("(A) umbenennen … (B) AD behalten", "Option B: …"). Letters A-D only,
// in order from A, so a stray "(z. B.)" or "Plan B" cannot open a list.
const LETTER_ITEM = new RegExp(
  withUmlautSpellings(String.raw`(?:^[ \t]*\(?([a-d])[.)]|(?<=\s)\(?([a-d])\)|(?<![\wÀ-ÿ])${LIST_LABEL}[ \t]?([a-d])[ \t]?(?:[:.)]|[-–](?=[ \t])))[ \t]+`),
  'gim',
);
// A customer's whole answer is one of those letters ("B", "A bitte", "Variante B.", "We'll take A").
const LETTER_ANSWER = rx(String.raw`^(?:(?:(?:we'll|we|wir|ich|i) )?(?:take|go with|choose|nehmen|nehme|wählen) )?(?:${LIST_LABEL} )?\(?([a-d])\)?(?: ?[,.!]? ?(?:please|pls|bitte|thanks|danke)\b)?[\s.!]*$`);

/** What each numbered (or lettered) option of the agent proposes (null: neither idea), in the agent's order. */
function numberedChoices(text: string, list: RegExp = LIST_ITEM): Array<Choice | null> {
  const marks = [...text.matchAll(list)];
  const items: Array<Choice | null> = [];
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i]![1] ?? marks[i]![2] ?? marks[i]![3] ?? '';
    const n = /\d/.test(mark) ? Number(mark) : mark.toLowerCase().charCodeAt(0) - 96;
    if (n !== items.length + 1) return [];
    const body = text.slice(marks[i]!.index + marks[i]![0].length, marks[i + 1]?.index ?? text.length);
    const r = body.search(RENAME_IN_QUESTION);
    const k = body.search(KEEP_IN_QUESTION);
    items.push(r < 0 && k < 0 ? null : k < 0 || (r >= 0 && r < k) ? 'rename' : 'hybrid');
  }
  return items.includes('rename') && items.includes('hybrid') ? items : [];
}

interface AgentQuestion {
  choiceOrder: Choice[];
  /** The agent's numbered options, when they are the rename/keep choice: "the second" / "option 2" is item 2. */
  choiceList: Array<Choice | null>;
  /** The same for lettered options: "B" is item 2. */
  letterList: Array<Choice | null>;
  dsOrder: DirectoryService[];
  names: 'change' | 'format' | null;
}

function readQuestion(agent: Message): AgentQuestion {
  const sentences = agent.units.filter((u) => u.source === 'own').flatMap((u) => u.sentences);
  // The question and the sentence before it ("Two options: 1) rename … 2) keep … Which do you prefer?").
  const asked = sentences.filter((s, i) => s.isQuestion || sentences[i + 1]?.isQuestion === true);
  if (asked.length === 0) asked.push(...sentences);
  const text = asked.map((s) => s.text).join(' ');
  const last = asked[asked.length - 1]?.text ?? '';
  const r = text.search(RENAME_IN_QUESTION);
  const k = text.search(KEEP_IN_QUESTION);
  const choiceOrder: Choice[] = r >= 0 && k >= 0 ? (r < k ? ['rename', 'hybrid'] : ['hybrid', 'rename']) : r >= 0 ? ['rename'] : k >= 0 ? ['hybrid'] : [];
  const dsOrder = DS_IN_QUESTION.map(([v, re]) => [v, text.search(re)] as const)
    .filter(([, i]) => i >= 0)
    .sort((a, b) => a[1] - b[1])
    .map(([v]) => v);
  let names: AgentQuestion['names'] = null;
  // "Rename the users or keep LDAP?" asks for the choice, not about the names.
  if (NAMES_QUESTION.test(last) && choiceOrder.length < 2) names = CHANGE_POLARITY.test(last) ? 'change' : FORMAT_POLARITY.test(last) ? 'format' : null;
  const own = agent.units.filter((u) => u.source === 'own').map((u) => agent.original.slice(u.start, u.end)).join('\n');
  return { choiceOrder, choiceList: numberedChoices(own), letterList: numberedChoices(own, LETTER_ITEM), dsOrder, names };
}

// "Thanks.", "Hi Anna," before the actual answer.
const COURTESY = rx(String.raw`^(?:hi|hello|hallo|moin|servus|thanks|thank you|danke|vielen dank|ok|okay|alles klar|sure|gerne)\b[^.?!]{0,30}[.!,]?$`);

const words = (text: string): number => text.split(/\s+/).length;

/**
 * The customer's answer: the first own sentence after courtesies, if it is short enough to be an answer. A longer
 * sentence whose first clause is short ("Option 1 please, the DC goes away in June anyway") answers in that clause;
 * `clauseOnly` marks it, and only a pointer at an option or an explicit keep/rename is read from it (a bare "yes"
 * before a long explanation may answer something else).
 */
function answerSentence(message: Message): { start: number; text: string; clauseOnly: boolean } | undefined {
  const sentences = message.units.filter((u) => u.source === 'own').flatMap((u) => u.sentences).slice(0, 3);
  const s = sentences.find((x) => !COURTESY.test(x.text));
  if (!s) return undefined;
  if (words(s.text) <= 8) return { start: s.start, text: s.text, clauseOnly: false };
  const first = s.clauses[0];
  if (first && s.clauses.length > 1 && words(first.text) <= 4 && !first.isQuestion) return { start: first.start, text: first.text, clauseOnly: true };
  return undefined;
}

type Out = AgentContextCandidates;

function fromOrdinal(q: AgentQuestion, message: Message, t: string, span: (re: RegExp) => [number, number], out: Out): boolean {
  const ordinal = FIRST.test(t) ? 0 : SECOND.test(t) ? -1 : null;
  if (ordinal === null) return false;
  const re = ordinal === 0 ? FIRST : SECOND;
  const pick = <T>(list: T[]): T => (ordinal === 0 ? list[0]! : list[list.length - 1]!);
  // Against a numbered list "the second" is item 2, also when a third option follows ("the last" is the last).
  const listed = ordinal === 0 ? q.choiceList[0] : /\b(?:last|latter|letzte\w*)\b/i.test(t) ? q.choiceList[q.choiceList.length - 1] : q.choiceList[1];
  if (listed) out.choice.push(makeCandidate('choice', listed, 'choice.agent-context.numbered', message, ...span(re), 0.85, 'agent-context'));
  else if (q.choiceList.length > 0) return false; // the item pointed at is neither rename nor keep
  else if (q.choiceOrder.length === 2) out.choice.push(makeCandidate('choice', pick(q.choiceOrder), 'choice.agent-context.ordinal', message, ...span(re), 0.85, 'agent-context'));
  else if (q.dsOrder.length >= 2) out.directoryService.push(makeCandidate('directoryService', pick(q.dsOrder), 'ds.agent-context.ordinal', message, ...span(re), 0.85, 'agent-context'));
  else return false;
  return true;
}

/** "B" against the agent's "(A) … (B) …": the lettered item, when it is the rename or the keep option. */
function fromLetter(q: AgentQuestion, message: Message, t: string, span: (re: RegExp) => [number, number], out: Out): boolean {
  const m = LETTER_ANSWER.exec(t);
  const item = m ? q.letterList[m[1]!.toLowerCase().charCodeAt(0) - 97] : undefined;
  if (!item) return false;
  out.choice.push(makeCandidate('choice', item, 'choice.agent-context.lettered', message, ...span(LETTER_ANSWER), 0.85, 'agent-context'));
  return true;
}

function fromYesNo(q: AgentQuestion, message: Message, t: string, span: (re: RegExp) => [number, number], out: Out): boolean {
  const yes = YES.test(t);
  if (!yes && !NO.test(t)) return false;
  const re = yes ? YES : NO;
  if (q.names) {
    const value = (q.names === 'change') === yes ? 'yes' : 'no';
    out.usernamesChange.push(makeCandidate('usernamesChange', value, 'names.agent-context.yes-no', message, ...span(re), 0.85, 'agent-context'));
  } else if (q.choiceOrder.length === 1 && yes) {
    out.choice.push(makeCandidate('choice', q.choiceOrder[0]!, 'choice.agent-context.yes-no', message, ...span(re), 0.8, 'agent-context'));
  } else if (q.dsOrder.length === 1 && yes) {
    out.directoryService.push(makeCandidate('directoryService', q.dsOrder[0]!, 'ds.agent-context.yes-no', message, ...span(re), 0.8, 'agent-context'));
  } else return false;
  return true;
}

function fromKeepOrRename(q: AgentQuestion, message: Message, t: string, span: (re: RegExp) => [number, number], out: Out): boolean {
  if (q.choiceOrder.length === 0) return false;
  const keep = KEEP_ANSWER.test(t);
  const rename = RENAME_ANSWER.test(t);
  if (keep && !rename) out.choice.push(makeCandidate('choice', 'hybrid', 'choice.agent-context.keep', message, ...span(KEEP_ANSWER), 0.85, 'agent-context'));
  else if (rename && !keep) out.choice.push(makeCandidate('choice', 'rename', 'choice.agent-context.rename', message, ...span(RENAME_ANSWER), 0.85, 'agent-context'));
  else return false;
  return true;
}

export function answersToAgent(view: ThreadView): AgentContextCandidates {
  const out: Out = { directoryService: [], usernamesChange: [], choice: [] };
  for (const message of customerMessages(view)) {
    const agent = precedingAgent(view, message);
    const answer = agent ? answerSentence(message) : undefined;
    if (!agent || !answer) continue;
    const q = readQuestion(agent);
    // "Yes, keep it": the words after the yes/no may carry the answer.
    const t = answer.text.trim();
    const rest = t.replace(/^\W*(?:yes|yeah|ja|no|nein|genau|ok|okay)\b\W*/i, '');
    const span = (re: RegExp): [number, number] => {
      const m = re.exec(t) ?? re.exec(rest);
      const offset = m && m.input === rest ? t.length - rest.length : 0;
      const from = answer.start + offset + (m?.index ?? 0);
      return [from, from + (m ? m[0].length : t.length)];
    };
    if (fromLetter(q, message, t, span, out)) continue;
    if (fromOrdinal(q, message, t, span, out)) continue;
    if (fromKeepOrRename(q, message, rest, span, out)) continue;
    if (!answer.clauseOnly) fromYesNo(q, message, t, span, out);
  }
  return out;
}
