// Reads `.env` (or the file named by ENV_FILE) into process.env before the configuration is validated, with Node's
// own parser (process.loadEnvFile, Node ≥ 20.12): a pasted README snippet works without `export` and keeps secrets
// out of the shell history. Variables already set in the environment win over the file. ENV_FILE=none reads nothing.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export class EnvFileError extends Error {
  readonly code = 'config_invalid';
}

/** Returns the file that was read, or null when there was none to read. */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  const named = env.ENV_FILE;
  if (named === 'none') return null;
  const path = resolve(cwd, named ?? '.env');
  if (!existsSync(path)) {
    if (named) throw new EnvFileError(`ENV_FILE: ${path} does not exist`);
    return null;
  }
  try {
    process.loadEnvFile(path);
  } catch (err) {
    throw new EnvFileError(`ENV_FILE: ${path} could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  return path;
}
