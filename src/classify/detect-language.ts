// language: en or de, from the customer's own words (subject, own text of their messages; not quotes, not
// signatures). Support mail is full of English product names ("Microsoft 365 Modern Authentication",
// "Directory Services"), which pulls trigram statistics towards English on short German mails. So function words
// decide when they clearly lean one way, and franc (restricted to eng/deu) decides the rest.
import { franc } from 'franc-min';
import { makeCandidate, type Candidate } from './candidate.js';
import type { Sentence } from './sentences.js';
import { sentencesOf, type Message, type ThreadView, type Unit } from './thread-view.js';
import type { Language } from './types.js';

const DE_WORDS = new Set(
  'und der die das den dem des ein eine einen einem nicht wir ich sie ist sind mit auf für von zu bei uns unser unsere unseren unserem haben hat wird werden bitte danke hallo gruß grüße viele wie was wenn auch noch schon können müssen soll sollen möchten wollen oder aber nur dass kein keine keinen über nach im ihr ihre ihnen es sich man mal gibt guten tag morgen moin damit dann denn doch jetzt seit hier wurde wurden würden nein ja genau richtig stimmt korrekt leider gerne moment diese dieser bereits sowie zur zum vom beim'.split(' '),
);
const EN_WORDS = new Set(
  `the and we is are to of for with our you it in on this that have has be not do does please thanks thank hi hello regards what how which would could should will can if or but only just from they there their been was were an a as at by so my me i us any some all your yes no yeah yep correct sure sorry it's that's i'm we're don't doesn't can't won't after before must both these those after into about`.split(' '),
);
const WORD = /[\p{L}']+/gu;
/**
 * Function words decide when they lean at least 2:1 one way; otherwise franc (restricted to eng/deu) decides.
 * Measured (test/classify/detect-language.test.ts): franc alone misreads short technical lines such as
 * "Application Integration and Microsoft 365 Modern Authentication" as German; one function word does not.
 */
const MIN_FUNCTION_WORDS = 1;
const FRANC_MIN_LENGTH = 10;
const MAX_SAMPLE = 2_000;

export interface LanguageResult {
  value: Language;
  confidence: number;
  rule: string;
}

export function scoreFunctionWords(text: string): { de: number; en: number } {
  let de = 0;
  let en = 0;
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const w = m[0];
    // German clips "es" the English way ("wir's", "geht's", "gibt's"): the stem is the German word.
    const clipped = /['’]s$/.test(w) && !EN_WORDS.has(w) ? w.slice(0, -2) : null;
    if (DE_WORDS.has(w) || (clipped !== null && DE_WORDS.has(clipped))) de++;
    else if (EN_WORDS.has(w)) en++;
    if (/[äöüß]/.test(w)) de += 0.5;
  }
  return { de, en };
}

export function detectLanguageOfText(text: string): LanguageResult {
  const sample = text.slice(0, MAX_SAMPLE);
  const { de, en } = scoreFunctionWords(sample);
  const total = de + en;
  if (total >= MIN_FUNCTION_WORDS && (de >= 2 * en || en >= 2 * de)) {
    const value: Language = de > en ? 'de' : 'en';
    return { value, confidence: Math.min(0.98, 0.7 + total / 50), rule: 'lang.function-words' };
  }
  const guess = franc(sample, { only: ['eng', 'deu'], minLength: FRANC_MIN_LENGTH });
  if (guess === 'deu' || guess === 'eng') return { value: guess === 'deu' ? 'de' : 'en', confidence: 0.75, rule: 'lang.franc' };
  if (total > 0) return { value: de > en ? 'de' : 'en', confidence: 0.6, rule: 'lang.function-words' };
  return { value: 'en', confidence: 0.4, rule: 'lang.default' };
}

const EVIDENCE_WORD = /[\p{L}']+/gu;

export function detectLanguage(view: ThreadView): { result: LanguageResult; evidence: Candidate<'language'>[] } {
  const parts: string[] = [];
  const spans: Array<[Message, Unit, Sentence]> = [];
  let length = 0;
  for (const item of sentencesOf(view, ['own'])) {
    if (length > MAX_SAMPLE) break;
    parts.push(item[2].text);
    spans.push(item);
    length += item[2].text.length + 1;
  }
  const result = detectLanguageOfText(parts.join('\n'));
  const evidence: Candidate<'language'>[] = [];
  const words = result.value === 'de' ? DE_WORDS : EN_WORDS;
  // Point at the first few function words of the chosen language, so a reviewer sees why.
  for (const [message, unit, sentence] of spans) {
    EVIDENCE_WORD.lastIndex = 0;
    for (const m of sentence.text.matchAll(EVIDENCE_WORD)) {
      if (!words.has(m[0].toLowerCase())) continue;
      const start = sentence.start + m.index;
      evidence.push(makeCandidate('language', result.value, result.rule, message, start, start + m[0].length, result.confidence, unit.source));
      if (evidence.length >= 3) return { result, evidence };
    }
  }
  return { result, evidence };
}
