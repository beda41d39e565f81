// The real launcher, as a user runs it: bin/m365-guide → dist/cli/main.js in a child process. Proves the build
// output, the shebang-free launch path, exit codes and stdout/stderr separation outside vitest's module loader.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_PATH, REPO_ROOT, corpusLines, runCli } from './helpers.js';

const BIN = join(REPO_ROOT, 'bin', 'm365-guide');
const ENTRY = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const SRC = join(REPO_ROOT, 'src');

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSourceMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * In a fresh clone `npm ci` has already built dist/ (the `prepare` script). During development dist/ may be missing
 * or older than src/, so rebuild then: testing a stale build would test old code. tsc still emits when files
 * elsewhere in src/ have type errors, so those are only reported, as long as the CLI entry was written.
 */
function ensureBuilt(): void {
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newestSourceMtime(SRC)) return;
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (!existsSync(ENTRY) || statSync(ENTRY).mtimeMs < newestSourceMtime(SRC)) {
    throw new Error(`build did not produce a fresh ${ENTRY}:\n${r.stdout}${r.stderr}`);
  }
  if (r.status !== 0) console.warn(`tsc reported errors (dist/ was emitted anyway):\n${r.stdout}`);
}

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runBin(args: string[], input?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    // Through process.execPath rather than the shebang: same launcher code, and no reliance on PATH or the exec bit.
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const dir = mkdtempSync(join(tmpdir(), 'm365-guide-bin-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/m365-guide', () => {
  it('--help prints usage, exit 0', async () => {
    const r = await runBin(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: m365-guide <command>/);
  });

  it('classify FILE gives the same JSONL as main() in-process', async () => {
    const [child, inProcess] = await Promise.all([runBin(['classify', CORPUS_PATH]), runCli(['classify', CORPUS_PATH])]);
    expect(child.code).toBe(0);
    expect(child.stderr).toBe('');
    expect(child.stdout.split('\n').filter(Boolean)).toHaveLength(corpusLines().length);
    expect(child.stdout).toBe(inProcess.stdout);
  });

  it('draft from stdin: bad line on stderr with its number, good lines on stdout, exit 1', async () => {
    const [a, b] = corpusLines();
    const r = await runBin(['draft', '-'], `${a}\n{"subject":"x"}\n${b}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('line 2: body is missing or empty');
    const ids = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual([(JSON.parse(a!) as { id: string }).id, (JSON.parse(b!) as { id: string }).id]);
  });

  it('render with a bad branch exits 2 naming the allowed values', async () => {
    const r = await runBin(['render', '--branch', 'x', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('allowed values: full-guide, modern-direct, rename-or-hybrid, rename, hybrid');
    expect(r.stdout).toBe('');
  });

  it('eval exits as main() does', async () => {
    const [child, inProcess] = await Promise.all([runBin(['eval', CORPUS_PATH]), runCli(['eval', CORPUS_PATH])]);
    expect(child.code).toBe(inProcess.code);
    expect(child.stdout).toBe(inProcess.stdout);
  });

  it('eval examples/tickets.jsonl works on a fresh clone: every example file ticket, every branch, exit 0', async () => {
    const r = await runBin(['eval', 'examples/tickets.jsonl']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Evaluated 24 labelled tickets from examples/tickets.jsonl');
    for (const branch of ['off-topic', 'full-guide', 'modern-direct', 'rename-or-hybrid', 'rename', 'hybrid']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${branch} `, 'm'));
    }
    expect(r.code).toBe(0);
  });

  it('stops quietly when the reader goes away (m365-guide draft big.jsonl | head -1)', async () => {
    const lines = corpusLines();
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, Array.from({ length: 6_000 }, (_, i) => lines[i % lines.length]).join('\n') + '\n');
    const r = await new Promise<Result>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'draft', big], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr }));
    });
    expect(r.signal).toBeNull();
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(r.code).not.toBe(0);
  });
});
