// product: SPE (Service Provider Edition: instances, Management Console) or MailStore Server. Signatures count here
// ("MailStore Server 23.2" under the name is a plain fact), quoted agent text does not. "MailStore" alone and
// MailStore Cloud stay unknown.
import { makeCandidate, type Candidate } from './candidate.js';
import { rx, rxg } from './patterns.js';
import { sentencesOf, type ThreadView } from './thread-view.js';
import type { Product } from './types.js';

interface Rule {
  value: Exclude<Product, 'unknown'>;
  rule: string;
  re: RegExp;
  confidence: number;
}

const RULES: Rule[] = [
  { value: 'spe', rule: 'product.spe.named', re: rxg(String.raw`(?<![A-Za-z])SPE(?![A-Za-z])|\bservice[-\s]provider[-\s]edition\b|\bmailstore[-\s]spe\b`, 'g'), confidence: 0.95 },
  { value: 'spe', rule: 'product.spe.console', re: rxg(String.raw`\bmanagement[-\s]console\b|\bmanagement[-\s]server\b|\binstance[-\s]host\b|\bmanagement[-\s]api\b`), confidence: 0.85 },
  { value: 'spe', rule: 'product.spe.instance', re: rxg(String.raw`(?<!for |zum )\binstan(?:ce|ces|z|zen)\b`), confidence: 0.75 },
  // No boundary before "mailstore": a lost space ("wir habenMailStore Server") still names the product.
  { value: 'server', rule: 'product.server.named', re: rxg(String.raw`mailstore[-\s]?server\b`), confidence: 0.9 },
];
const CLOUD = rx(String.raw`\bmailstore[-\s]cloud\b`);

export function extractProduct(view: ThreadView): Candidate<'product'>[] {
  const out: Candidate<'product'>[] = [];
  for (const [message, unit, sentence] of sentencesOf(view, ['own', 'forwarded', 'signature'])) {
    // Next to "MailStore Cloud", "instance" may mean the cloud one; an explicit product name still counts.
    const cloud = CLOUD.test(sentence.text);
    for (const r of RULES) {
      if (cloud && r.rule !== 'product.server.named' && r.rule !== 'product.spe.named') continue;
      r.re.lastIndex = 0;
      const m = r.re.exec(sentence.text);
      if (!m) continue;
      const start = sentence.start + m.index;
      out.push(makeCandidate('product', r.value, r.rule, message, start, start + m[0].length, r.confidence, unit.source));
    }
  }
  return out;
}

/** The product does not change during a thread, so the surest mention anywhere wins (not the latest). */
export function pickProduct(candidates: Candidate<'product'>[]): { value: Product; confidence: number; support: Candidate<'product'>[] } {
  if (candidates.length === 0) return { value: 'unknown', confidence: 0.6, support: [] };
  let best = candidates[0]!;
  for (const c of candidates) if (c.confidence > best.confidence) best = c;
  const support = candidates.filter((c) => c.value === best.value).slice(0, 3);
  return { value: best.value, confidence: best.confidence, support };
}
