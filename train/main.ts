// `npm run train`: trains the reader on the repository's splits and writes models/reader.json.
//   npm run train                                   the default splits (train/corpus.ts defaultSplits)
//   npm run train -- --train a.jsonl --train b.jsonl --validation v.jsonl --out /tmp/m.json
//   npm run train -- --compare                      feature sets × L2 per slot on validation (train/chosen.ts)
// Any corpus-format file can be given; --check compares the result with the file at --out instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultSplits } from './corpus.js';
import { formatComparison, formatReport } from './report.js';
import { compareOptions, trainReader } from './train-reader.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    train: { type: 'string', multiple: true },
    validation: { type: 'string', multiple: true },
    out: { type: 'string', default: join(root, 'models/reader.json') },
    check: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
  },
});
const splits = defaultSplits(root);
const custom = values.train !== undefined || values.validation !== undefined;
const command = custom ? `npm run train -- ${process.argv.slice(2).join(' ')}` : 'npm run train';
const config = {
  root,
  train: values.train?.map((p) => resolve(p)) ?? splits.train,
  validation: values.validation?.map((p) => resolve(p)) ?? splits.validation,
  command,
};
if (values.compare) {
  const compared = compareOptions(config);
  process.stdout.write(formatComparison(compared.scores, compared.validationTickets));
  process.exit(0);
}
const result = trainReader(config);
process.stdout.write(formatReport(result.file));
if (values.check) {
  const same = readFileSync(values.out!, 'utf8') === result.json;
  process.stdout.write(same ? `\n${values.out} reproduced byte for byte\n` : `\n${values.out} differs from this run\n`);
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(values.out!, result.json);
  process.stdout.write(`\nwrote ${values.out} (${result.json.length} bytes)\n`);
}
