// The development corpus lives outside this repository (../shared/corpus/dev.jsonl, beside the clone in CI). A
// clone without it must still pass `npm test`: checks that need the corpus itself (its exact counts, its accuracy)
// are registered as skipped with the reason in their name, and checks that only need some labelled tickets run on
// the repository's own examples/tickets.jsonl instead. The accuracy checks on our own fixtures
// (test/fixtures/classify-*.jsonl) run either way.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const SHARED_CORPUS_PATH = fileURLToPath(new URL('../../../shared/corpus/dev.jsonl', import.meta.url));
export const HAS_SHARED_CORPUS = existsSync(SHARED_CORPUS_PATH);
export const EXAMPLES_PATH = fileURLToPath(new URL('../../examples/tickets.jsonl', import.meta.url));
/** Labelled tickets for checks that need some, not these exact ones: the shared corpus, else examples/tickets.jsonl. */
export const LABELLED_PATH = HAS_SHARED_CORPUS ? SHARED_CORPUS_PATH : EXAMPLES_PATH;

export const NO_SHARED_CORPUS = 'left out: ../shared/corpus/dev.jsonl is not beside this clone';

/** A describe block that needs the shared corpus; without it, its tests are listed as skipped, reason in the name. */
export function describeWithSharedCorpus(title: string, body: () => void): void {
  if (HAS_SHARED_CORPUS) describe(title, body);
  else describe.skip(`${title} [${NO_SHARED_CORPUS}]`, body);
}
