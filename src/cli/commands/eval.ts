import { UsageError, parseCommandArgs } from '../args.js';
import { autoSendThreshold, classify } from '../engine.js';
import { computeMetrics } from '../eval-metrics.js';
import type { Prediction } from '../eval-metrics.js';
import { evalVerdict, formatEval } from '../format-eval.js';
import { openInput, writeOut } from '../io.js';
import type { CliIO } from '../io.js';
import { formatLineError, readTickets } from '../read-tickets.js';
import { validateLabels } from '../validate-labels.js';
import { TicketError, step } from './per-ticket.js';

export async function evalCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('eval', args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'FILE is required (use - for stdin)' : 'expected exactly one FILE', 'eval');
  }
  const file = positionals[0]!;
  const source = await openInput(file, io.stdin, io.stderr);

  const predictions: Prediction[] = [];
  let skippedLines = 0;
  const skip = (lineNo: number, error: string, id: string): void => {
    skippedLines += 1;
    io.stderr.write(formatLineError(lineNo, error, id));
  };
  for await (const item of readTickets(source)) {
    if (!item.ok) {
      skip(item.lineNo, item.error, item.id);
      continue;
    }
    const labels = validateLabels(item.record);
    if (!labels.ok) {
      skip(item.lineNo, labels.error, item.id);
      continue;
    }
    try {
      const actual = step('classifier', () => classify(item.thread));
      predictions.push({ id: item.id, expected: labels.expected, actual });
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      skip(item.lineNo, err.message, item.id);
    }
  }

  const metrics = computeMetrics(predictions, { autoSendThreshold: (b) => autoSendThreshold(b) });
  const meta = { source: file === '-' ? 'stdin' : file, skippedLines };
  const verdict = evalVerdict(metrics, meta);
  if (values.json) {
    await writeOut(io.stdout, JSON.stringify({ ...meta, pass: verdict.pass, result: verdict.text, ...metrics }, null, 2) + '\n');
  } else {
    await writeOut(io.stdout, formatEval(metrics, meta));
  }
  return verdict.pass ? 0 : 1;
}
