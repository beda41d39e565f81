// "Change of plans": a customer who later says they changed their mind, in words our choice rules cannot read,
// has not confirmed the choice they stated earlier. Keeping the earlier choice would answer the plan they dropped,
// and could even be auto-sent; undecided sends the guide to both ways and a person looks at it.
import { makeCandidate, type Candidate } from './candidate.js';
import { rx } from './patterns.js';
import { sentencesOf, type ThreadView } from './thread-view.js';

const CHANGED_MIND = rx(
  [
    String.raw`\bchange of plans?\b`,
    String.raw`\bplans? (?:have |has )?changed\b`,
    String.raw`\bchanged (?:our|my|their) minds?\b`,
    String.raw`\b(?:we|management|the boss|our boss|they) (?:have |has )?(?:now )?decided (?:differently|otherwise|against)\b`,
    String.raw`\bon second thought\b`,
    String.raw`\bscratch that\b`,
    String.raw`\bplanänderung\b`,
    String.raw`\bpläne (?:haben sich )?geändert\b`,
    String.raw`\bplan hat sich geändert\b`,
    String.raw`\b(?:anders|neu) entschieden\b`,
    String.raw`\bumentschieden\b`,
    String.raw`\b(?:nun|jetzt) doch\b`,
    String.raw`\bdoch (?:lieber|nicht|anders)\b`,
  ].join('|'),
);

/**
 * The first change-of-mind statement in a customer message later than every message the choice was read from, when
 * that later message itself gives no reading of the choice; null if there is none.
 */
export function unreadChangeOfMind(view: ThreadView, choiceSupport: readonly Candidate[], allCandidates: readonly Candidate[]): Candidate<'choice'> | null {
  if (choiceSupport.length === 0) return null;
  const decidedAt = Math.max(...choiceSupport.map((c) => c.message.order));
  const read = new Set(allCandidates.map((c) => c.message.order));
  for (const [message, unit, sentence] of sentencesOf(view, ['own'])) {
    if (message.author !== 'customer' || message.order <= decidedAt || read.has(message.order)) continue;
    const m = CHANGED_MIND.exec(sentence.text);
    if (m) return makeCandidate('choice', 'undecided', 'choice.undecided.changed-mind-unread', message, sentence.start + m.index, sentence.start + m.index + m[0].length, 0.6, unit.source);
  }
  return null;
}
