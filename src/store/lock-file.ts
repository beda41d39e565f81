// One process per PGlite data directory: PGlite has no lock of its own, and two processes writing the same files
// corrupt the database. The lock file holds the owner's pid so a lock left by a crashed process can be taken over.
import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StoreError } from './errors.js';

export const LOCK_FILE = '.m365-guide.lock';

export interface DirLock {
  readonly dir: string;
  readonly file: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * mkdir -p, one level at a time. Node's recursive mkdir never returns on some impossible paths (DATA_DIR under
 * /proc spun forever with no output, issue 12); creating each missing level alone fails at once with a clear error.
 */
export function makeDataDir(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  while (!existsSync(at)) {
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) {
    throw new StoreError('store_config_invalid', `DATA_DIR: ${at} is not a directory, so ${dir} cannot be created there`);
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new StoreError('store_config_invalid', `DATA_DIR: cannot create ${level} (${code ?? String(err)}); choose a writable directory`);
    }
  }
}

export function acquireDirLock(dataDir: string, warn: (message: string) => void): DirLock {
  const dir = path.resolve(dataDir);
  makeDataDir(dir);
  const file = path.join(dir, LOCK_FILE);
  // Two rounds: a stale lock is removed once; if another process grabs it in between, the second round reports it.
  for (let round = 0; round < 2; round++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return { dir, file, release: () => releaseIfOurs(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readPid(file);
    if (holder !== null && isAlive(holder)) {
      throw new StoreError(
        'store_locked',
        `the data directory ${dir} is in use by process ${holder} (lock file ${file}). ` +
          'Stop that process, or give this one its own DATA_DIR or a DATABASE_URL.',
      );
    }
    warn(
      `taking over a stale lock on ${dir}: process ${holder ?? '(unknown)'} that held ${file} is no longer running ` +
        '(it probably crashed); the database is opened and recovers on its own.',
    );
    try {
      unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new StoreError('store_locked', `could not lock the data directory ${dir}: another process keeps taking ${file}`);
}

function releaseIfOurs(file: string): void {
  // Never remove a lock that a later owner wrote (ours was taken over as stale while we hung).
  if (readPid(file) !== process.pid) return;
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
