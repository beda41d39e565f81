// Training is reproducible: the same files give the same bytes, and the committed model is what `npm run train`
// produces from the repository's splits.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultSplits } from '../../train/corpus.js';
import { trainReader } from '../../train/train-reader.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const small = {
  root,
  train: [fileURLToPath(new URL('../fixtures/classify-extra.jsonl', import.meta.url))],
  validation: [fileURLToPath(new URL('../fixtures/classify-holdout.jsonl', import.meta.url))],
  command: 'test',
};

describe('npm run train', () => {
  it('is deterministic: any corpus-format files, trained twice, give the same bytes', () => {
    const a = trainReader(small);
    const b = trainReader(small);
    expect(a.json).toBe(b.json);
    expect(a.file.header.dataSha256).toMatch(/^[0-9a-f]{64}$/);
  }, 180_000);

  it('reproduces the committed models/reader.json from the repository’s splits', () => {
    const committed = readFileSync(new URL('../../models/reader.json', import.meta.url), 'utf8');
    const splits = defaultSplits(root);
    const fresh = trainReader({ root, ...splits, command: 'npm run train' });
    // The file lists first: a batch added without retraining shows up here, with its name.
    expect(fresh.file.header.files).toEqual((JSON.parse(committed) as { header: { files: unknown } }).header.files);
    expect(fresh.json === committed).toBe(true);
  }, 300_000);
});
