// The trained reader's one tokenizer and feature function, imported by training (train/) and by inference
// (reader.ts) alike, so the two can never drift apart (train/serve skew).
//
// Text comes from the thread view the rules use (thread-view.ts): quoted mail is already dropped, forwarded mail and
// agent turns are kept apart. Every feature name carries a prefix saying whose words it came from:
//   w:  word uni/bigrams of the customer's own words (subject, first message, customer comments)
//   l:  the same words again when they stand in the customer's latest message of a thread (the latest statement wins)
//   f:  words the customer forwarded (an end customer's mail, an old thread): context, not the customer's statement
//   a:  words of the agent's comments (the question a short answer refers to)
//   c:  character n-grams (3 to 5) of the customer's own words: spelling, compounds and German inflection
//   r:  the rules' reading: the value of each slot, how it was read (confidence band, indirect, conflict) and the
//       id of every rule that fired. The rules become features; the model learns when to trust them.
// The customer's own words (w:, l:) carry the span of their first occurrence, so a weighty one can be shown as evidence.
import type { RuleReading } from './rules.js';
import type { Message, ThreadView } from './thread-view.js';
import type { SlotName, Where } from './types.js';

export interface FeatureOptions {
  words: boolean;
  chars: boolean;
  rules: boolean;
}
export const ALL_FEATURES: FeatureOptions = { words: true, chars: true, rules: true };

export interface Span {
  where: Where;
  start: number;
  end: number;
}

/** A sparse vector: feature name → value, with the first span of each text feature. */
export interface Features {
  values: Map<string, number>;
  spans: Map<string, Span>;
}

/** Words are runs of letters and digits, joined by . @ \ ' - (so `j.doe`, `user@x.com`, `CORP\jdoe` stay one). */
const TOKEN = /[\p{L}\p{N}]+(?:[.@\\'’_-][\p{L}\p{N}]+)*/gu;
const MAX_TOKENS_PER_MESSAGE = 1500;
const CHAR_MIN = 3;
const CHAR_MAX = 5;

interface Token {
  norm: string;
  start: number;
  end: number;
}

/** The shape of a token whose exact spelling does not generalise: an address, DOMAIN\user, a number, a.dotted.name. */
export function normalizeToken(raw: string): string {
  const t = raw.toLowerCase();
  if (t.includes('@')) {
    const domain = t.slice(t.lastIndexOf('@') + 1);
    return /\.(?:local|lan|intern|internal|corp|ad)$/.test(domain) ? '⟨address.local⟩' : '⟨address⟩';
  }
  if (t.includes('\\')) return '⟨domain\\user⟩';
  if (/^\d+$/.test(t)) return t.length >= 4 ? '⟨number⟩' : t;
  if (/\d/.test(t) && /\./.test(t)) return '⟨version⟩';
  return t;
}

export function tokenize(text: string, offset: number, limit = MAX_TOKENS_PER_MESSAGE): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (const m of text.matchAll(TOKEN)) {
    out.push({ norm: normalizeToken(m[0]), start: offset + m.index, end: offset + m.index + m[0].length });
    if (out.length >= limit) break;
  }
  return out;
}

function add(f: Features, name: string, value: number): void {
  f.values.set(name, (f.values.get(name) ?? 0) + value);
}

/** A text feature: counted, and for the customer's own words (w:, l:; the only ones shown as evidence) its first
 *  occurrence remembered as its span. */
function addText(f: Features, name: string, where: Where, start: number, end: number, withSpan: boolean): void {
  const v = f.values.get(name);
  if (v !== undefined) {
    f.values.set(name, v + 1);
    return;
  }
  f.values.set(name, 1);
  if (withSpan) f.spans.set(name, { where, start, end });
}

function wordFeatures(f: Features, prefix: string, tokens: Token[], where: Where): void {
  const withSpan = prefix === 'w:' || prefix === 'l:';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    addText(f, prefix + t.norm, where, t.start, t.end, withSpan);
    const next = tokens[i + 1];
    if (next) addText(f, prefix + t.norm + ' ' + next.norm, where, t.start, next.end, withSpan);
  }
}

