// The rules' reading of a ticket: slots, branch, confidence and evidence from the hand-written extractors. Pure.
// classify() (index.ts) combines it with the trained reader; the rules stay as features and as the explanation.
import { isAutoSendEligible } from './auto-send.js';
import { resolve, toEvidence, type Candidate, type Resolved } from './candidate.js';
import { overallConfidence, type Readings, type SlotReading } from './confidence.js';
import { decideBranch } from './decide-branch.js';
import { detectLanguage } from './detect-language.js';
import { detectTopic } from './detect-topic.js';
import { unreadChangeOfMind } from './changed-mind.js';
import { extractChoice } from './extract-choice.js';
import { extractDirectoryService, typesPerSetup } from './extract-directory-service.js';
import { extractProduct, pickProduct } from './extract-product.js';
import { extractUsernames } from './extract-usernames.js';
import { answersToAgent } from './agent-context.js';
import { viewThread } from './thread-view.js';
import type { Classification, Evidence, SlotName, Slots, Thread } from './types.js';
import type { ThreadView } from './thread-view.js';

/** The rules' reading plus what the reader needs from it: the view, per-slot readings and every rule that fired. */
export interface RuleReading extends Classification {
  view: ThreadView;
  readings: Readings;
  /** Rule ids of every candidate considered, per slot (not capped like the evidence). */
  ruleIds: Record<SlotName, string[]>;
}


/** How sure "not stated" is when nothing at all was found for a slot. */
const SILENCE = 0.85;
/** A customer who names no choice has usually not made one; asking about the options is read separately. */
const CHOICE_SILENCE = 0.9;

/** Evidence per slot is capped: a list of 40 usernames needs a few highlights, not 40. */
const MAX_EVIDENCE_PER_SLOT = 4;

function reading<S extends SlotName>(r: Resolved<S>): SlotReading {
  return { confidence: r.confidence, indirect: r.indirect, conflict: r.conflict, fromText: r.support.length > 0 };
}

function evidenceOf(candidates: Candidate[]): Evidence[] {
  return candidates.slice(0, MAX_EVIDENCE_PER_SLOT).map(toEvidence);
}

export function readByRules(thread: Thread): RuleReading {
  const view = viewThread(thread);
  const fromAgent = answersToAgent(view);

  const dsCandidates = [...extractDirectoryService(view), ...fromAgent.directoryService];
  let ds = resolve(dsCandidates, 'unknown', SILENCE);
  // One type per setup and a question about all of them: no single type is configured. Kept far below the auto-send
  // band: the full guide fits, but a person should look at a multi-setup ticket.
  if (typesPerSetup(view, ds, dsCandidates)) ds = { value: 'unknown', confidence: 0.6, support: [], conflict: true, indirect: false };
  const dsM365 = ds.value === 'm365-basic' || ds.value === 'm365-modern';
  const nameCandidates = [...extractUsernames(view), ...fromAgent.usernamesChange];
  const names = resolve(nameCandidates, 'unknown', SILENCE);
  // "Only the archiving" is not a choice when the directory already is Microsoft 365: nothing else is left to move.
  const choiceCandidates = [...extractChoice(view), ...fromAgent.choice].filter((c) => !(dsM365 && c.rule === 'choice.hybrid.archiving-only'));
  let choice = resolve(choiceCandidates, 'undecided', CHOICE_SILENCE);
  const changedMind = choice.value === 'undecided' ? null : unreadChangeOfMind(view, choice.support, choiceCandidates);
  if (changedMind) choice = { value: 'undecided', confidence: changedMind.confidence, support: [changedMind], conflict: true, indirect: false };
  const product = pickProduct(extractProduct(view));
  const language = detectLanguage(view);
  const topic = detectTopic({
    view,
    directoryService: ds.value,
    dsFromOwnText: ds.support.length > 0 && !ds.indirect,
    choiceStated: choice.value !== 'undecided' && !choice.indirect,
    choiceForwarded: choice.value !== 'undecided' && choice.support.length > 0 && choice.support.every((c) => c.source === 'forwarded'),
    choiceSupport: choice.support,
    dsSupport: ds.support,
  });
  // A rename/keep choice only exists for the conversion; off-topic tickets have none.
  if (topic.value === 'off-topic') choice = { value: 'undecided', confidence: CHOICE_SILENCE, support: [], conflict: false, indirect: false };

  const slots: Slots = {
    topic: topic.value,
    directoryService: ds.value,
    usernamesChange: names.value,
    choice: choice.value,
    product: product.value,
    language: language.result.value,
  };
  const readings: Readings = {
    topic: { confidence: topic.confidence, indirect: topic.evidence.length > 0 && topic.evidence.every((e) => e.source === 'forwarded'), conflict: false, fromText: true },
    directoryService: reading(ds),
    usernamesChange: reading(names),
    choice: reading(choice),
    product: { confidence: product.confidence, indirect: false, conflict: false, fromText: product.support.length > 0 },
    language: { confidence: language.result.confidence, indirect: false, conflict: false, fromText: true },
  };
  const branch = decideBranch(slots);
  const confidence = overallConfidence(branch, slots, readings);
  const evidence = [
    ...evidenceOf(topic.evidence),
    ...evidenceOf(ds.support),
    ...evidenceOf(names.support),
    ...evidenceOf(choice.support),
    ...evidenceOf(product.support),
    ...evidenceOf(language.evidence),
  ];
  const ids = (cs: Candidate[]): string[] => cs.map((c) => c.rule);
  const ruleIds: Record<SlotName, string[]> = {
    topic: ids(topic.evidence),
    directoryService: ids(dsCandidates),
    usernamesChange: ids(nameCandidates),
    choice: ids(choiceCandidates),
    product: ids(product.support),
    language: [],
  };
  return { slots, branch, confidence, autoSend: isAutoSendEligible(branch, slots, readings, confidence), evidence, view, readings, ruleIds };
}
