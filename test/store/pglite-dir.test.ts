// PGlite in a data directory: one process at a time (lock file), and data that survives close and reopen.
import { MIGRATIONS } from '../../src/store/migrations.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStoreError } from '../../src/store/errors.js';
import { LOCK_FILE } from '../../src/store/lock-file.js';
import { openStore } from '../../src/store/open-store.js';
import { openPglite } from '../../src/store/sql-pglite.js';
import { T0, newDraft, newEvent } from './fixtures.js';
import { storeKinds } from './helpers.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'm365-guide-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('PGlite data directory', () => {
  it('creates a missing directory, locks it, and a second open fails with store_locked naming dir and pid', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const first = await openPglite(dir);
    const lock = path.join(dir, LOCK_FILE);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    const second = await openPglite(dir).then(
      () => null,
      (err: unknown) => err,
    );
    expect(isStoreError(second, 'store_locked')).toBe(true);
    expect((second as Error).message).toContain(dir);
    expect((second as Error).message).toContain(String(process.pid));
    await first.close();
    expect(existsSync(lock)).toBe(false);
    const again = await openPglite(dir);
    await again.close();
  });

  it('takes over a stale lock left by a process that is gone, and says so', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(path.join(dir, LOCK_FILE), `${dead}\n`);
    const warnings: string[] = [];
    const sql = await openPglite(dir, { warn: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`stale lock .*process ${dead}`));
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    await sql.close();
  });

  it('a lock file a crash left without a pid is taken over too; the warning says the holder is unknown', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), ''); // the process died between creating the file and writing its pid
    const warnings: string[] = [];
    const sql = await openPglite(dir, { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/^taking over a stale lock on .*: process \(unknown\) that held .* is no longer running/)]);
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    await sql.close();
  });

  it('a process whose lock another one took over (it hung) leaves the new owner’s lock in place when it closes', async () => {
    const dir = tempDir();
    const sql = await openPglite(dir);
    // While this process hung, another one found no live owner, took the lock and now holds it.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dir, LOCK_FILE), `${other.pid}\n`);
      await sql.close();
      expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(other.pid));
      // And a third process is still refused: the directory is in use.
      const third = await openPglite(dir).then(() => null, (err: unknown) => err);
      expect(isStoreError(third, 'store_locked')).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('a closed store refuses work with a clear error instead of hanging; closing it again is harmless', async () => {
    const store = await storeKinds()[0]!.open(); // PGlite in memory: the same adapter without a directory
    await store.close();
    await expect(store.insertEvent(newEvent('inv-late'), T0)).rejects.toThrow('the PGlite store is closed');
    await expect(store.getMeta('cursor')).rejects.toThrow('the PGlite store is closed');
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('keeps its data across close and reopen, and does not re-run migrations', async () => {
    const dir = tempDir();
    const store = await openStore({ dataDir: dir });
    await store.insertEvent(newEvent('inv-1'), T0);
    const { draft } = await store.createDraft(newDraft('100'), T0);
    await store.setMeta('cursor', '42');
    await store.close();

    const reopened = await openStore({ dataDir: dir });
    try {
      expect(await reopened.insertEvent(newEvent('inv-1'), T0)).toBe(false);
      expect(await reopened.getDraft(draft.id)).toEqual(draft);
      expect(await reopened.getMeta('cursor')).toBe('42');
      expect(await reopened.sql.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
      // New ids continue after the old ones.
      expect((await reopened.createDraft(newDraft('100'), T0)).draft.id).toBe(draft.id + 1);
    } finally {
      await reopened.close();
    }
  });

  it('releases the lock when opening fails after taking it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'PG_VERSION'), 'not a database\n'); // PGlite refuses this directory
    await expect(openPglite(dir)).rejects.toThrow();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('an impossible DATA_DIR', () => {
  it('fails at once with the variable and the path named, instead of hanging (a path under /proc used to spin forever)', async () => {
    for (const [dir, said] of [
      ['/proc/1/m365-guide-data', /DATA_DIR: cannot create \/proc\/1\/m365-guide-data \(ENOENT\)/],
      ['/dev/null/data', /DATA_DIR: \/dev\/null is not a directory/],
    ] as const) {
      const err = await openStore({ dataDir: dir, warn: () => undefined }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isStoreError(err, 'store_config_invalid'), dir).toBe(true);
      expect((err as Error).message).toMatch(said);
    }
  });
});
