// Shared loader for the labelled tickets: the dev corpus (../shared, same layout in CI) and our own extra fixtures.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Branch, Slots, Thread } from '../../src/classify/types.js';
import { HAS_SHARED_CORPUS, SHARED_CORPUS_PATH } from '../helpers/shared-corpus.js';

export interface LabelledTicket extends Thread {
  id: string;
  labels: Slots & { branch: Branch };
  trap?: string;
}

export const CORPUS_URL = pathToFileURL(SHARED_CORPUS_PATH);
export const EXTRA_URL = new URL('../fixtures/classify-extra.jsonl', import.meta.url);
/** Written by someone who never saw the classifier and never tuned on: the honest measure of unseen wording. */
export const HOLDOUT_URL = new URL('../fixtures/classify-holdout.jsonl', import.meta.url);

export function loadTickets(url: URL): LabelledTicket[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledTicket);
}

/**
 * The dev corpus; empty on a clone without ../shared. Checks on the corpus alone go in describeWithSharedCorpus
 * (skipped, by name, without it); checks on corpus + extra() keep running on our own fixtures.
 */
export const corpus = (): LabelledTicket[] => (HAS_SHARED_CORPUS ? loadTickets(CORPUS_URL) : []);
export const extra = (): LabelledTicket[] => loadTickets(EXTRA_URL);
export const holdout = (): LabelledTicket[] => loadTickets(HOLDOUT_URL);
