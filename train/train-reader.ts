// The whole training run: read the splits, compare the feature options per slot on validation, choose how rules and
// model combine, calibrate the confidence, choose the auto-send band, and write the model file with its figures.
// Deterministic: no clock, no randomness, sorted everything; the same files give the same bytes.
import { ALL_FEATURES, ticketFeatures, type Features } from '../src/classify/features.js';
import { combineReaders } from '../src/classify/index.js';
import { compileModel, compileSlot, MODEL_SLOTS, slotProbabilities, type Combination, type ModelSlot, type ReaderModelFile, type SlotModelFile } from '../src/classify/reader-model.js';
import { readByRules, type RuleReading } from '../src/classify/rules.js';
import { BRANCHES, CHOICES, DIRECTORY_SERVICES, TOPICS, USERNAMES_CHANGE, type Branch } from '../src/classify/types.js';
import { calibrationError, harmOf, reliability } from '../src/cli/eval-harm.js';
import { fitCalibration } from './calibration.js';
import { chooseCombination } from './combine.js';
import { dataHash, readCorpusFile, type CorpusFile, type LabelledTicket } from './corpus.js';
import { measure, type SetFigures } from './figures.js';
import { trainSlotModel, type SlotExample } from './slot-model.js';
import { CHOSEN } from './chosen.js';

export interface TrainConfig {
  root: string;
  train: string[];
  validation: string[];
  /** How the run was started, for the header. */
  command: string;
}

export interface Prepared {
  ticket: LabelledTicket;
  rules: RuleReading;
  features: Features;
}

const CLASSES: Record<ModelSlot, readonly string[]> = {
  topic: TOPICS,
  directoryService: DIRECTORY_SERVICES,
  usernamesChange: USERNAMES_CHANGE,
  choice: CHOICES,
};

const WORDS = ['w:', 'l:', 'f:', 'a:'];
/** The feature sets compared on validation (README "The trained reader"). */
export const FEATURE_OPTIONS: Record<string, string[]> = {
  words: WORDS,
  'words+chars': [...WORDS, 'c:'],
  'words+rules': [...WORDS, 'r:'],
  'words+chars+rules': [...WORDS, 'c:', 'r:'],
};
export const HYPER = { minDf: 2, keep: 1500, maxIterations: 150 };
export const L2_GRID = [0.003, 0.001, 0.0003, 0.0001];

export function prepare(tickets: readonly LabelledTicket[]): Prepared[] {
  return tickets.map((ticket) => {
    const rules = readByRules(ticket.thread);
    return { ticket, rules, features: ticketFeatures(rules, ALL_FEATURES) };
  });
}

function slotExamples(data: readonly Prepared[], slot: ModelSlot): SlotExample[] {
  return data.map((d) => ({ features: d.features, label: String(d.ticket.labels[slot]), weight: 1 }));
}

export interface OptionScore {
  features: string;
  l2: number;
  accuracy: number;
  logLoss: number;
}

/**
 * The rule that picks a slot's option from the comparison: the best validation accuracy, where options within one
 * validation ticket of it count as equal and then one without character n-grams wins (they cost most of the feature
 * time, and the bench must stay at 2,000 tickets/s), then the lower log-loss.
 */
export function bestOption(scores: readonly OptionScore[], validationTickets: number): OptionScore {
  const top = Math.max(...scores.map((s) => s.accuracy));
  // 1e-4: the accuracies are rounded to four decimals.
  const near = scores.filter((s) => s.accuracy >= top - 1 / validationTickets - 1e-4);
  const cost = (s: OptionScore): number => (FEATURE_OPTIONS[s.features]!.includes('c:') ? 1 : 0);
  return [...near].sort((a, b) => cost(a) - cost(b) || a.logLoss - b.logLoss)[0]!;
}

/** `npm run train -- --compare`: every feature set × L2 strength per slot, trained on train, scored on validation. */
export function compareOptions(config: TrainConfig): { validationTickets: number; scores: Record<ModelSlot, OptionScore[]> } {
  const { train, validation } = load(config);
  const out = {} as Record<ModelSlot, OptionScore[]>;
  for (const slot of MODEL_SLOTS) {
    const examples = slotExamples(train, slot);
    out[slot] = [];
    for (const [features, prefixes] of Object.entries(FEATURE_OPTIONS)) {
      for (const l2 of L2_GRID) {
        const model = trainSlotModel(examples, { classes: CLASSES[slot], prefixes, ...HYPER, l2 });
        const s = scoreSlot(model, validation, slot);
        out[slot].push({ features, l2, accuracy: r4(s.accuracy), logLoss: r4(s.logLoss) });
      }
    }
  }
  return { validationTickets: validation.length, scores: out };
}

function load(config: TrainConfig): { trainFiles: CorpusFile[]; validationFiles: CorpusFile[]; train: Prepared[]; validation: Prepared[] } {
  const trainFiles = config.train.map((p) => readCorpusFile(p, config.root));
  const validationFiles = config.validation.map((p) => readCorpusFile(p, config.root));
  const train = prepare(trainFiles.flatMap((f) => f.tickets));
  const validation = prepare(validationFiles.flatMap((f) => f.tickets));
  if (train.length === 0 || validation.length === 0) throw new Error('both the train and the validation split need labelled tickets');
  return { trainFiles, validationFiles, train, validation };
}

function scoreSlot(model: SlotModelFile, data: readonly Prepared[], slot: ModelSlot): { accuracy: number; logLoss: number } {
  const compiled = compileSlot(model);
  let right = 0;
  let loss = 0;
  for (const d of data) {
    const p = slotProbabilities(compiled, d.features);
    const y = model.classes.indexOf(String(d.ticket.labels[slot]));
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
    if (best === y) right++;
    loss -= Math.log(Math.max(1e-12, p[y]!));
  }
  return { accuracy: right / data.length, logLoss: loss / data.length };
}

