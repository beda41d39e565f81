// Shared test plumbing: run main() in-process with injected streams, and the corpus paths.
import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { LABELLED_PATH } from '../helpers/shared-corpus.js';

/**
 * Labelled tickets to feed the CLI: the dev corpus when ../shared is beside the clone, else examples/tickets.jsonl.
 * Checks on the corpus's own figures (72 tickets, its accuracy) use describeWithSharedCorpus instead.
 */
export const CORPUS_PATH = LABELLED_PATH;
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CorpusRecord {
  id: string;
  subject: string;
  body: string;
  comments?: Array<{ author: 'customer' | 'agent'; body: string }>;
  labels: Record<string, string>;
  trap: string;
}

export function corpusLines(): string[] {
  return readFileSync(CORPUS_PATH, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

export function corpusRecords(): CorpusRecord[] {
  return corpusLines().map((l) => JSON.parse(l) as CorpusRecord);
}

class Sink extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    cb();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout split into non-empty lines. */
  lines: string[];
  /** stderr split into non-empty lines. */
  errors: string[];
}

/**
 * Runs main(argv) with stdin fed from `input`. `chunkSize` splits the input into small chunks so line splitting
 * across chunk boundaries (including inside multi-byte UTF-8 characters) is exercised.
 */
export async function runCli(argv: string[], input: string | Buffer = '', chunkSize?: number): Promise<CliRun> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const chunks: Buffer[] = [];
  const size = chunkSize ?? 64 * 1024;
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const stdin = Readable.from(chunks);
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main(argv, { stdin, stdout, stderr });
  const split = (s: string): string[] => s.split('\n').filter((l) => l !== '');
  return { code, stdout: stdout.text(), stderr: stderr.text(), lines: split(stdout.text()), errors: split(stderr.text()) };
}

export function parseLines<T = Record<string, unknown>>(run: CliRun): T[] {
  return run.lines.map((l) => JSON.parse(l) as T);
}