function charFeatures(f: Features, tokens: Token[], where: Where): void {
  for (const t of tokens) {
    if (t.norm.startsWith('⟨')) continue;
    const w = `<${t.norm}>`;
    for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
      for (let i = 0; i + n <= w.length; i++) addText(f, 'c:' + w.slice(i, i + n), where, t.start, t.end, false);
    }
  }
}

function regionTokens(m: Message, source: 'own' | 'forwarded'): Token[] {
  const out: Token[] = [];
  for (const u of m.units) {
    if (u.source !== source) continue;
    out.push(...tokenize(m.original.slice(u.start, u.end), u.start, MAX_TOKENS_PER_MESSAGE - out.length));
    if (out.length >= MAX_TOKENS_PER_MESSAGE) break;
  }
  return out;
}

const R = 'r'.charCodeAt(0);

/** Counts become log(1 + count) and each text prefix is scaled to unit length, so a long mail does not outvote a short one. */
function normalize(f: Features): void {
  // Prefixes are one letter and a colon: the first character identifies the family.
  const norms = new Map<number, number>();
  for (const [name, v] of f.values) {
    const p = name.charCodeAt(0);
    if (p === R) continue;
    const lv = Math.log1p(v);
    f.values.set(name, lv);
    norms.set(p, (norms.get(p) ?? 0) + lv * lv);
  }
  const scale = new Map<number, number>();
  for (const [p, n] of norms) scale.set(p, 1 / Math.sqrt(n));
  for (const [name, v] of f.values) {
    const p = name.charCodeAt(0);
    if (p !== R) f.values.set(name, v * scale.get(p)!);
  }
}

const SLOT_KEYS: Record<SlotName, string> = {
  topic: 'topic',
  directoryService: 'ds',
  usernamesChange: 'names',
  choice: 'choice',
  product: 'product',
  language: 'lang',
};
const MODEL_SLOTS: SlotName[] = ['topic', 'directoryService', 'usernamesChange', 'choice'];

function ruleFeatures(f: Features, rules: RuleReading): void {
  add(f, 'r:bias', 1);
  add(f, `r:branch=${rules.branch}`, 1);
  for (const slot of MODEL_SLOTS) {
    const k = SLOT_KEYS[slot];
    const value = String(rules.slots[slot]);
    const r = rules.readings[slot];
    add(f, `r:${k}=${value}`, 1);
    const band = r.confidence >= 0.9 ? 'high' : r.confidence >= 0.8 ? 'mid' : 'low';
    add(f, `r:${k}=${value}@${band}`, 1);
    if (r.indirect) add(f, `r:${k}=${value}@indirect`, 1);
    if (r.conflict) add(f, `r:${k}@conflict`, 1);
    if (!r.fromText) add(f, `r:${k}@silent`, 1);
    for (const id of new Set(rules.ruleIds[slot])) add(f, `r:rule=${id}`, 1);
  }
}

/** The features of one ticket. `view` is the rules' own thread view (rules.view), so both read the same text. */
export function ticketFeatures(rules: RuleReading, options: FeatureOptions = ALL_FEATURES): Features {
  const f: Features = { values: new Map(), spans: new Map() };
  const view: ThreadView = rules.view;
  const customer = view.messages.filter((m) => m.author === 'customer');
  const own = new Map(view.messages.map((m) => [m, regionTokens(m, 'own')]));
  const latest = [...customer].reverse().find((m) => m.order > 1 && own.get(m)!.length > 0);
  for (const m of view.messages) {
    if (m.author === 'agent') {
      if (options.words) wordFeatures(f, 'a:', own.get(m)!, m.where);
      continue;
    }
    const tokens = own.get(m)!;
    if (options.words) {
      wordFeatures(f, 'w:', tokens, m.where);
      if (m === latest) wordFeatures(f, 'l:', tokens, m.where);
      wordFeatures(f, 'f:', regionTokens(m, 'forwarded'), m.where);
    }
    if (options.chars) charFeatures(f, tokens, m.where);
  }
  normalize(f);
  if (options.rules) ruleFeatures(f, rules);
  return f;
}