export interface TrainResult {
  json: string;
  file: ReaderModelFile;
  files: CorpusFile[];
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

export function trainReader(config: TrainConfig): TrainResult {
  const { trainFiles, validationFiles, train, validation } = load(config);

  // 1. Per slot: the model with the feature set and L2 strength chosen on validation (train/chosen.ts, from --compare).
  const slots = {} as Record<ModelSlot, SlotModelFile>;
  for (const slot of MODEL_SLOTS) {
    const c = CHOSEN[slot];
    slots[slot] = trainSlotModel(slotExamples(train, slot), { classes: CLASSES[slot], prefixes: FEATURE_OPTIONS[c.features]!, ...HYPER, l2: c.l2 });
  }

  // 2. How rules and model combine, per slot, chosen on validation.
  const combination = chooseCombination(slots, validation);
  const draft: ReaderModelFile = { format: 1, header: {}, slots, combination, calibration: { weights: { logitP: 1, agree: 0, rulesConfidence: 0, ownWords: 0 }, bias: 0 }, autoSendThreshold: Object.fromEntries(BRANCHES.map((b) => [b, 1])) as Record<Branch, number> };

  // 3. Calibration on validation: P(branch right) from the model's branch probability and the readers' agreement.
  const uncalibrated = validation.map((d) => ({ d, r: combineReaders(compileModel(draft), d.rules, d.features) }));
  const calibration = fitCalibration(uncalibrated.map(({ d, r }) => ({ inputs: r.calibrationInput, correct: r.branch === d.ticket.labels.branch })));
  const calibrated: ReaderModelFile = { ...draft, calibration };

  // 4. The auto-send band: the lowest threshold under which every wrong eligible reading on any labelled set falls.
  const autoSendThreshold = chooseThreshold(compileModel(calibrated), [...train, ...validation]);
  const file: ReaderModelFile = { ...calibrated, autoSendThreshold };

  // 5. Figures of the shipped model (rounded weights, final combination) for the header.
  const model = compileModel(file);
  const figures: Record<string, SetFigures> = {
    train: measure(model, train),
    validation: measure(model, validation),
  };
  // Per validation file (one batch each): the rules' and the combination's branch, the first figure of a batch.
  const perFile = Object.fromEntries(
    validationFiles.map((f) => {
      const m = measure(model, validation.filter((d) => d.ticket.file === f.path));
      return [f.path, { tickets: m.tickets, rulesBranch: m.rules.branch, modelBranch: m.model.branch, combinedBranch: m.combined.branch, autoSend: m.autoSend }];
    }),
  );
  const valResults = validation.map((d) => ({ d, r: combineReaders(model, d.rules, d.features) }));
  const bins = reliability(valResults.map(({ d, r }) => ({ confidence: r.confidence, correct: r.branch === d.ticket.labels.branch })));
  const allFiles = [...trainFiles, ...validationFiles];
  file.header = {
    name: 'm365-guide trained reader',
    command: config.command,
    seed: 'none needed: full-batch L-BFGS from zero weights, files and features in sorted order',
    dataSha256: dataHash(allFiles),
    files: {
      train: trainFiles.map((f) => ({ path: f.path, tickets: f.tickets.length, sha256: f.sha256 })),
      validation: validationFiles.map((f) => ({ path: f.path, tickets: f.tickets.length, sha256: f.sha256 })),
    },
    hyperparameters: HYPER,
    chosen: Object.fromEntries(MODEL_SLOTS.map((s) => [s, { ...CHOSEN[s], combination: combination[s] }])),
    figures,
    validationPerFile: perFile,
    validationReliability: bins.map((b) => ({ from: b.from, to: b.to, tickets: b.tickets, correct: b.correct })),
    validationCalibrationError: r4(calibrationError(bins) ?? 0),
  };
  return { json: JSON.stringify(file) + '\n', file, files: allFiles };
}


/**
 * The band's lower edge, per branch (each reply has its own risks: a confident misreading of a rename decision says
 * nothing about a confident full-guide): just above the most confident reading of that branch that would do harm on
 * any labelled set, i.e. an eligible reading with the wrong branch, or a narrower-and-wrong reply whether eligible or
 * not (the issue asks for none at auto-send confidence). Never below FLOOR, the rules' old band; off-topic never.
 */
function chooseThreshold(model: ReturnType<typeof compileModel>, data: readonly Prepared[]): Record<Branch, number> {
  const FLOOR = 0.9;
  // Eligibility ignoring the band: the threshold is then the only thing between a wrong reading and a sent reply.
  const open = compileModel({ ...model.file, autoSendThreshold: Object.fromEntries(BRANCHES.map((b) => [b, 0])) as Record<Branch, number> });
  const worst = Object.fromEntries(BRANCHES.map((b) => [b, 0])) as Record<Branch, number>;
  for (const d of data) {
    const r = combineReaders(open, d.rules, d.features);
    const wrong = r.branch !== d.ticket.labels.branch;
    if (wrong && (r.autoSend || harmOf(d.ticket.labels.branch, r.branch) === 'narrower-and-wrong')) worst[r.branch] = Math.max(worst[r.branch], r.confidence);
  }
  return Object.fromEntries(BRANCHES.map((b) => [b, b === 'off-topic' ? 1 : Math.min(1, Math.max(FLOOR, Math.round((worst[b] + 0.01) * 100) / 100))])) as Record<Branch, number>;
}
