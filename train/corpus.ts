// Labelled corpus files (../shared/corpus/README.md format) for training: which files form each split, and their
// tickets. A split is a set of files, so a batch never straddles train and validation (tickets written together
// share phrasing; a random split by ticket would leak it).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Thread } from '../src/classify/types.js';
import type { Expected } from '../src/cli/eval-metrics.js';
import { validateLabels } from '../src/cli/validate-labels.js';
import { validateTicket } from '../src/cli/validate-ticket.js';

export interface LabelledTicket {
  id: string;
  file: string;
  thread: Thread;
  labels: Expected;
}

export interface CorpusFile {
  /** Path relative to the repository root (as recorded in the model header). */
  path: string;
  sha256: string;
  tickets: LabelledTicket[];
}

/** The repository's splits: every *.jsonl in the split folder (new batches are picked up as they land) plus the older
 *  fixtures that play the same part. */
export function defaultSplits(root: string): { train: string[]; validation: string[] } {
  const folder = (name: string): string[] => {
    const dir = join(root, 'test/fixtures/corpus', name);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => join(dir, f));
  };
  return {
    train: [join(root, 'test/fixtures/classify-extra.jsonl'), ...folder('train')],
    validation: [join(root, 'test/fixtures/classify-holdout.jsonl'), ...folder('validation')],
  };
}

export function readCorpusFile(path: string, root: string): CorpusFile {
  const bytes = readFileSync(path);
  const rel = relative(root, path).split('\\').join('/');
  const tickets: LabelledTicket[] = [];
  bytes
    .toString('utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const lineNo = i + 1;
      const t = validateTicket(JSON.parse(line) as unknown, lineNo);
      if (!t.ok) throw new Error(`${rel} line ${lineNo}: ${t.error}`);
      const l = validateLabels(t.record);
      if (!l.ok) throw new Error(`${rel} line ${lineNo}: ${l.error}`);
      tickets.push({ id: t.id, file: rel, thread: t.thread, labels: l.expected });
    });
  return { path: rel, sha256: createHash('sha256').update(bytes).digest('hex'), tickets };
}

/** One hash over every file of both splits (path and content), recorded in the model header. */
export function dataHash(files: readonly CorpusFile[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.path}\0${f.sha256}\n`);
  return h.digest('hex');
}
