// The server's start in-process (src/boot.ts, what src/server.ts runs), so its branches are measured; test/server.test.ts
// still starts the real process for the same promises. README "Configuration": a wrong value stops the process with
// one line naming the variable (exit code 78); a taken port names PORT (exit code 98).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runServer, type ProcessIo, type Started } from '../src/boot.js';
import { LOCK_FILE } from '../src/store/lock-file.js';
import { pollUntil } from './helpers/poll.js';

const dirs: string[] = [];
const running: Started[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'm365-boot-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const s of running.splice(0)) await s.app.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A process as runServer sees it: what it prints, the exit codes it asks for, the signal handlers it registers. */
function fakeProcess(env: Record<string, string>, cwd = tempDir(), args: string[] = []) {
  const lines: string[] = [];
  const exits: number[] = [];
  const signals = new Map<string, () => void>();
  const io: ProcessIo = {
    argv: ['node', 'dist/server.js', ...args],
    env: { LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0', ...env },
    cwd,
    stdoutIsTty: false,
    stderr: (line) => lines.push(line),
    exit: (code) => exits.push(code),
    onSignal: (signal, handler) => signals.set(signal, handler),
  };
  return { io, lines, exits, signals };
}

async function start(p: ReturnType<typeof fakeProcess>): Promise<Started | null> {
  const s = await runServer(p.io);
  if (s) running.push(s);
  return s;
}

// Each start opens embedded storage on disk and migrates it: on a loaded machine that alone can take tens of seconds.
describe('starting the server', { timeout: 180_000 }, () => {
  it('a wrong variable, a missing ENV_FILE, or --demo with a real Zendesk: one line naming it, exit code 78, nothing started', async () => {
    const wrongPort = fakeProcess({ PORT: 'eighty' });
    expect(await start(wrongPort)).toBeNull();
    expect(wrongPort.exits).toEqual([78]);
    expect(wrongPort.lines).toEqual([expect.stringMatching(/^m365-guide: configuration error \(config_invalid\): PORT: /)]);
    expect(wrongPort.signals.size).toBe(0);

    const dir = tempDir();
    const noFile = fakeProcess({ ENV_FILE: 'm365.env' }, dir);
    expect(await start(noFile)).toBeNull();
    expect(noFile.exits).toEqual([78]);
    expect(noFile.lines).toEqual([`m365-guide: configuration error (config_invalid): ENV_FILE: ${join(dir, 'm365.env')} does not exist`]);

    // `npm run demo` passes --demo, which turns DEMO on; the demo refuses a real Zendesk (README "Try the demo").
    const demo = fakeProcess({ ZENDESK_URL: 'https://acme.zendesk.com', ZENDESK_EMAIL: 'bot@acme.com', ZENDESK_API_TOKEN: 'abcdefghijkl' }, tempDir(), ['--demo']);
    expect(await start(demo)).toBeNull();
    expect(demo.exits).toEqual([78]);
    expect(demo.lines).toEqual([expect.stringMatching(/^m365-guide: configuration error \(config_invalid\): DEMO: 'on' cannot be combined with ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN/)]);
  });

  it('a port already in use: one line naming PORT, exit code 98, and the data directory is free again', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const data = join(tempDir(), 'data');
    try {
      const p = fakeProcess({ PORT: String(port), DATA_DIR: data });
      expect(await start(p)).toBeNull();
      expect(p.exits).toEqual([98]);
      expect(p.lines).toEqual([`m365-guide: port ${port} on 127.0.0.1 is already in use; set PORT to a free port (e.g. PORT=3001 npm start)`]);
    } finally {
      blocker.close();
    }
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
    // The next start on the same data directory works.
    const next = fakeProcess({ DATA_DIR: data });
    expect(await start(next)).not.toBeNull();
    expect(next.exits).toEqual([]);
  });

  it('an unusable DATA_DIR is a configuration error (78); an address this machine does not have is a plain failure (1)', async () => {
    const badDir = fakeProcess({ DATA_DIR: '/dev/null/data' });
    expect(await start(badDir)).toBeNull();
    expect(badDir.exits).toEqual([78]);
    expect(badDir.lines).toEqual([expect.stringMatching(/^m365-guide failed to start: DATA_DIR: \/dev\/null is not a directory/)]);

    const data = join(tempDir(), 'data');
    const badHost = fakeProcess({ HOST: '203.0.113.7', DATA_DIR: data }); // TEST-NET-3 (RFC 5737): on no machine
    expect(await start(badHost)).toBeNull();
    expect(badHost.exits).toEqual([1]);
    expect(badHost.lines).toEqual([expect.stringMatching(/^m365-guide failed to start: .*EADDRNOTAVAIL/)]);
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
  });

  it('reads .env from the working directory (the environment wins), serves, and on SIGTERM closes and exits 0', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    writeFileSync(join(dir, '.env'), `ADMIN_TOKEN=from-the-file-0123456789\nDATA_DIR=${data}\n`);
    const p = fakeProcess({ ADMIN_TOKEN: 'from-the-environment-0123456789' }, dir);
    const s = await start(p);
    expect(s).not.toBeNull();
    expect(p.exits).toEqual([]);
    expect(existsSync(join(data, LOCK_FILE))).toBe(true); // DATA_DIR came from the file
    const asked = (token: string) => fetch(`${s!.address}/admin/auto-send`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asked('from-the-environment-0123456789')).status).toBe(200);
    expect((await asked('from-the-file-0123456789')).status).toBe(401);

    expect([...p.signals.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    p.signals.get('SIGTERM')!();
    await pollUntil('the graceful close to exit', () => p.exits.length > 0);
    expect(p.exits).toEqual([0]);
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
    await expect(fetch(`${s!.address}/healthz`)).rejects.toThrow();
    running.splice(0);
  });
});
