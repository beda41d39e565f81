// `m365-guide export-labels [--redact] [--since DATE]`: the labelled tickets agents' decisions left in the store, as
// corpus JSONL on stdout (the same lines as GET /admin/labels), ready for `m365-guide eval` and training. Reads the
// store the service uses: DATABASE_URL, else the embedded storage in DATA_DIR (default ./data), which only one
// process may open: with the service running on it, use GET /admin/labels instead.
import { exportLabelLines } from '../../labels/export.js';
import { isStoreError } from '../../store/errors.js';
import { openStore } from '../../store/open-store.js';
import { UsageError, parseCommandArgs } from '../args.js';
import { InputError, StreamWriter } from '../io.js';
import type { CliIO } from '../io.js';

export async function exportLabelsCommand(args: string[], io: CliIO, env: Record<string, string | undefined> = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('export-labels', args, { redact: { type: 'boolean' }, since: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`, 'export-labels');
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (since && Number.isNaN(since.getTime())) throw new UsageError(`--since ${JSON.stringify(values.since)} is not a date (e.g. 2025-01-31)`, 'export-labels');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  let store;
  try {
    store = await openStore({ databaseUrl, dataDir: env.DATA_DIR?.trim() || './data', warn: (m) => io.stderr.write(`${m}\n`) });
  } catch (err) {
    const hint = isStoreError(err, 'store_locked') ? ' (the service is running on it: export with GET /admin/labels, or stop the service first)' : '';
    throw new InputError(`cannot open the store: ${(err as Error).message}${hint}`);
  }
  const out = new StreamWriter(io.stdout);
  let lines = 0;
  try {
    for await (const line of exportLabelLines(store, { redact: values.redact === true, ...(since ? { since } : {}) })) {
      await out.write(line);
      lines++;
    }
    await out.flush();
    await store.audit({ action: 'labels.exported', actor: 'cli', details: { redact: values.redact === true, since: since?.toISOString() ?? null, lines, door: 'cli' } }, new Date());
  } finally {
    out.release();
    await store.close();
  }
  io.stderr.write(`exported ${lines} labelled ticket(s)${values.redact ? ', redacted' : ''}\n`);
  return 0;
}
