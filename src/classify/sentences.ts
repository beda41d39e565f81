// Sentence and clause boundaries with offsets. Mail is hard-wrapped mid-sentence, so a single newline is not a
// boundary; blank lines, sentence punctuation and the edges of indented lists are.
import { INTERROGATIVE_START, rx } from './patterns.js';

export interface Span {
  start: number;
  end: number;
  text: string;
}
export interface Clause extends Span {
  isQuestion: boolean;
}
export interface Sentence extends Span {
  isQuestion: boolean;
  /** A statement closed by a confirmation tag ("…, right?", "…, oder?"): the customer states an expectation. */
  tagQuestion: boolean;
  clauses: Clause[];
}

// Abbreviations whose dot does not end a sentence. German ones are often written without the inner space ("z.B.",
// "d.h.", "u.a."), like "e.g." and "i.e.".
const ABBREVIATION = /(?:^|[\s(])(?:z|b|e\.g|i\.e|z\.b|d\.h|u\.a|u\.u|o\.ä|z\.t|i\.d\.r|bzw|ca|nr|usw|dr|vs|inkl|ggf|evtl|d|h|u|a|mr|mrs|ms|st|co|ltd|inc|fa|hr|fr|str|tel|vgl|sog|bspw|o|ä|approx|incl|v|ver|aka|resp|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|okt|nov|dec|dez)$/i;
const INTERROGATIVE = rx(INTERROGATIVE_START);
// A tag that turns the statement before it into a request for confirmation ("The names won't change, right?",
// "Die Namen dürften sich nicht ändern, oder?"): the statement is an expectation, not a decision.
const TAG_QUESTION = rx(String.raw`^(?:oder(?: nicht)?|or not|right|correct|richtig|korrekt|nicht wahr|stimmt'?s|stimmt das|gell?e?|ne|isn't it|aren't they|won't they|wouldn't they|don't they|is that (?:right|correct)|ist das (?:so )?richtig)\s*\?["'”’)\]]*$`);
const CLAUSE_BREAK = /[,;:]|\s[-–—]\s|\s(?=(?:but|aber|sondern|however|jedoch|because|weil|denn|although|obwohl|whereas|while|während)\s)/gi;

function isIndented(line: string): boolean {
  return /^\s+\S/.test(line) || /^\s*(?:[-*•]|\d+[.)])\s/.test(line);
}

/** Real sentences are far shorter; a longer run (pasted logs, hostile input) is cut so work per sentence stays bounded. */
const MAX_SENTENCE = 600;

/** Sentence ranges inside [start, end) of text. */
export function splitSentences(text: string, start: number, end: number): Sentence[] {
  const out: Sentence[] = [];
  let sStart = start;
  const emit = (a: number, b: number): void => {
    while (b - a > MAX_SENTENCE) {
      const cut = text.lastIndexOf(' ', a + MAX_SENTENCE);
      const at = cut > a + MAX_SENTENCE / 2 ? cut : a + MAX_SENTENCE;
      out.push(makeSentence(text, a, at));
      a = at;
    }
    if (b > a) out.push(makeSentence(text, a, b));
  };
  const push = (to: number): void => {
    let a = sStart;
    let b = to;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) emit(a, b);
    sStart = to;
  };
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const cur = text.slice(Math.max(lineStart, start), i);
      let nextEnd = text.indexOf('\n', i + 1);
      if (nextEnd === -1 || nextEnd > end) nextEnd = end;
      const next = text.slice(i + 1, nextEnd);
      const blank = next.trim() === '' || cur.trim() === '';
      const listEdge = isIndented(cur) !== isIndented(next) && !(cur.trim().endsWith(':') && isIndented(next));
      if (blank || listEdge) push(i + 1);
      continue;
    }
    if (ch === '.' || ch === '!' || ch === '?') {
      let j = i + 1;
      while (j < end && /[.!?"'”’)\]]/.test(text[j]!)) j++;
      if (j < end && !/\s/.test(text[j]!)) continue;
      if (ch === '.') {
        const before = text.slice(Math.max(start, i - 12), i);
        if (ABBREVIATION.test(before)) continue;
        // "am 3. des Monats": an ordinal, not a sentence end.
        const after = text.slice(j, Math.min(end, j + 4)).trimStart();
        if (/\d$/.test(before) && after !== '' && !/^\p{Lu}/u.test(after)) continue;
      }
      push(j);
      i = j - 1;
    }
  }
  push(end);
  return out;
}

function makeSentence(text: string, start: number, end: number): Sentence {
  const body = text.slice(start, end);
  const isQuestion = /\?["'”’)\]]*$/.test(body);
  const clauses: Clause[] = [];
  let cStart = 0;
  const add = (to: number): void => {
    let a = cStart;
    let b = to;
    while (a < b && /[\s,;:()\-–—]/.test(body[a]!)) a++;
    while (b > a && /[\s,;:(\-–—]/.test(body[b - 1]!)) b--;
    if (b > a) {
      const ctext = body.slice(a, b);
      clauses.push({ start: start + a, end: start + b, text: ctext, isQuestion: /\?["'”’)\]]*$/.test(ctext) });
    }
  };
  CLAUSE_BREAK.lastIndex = 0;
  for (const m of body.matchAll(CLAUSE_BREAK)) {
    add(m.index);
    cStart = m.index;
  }
  add(body.length);
  // "How do we X, while Y?": the opening clause of an interrogative sentence is a question too.
  if (isQuestion && clauses.length > 0 && INTERROGATIVE.test(clauses[0]!.text)) clauses[0]!.isQuestion = true;
  const tagQuestion = isQuestion && clauses.length > 1 && TAG_QUESTION.test(clauses[clauses.length - 1]!.text);
  if (tagQuestion) for (const c of clauses) c.isQuestion = true;
  return { start, end, text: body, isQuestion, tagQuestion, clauses };
}
