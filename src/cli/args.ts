// Flag parsing helpers around node:util parseArgs. Every problem becomes a UsageError, which main() turns into a
// message on stderr and exit code 2, so a script can tell "you called me wrong" from "some tickets failed" (1).
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to point at, if any. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** `<command> --help`: main() answers with the usage text and exit 0. Thrown so commands need no help branch. */
export class HelpRequested extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode with positionals allowed; its TypeErrors (unknown flag, missing value) become
 *  UsageErrors. Every command also accepts --help / -h. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      throw new UsageError((err as Error).message, command);
    }
    throw err;
  }
  if ((parsed.values as Record<string, unknown>).help === true) throw new HelpRequested();
  return parsed;
}

/** Checks a flag value against its allowed set; the error lists the allowed values so the fix is obvious. */
export function oneOf<T extends string>(
  command: string,
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback?: T,
): T {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${flag} is required; allowed values: ${allowed.join(', ')}`, command);
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} ${JSON.stringify(value)} is not valid; allowed values: ${allowed.join(', ')}`, command);
  }
  return value as T;
}

/** The optional single FILE argument of classify/draft/eval. */
export function optionalFile(command: string, positionals: string[]): string | undefined {
  if (positionals.length > 1) {
    throw new UsageError(`expected at most one FILE, got ${positionals.length}: ${positionals.join(' ')}`, command);
  }
  return positionals[0];
}
