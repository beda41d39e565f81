// The development corpus (../shared/corpus/dev.jsonl) is copied into the repository as a training file
// (test/fixtures/corpus/train/dev.jsonl, where `npm run train` reads it), so a clone without ../shared runs every
// check. The skip below stays for a clone that drops the copy: checks that need the corpus itself (its exact counts,
// its accuracy) are then registered as skipped with the reason in their name.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const SHARED_CORPUS_PATH = fileURLToPath(new URL('../fixtures/corpus/train/dev.jsonl', import.meta.url));
export const HAS_SHARED_CORPUS = existsSync(SHARED_CORPUS_PATH);
export const EXAMPLES_PATH = fileURLToPath(new URL('../../examples/tickets.jsonl', import.meta.url));
/** Labelled tickets for checks that need some, not these exact ones: the shared corpus, else examples/tickets.jsonl. */
export const LABELLED_PATH = HAS_SHARED_CORPUS ? SHARED_CORPUS_PATH : EXAMPLES_PATH;

export const NO_SHARED_CORPUS = 'left out: test/fixtures/corpus/train/dev.jsonl (the dev corpus) is missing';

/** A describe block that needs the shared corpus; without it, its tests are listed as skipped, reason in the name. */
export function describeWithSharedCorpus(title: string, body: () => void): void {
  if (HAS_SHARED_CORPUS) describe(title, body);
  else describe.skip(`${title} [${NO_SHARED_CORPUS}]`, body);
}
