// Entry of the `m365-guide` CLI (launched by bin/m365-guide from dist/). main() returns the exit code instead of
// calling process.exit, so pending output is flushed and tests can run it in-process with injected streams.
import { HelpRequested, UsageError } from './args.js';
import { classifyCommand } from './commands/classify.js';
import { doctorCommand } from './commands/doctor.js';
import { draftCommand } from './commands/draft.js';
import { evalCommand } from './commands/eval.js';
import { exportLabelsCommand } from './commands/export-labels.js';
import { renderCommand } from './commands/render.js';
import { InputError, resolveIO } from './io.js';
import type { CliIO } from './io.js';
import { USAGE } from './usage.js';

export type { CliIO } from './io.js';

const COMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  classify: classifyCommand,
  draft: draftCommand,
  render: renderCommand,
  eval: evalCommand,
  'export-labels': (args, io) => exportLabelsCommand(args, io),
  doctor: doctorCommand,
};

const HELP = new Set(['help', '--help', '-h']);

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const streams = resolveIO(io);
  const [command, ...rest] = argv;
  if (command === undefined || HELP.has(command)) {
    streams.stdout.write(USAGE);
    return 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (run === undefined) {
    streams.stderr.write(`m365-guide: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, streams);
  } catch (err) {
    if (err instanceof HelpRequested) {
      streams.stdout.write(USAGE);
      return 0;
    }
    if (err instanceof UsageError) {
      streams.stderr.write(`m365-guide ${err.command ?? command}: ${err.message}\nRun 'm365-guide help' for usage.\n`);
      return 2;
    }
    if (err instanceof InputError) {
      streams.stderr.write(`m365-guide ${command}: ${err.message}\n`);
      return 2;
    }
    streams.stderr.write(`m365-guide ${command}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
