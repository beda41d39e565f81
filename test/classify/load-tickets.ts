// Shared loader for the labelled tickets: the dev corpus (../shared, same layout in CI) and our own extra fixtures.
import { readFileSync } from 'node:fs';
import type { Branch, Slots, Thread } from '../../src/classify/types.js';

export interface LabelledTicket extends Thread {
  id: string;
  labels: Slots & { branch: Branch };
  trap?: string;
}

// The dev corpus (../shared/corpus/dev.jsonl), copied into the repo so the tests need nothing outside it.
export const CORPUS_URL = new URL('../fixtures/corpus/train/dev.jsonl', import.meta.url);
export const EXTRA_URL = new URL('../fixtures/classify-extra.jsonl', import.meta.url);
/** Written by someone who never saw the classifier and never tuned on: the honest measure of unseen wording. */
export const HOLDOUT_URL = new URL('../fixtures/classify-holdout.jsonl', import.meta.url);

export function loadTickets(url: URL): LabelledTicket[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledTicket);
}

export const corpus = (): LabelledTicket[] => loadTickets(CORPUS_URL);
export const extra = (): LabelledTicket[] => loadTickets(EXTRA_URL);
export const holdout = (): LabelledTicket[] => loadTickets(HOLDOUT_URL);
