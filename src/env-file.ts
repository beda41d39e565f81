// Reads `.env` (or the file named by ENV_FILE) into the environment before the configuration is validated, with Node's
// own parser (util.parseEnv, the parser behind process.loadEnvFile, Node ≥ 20.12): a pasted README snippet works
// without `export` and keeps secrets out of the shell history. Variables already set in the environment win over the
// file. ENV_FILE=none reads nothing.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export class EnvFileError extends Error {
  readonly code = 'config_invalid';
}

/**
 * Fills `env` from the file (only variables `env` does not have yet) and returns the file that was read, or null when
 * there was none to read. The server passes process.env; tests pass their own object.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  const named = env.ENV_FILE;
  if (named === 'none') return null;
  const path = resolve(cwd, named ?? '.env');
  if (!existsSync(path)) {
    if (named) throw new EnvFileError(`ENV_FILE: ${path} does not exist`);
    return null;
  }
  let vars: Record<string, string>;
  try {
    vars = parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (err) {
    throw new EnvFileError(`ENV_FILE: ${path} could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  for (const [name, value] of Object.entries(vars)) if (env[name] === undefined) env[name] = value;
  return path;
}
