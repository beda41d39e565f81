// Compiles the service once per bench run (tsc, tsconfig.build.json) into bench/results/build/dist, so memory and
// scale figures are those of `node dist/server.js`, what the Docker image runs: tsx, which compiles TypeScript in
// the process, adds about 85 MB of its own. templates/ and public/ are linked beside it, where the code looks.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './child.js';

const BUILD = join(ROOT, 'bench/results/build');
let built: Promise<string | null> | null = null;

async function compile(): Promise<string | null> {
  rmSync(BUILD, { recursive: true, force: true });
  mkdirSync(BUILD, { recursive: true });
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(BUILD, 'dist')], { cwd: ROOT });
  } catch {
    // Type errors still emit JavaScript; only a missing output means the build failed.
  }
  const entry = join(BUILD, 'dist/server.js');
  if (!existsSync(entry)) return null;
  for (const dir of ['templates', 'public']) symlinkSync(join(ROOT, dir), join(BUILD, dir));
  return entry;
}

/** Path of the compiled server.js, or null when it could not be built (the caller falls back to tsx). */
export function compiledServer(): Promise<string | null> {
  built ??= compile();
  return built;
}
