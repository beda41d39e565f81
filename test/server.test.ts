// The server shell as a person starting it meets it: a .env file is read, a taken port says which variable to
// change (with its own exit code), and logs are JSON unless asked to be pretty.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isQuietPath, wantsPrettyLogs } from '../src/logger.js';
import { pollUntil } from './helpers/poll.js';
import { runUntilExit, startServer, type ServerProcess } from './helpers/server-process.js';

let server: ServerProcess | null = null;
let dir: string | null = null;
afterEach(async () => {
  await server?.kill('SIGTERM');
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const run = (env: Record<string, string>) => runUntilExit(env);

// Each test starts the real server through tsx (compiling on start): on a loaded machine that alone can take a minute.
describe('server shell', { timeout: 180_000 }, () => {
  it('a port already in use: one line naming PORT, exit code 98, nothing else started', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    dir = mkdtempSync(join(tmpdir(), 'm365-port-'));
    try {
      const { code, out } = await run({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent' });
      expect(code).toBe(98);
      expect(out).toContain(`port ${port} on 127.0.0.1 is already in use; set PORT to a free port`);
    } finally {
      blocker.close();
    }
  });

  it('reads ENV_FILE (a pasted .env) before validating, and the environment wins over the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'm365-env-'));
    const file = join(dir, 'm365.env');
    writeFileSync(file, `LOG_LEVEL=info\nADMIN_TOKEN=from-the-file-0123456789\nDATA_DIR=${join(dir, 'data')}\n`);
    server = await startServer({ ENV_FILE: file, ADMIN_TOKEN: 'from-the-environment-0123456789' });
    const res = await fetch(`${server.url}/admin/auto-send`, { headers: { authorization: 'Bearer from-the-environment-0123456789' } });
    expect(res.status).not.toBe(401);
    expect(res.status).not.toBe(404);
    const wrong = await fetch(`${server.url}/admin/auto-send`, { headers: { authorization: 'Bearer from-the-file-0123456789' } });
    expect([401, 403]).toContain(wrong.status);
    expect(server.output()).toContain(`configuration read from ${file}`);
  });

  it('a missing ENV_FILE is a configuration error naming the variable', async () => {
    const { code, out } = await run({ ENV_FILE: '/nonexistent/m365.env', LOG_LEVEL: 'silent' });
    expect(code).toBe(78);
    expect(out).toContain('ENV_FILE: /nonexistent/m365.env does not exist');
  });

  it('logs: JSON when stdout is not a terminal, pretty with LOG_FORMAT=pretty; static assets leave no request line', () => {
    expect(wantsPrettyLogs('auto', false)).toBe(false);
    expect(wantsPrettyLogs('auto', true)).toBe(true);
    expect(wantsPrettyLogs('json', true)).toBe(false);
    expect(wantsPrettyLogs('pretty', false)).toBe(true);
    expect(isQuietPath('/assets/review/review.css?v=1')).toBe(true);
    expect(isQuietPath('/review/queue')).toBe(false);
  });

  it('LOG_FORMAT=pretty writes readable lines, not JSON', async () => {
    dir = mkdtempSync(join(tmpdir(), 'm365-pretty-'));
    server = await startServer({ LOG_FORMAT: 'pretty', DATA_DIR: dir });
    await fetch(`${server.url}/assets/review/review.css`);
    await fetch(`${server.url}/`);
    // The listening line is the last boot line: poll until it is there (pino-pretty writes from a worker thread).
    await pollUntil('the listening line', () => server!.output().includes('try it at'), { timeoutMs: 60_000 });
    const lines = server.output().split('\n').filter(Boolean);
    expect(lines.some((l) => l.includes('INFO') && l.includes('try it at'))).toBe(true);
    expect(lines.some((l) => l.trim().startsWith('{"level"'))).toBe(false);
    // The page's request is logged, its stylesheet is not (at the default level).
    await pollUntil('the request line of /', () => server!.output().includes('"url":"/"'), { timeoutMs: 60_000 });
    expect(server.output()).toContain('"url":"/"');
    expect(server.output()).not.toContain('/assets/review/review.css');
  });
});
