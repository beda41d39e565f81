// The streams a CLI run talks to. Injected so tests drive main() in-process; defaults are the process streams.
import { open } from 'node:fs/promises';
import type { ByteSource } from './read-jsonl.js';

export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The environment `doctor` reads its configuration from (tests inject one; default process.env). */
  env?: Record<string, string | undefined>;
}

export function resolveIO(io: Partial<CliIO> = {}): CliIO {
  return { stdin: io.stdin ?? process.stdin, stdout: io.stdout ?? processStdout(), stderr: io.stderr ?? process.stderr, ...(io.env ? { env: io.env } : {}) };
}

let stdoutGuarded = false;
/** process.stdout with EPIPE made harmless: `m365-guide eval x | head` must not end in a stack trace when head
 *  exits early. Writers notice the closed pipe through their own error listener and stop. */
function processStdout(): NodeJS.WritableStream {
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  return process.stdout;
}

/** The output side went away (e.g. `m365-guide classify big.jsonl | head`): stop working, nobody is reading. */
export class OutputClosedError extends Error {
  constructor(cause: unknown) {
    super('output closed', { cause });
  }
}

/**
 * Writes to a stream honouring backpressure: when the consumer is slow, wait for 'drain' instead of queueing
 * the whole result in memory (20,000 drafts are tens of MB).
 */
export class StreamWriter {
  private failure: unknown = null;
  /** Writes handed to the stream whose callback has not fired yet (queued in the stream, not yet flushed). */
  private pending = 0;
  private idle: (() => void) | null = null;
  private readonly onError = (err: unknown): void => {
    this.failure = err;
    this.idle?.(); // nothing queued will be flushed any more
  };
  private readonly onWritten = (): void => {
    this.pending -= 1;
    if (this.pending === 0 && this.idle) this.idle();
  };

  constructor(private readonly stream: NodeJS.WritableStream) {
    // Without a listener an EPIPE would be an uncaught 'error' event and crash the process.
    stream.on('error', this.onError);
  }

  async write(text: string): Promise<void> {
    if (this.failure !== null) throw new OutputClosedError(this.failure);
    this.pending += 1;
    if (this.stream.write(text, this.onWritten)) return;
    await this.drained();
    if (this.failure !== null) throw new OutputClosedError(this.failure);
  }

  /** Resolves once everything written has left the stream's queue, so a caller of main() sees complete output. */
  async flush(): Promise<void> {
    if (this.pending === 0 || this.failure !== null) return;
    await new Promise<void>((resolve) => (this.idle = resolve));
    this.idle = null;
  }

  release(): void {
    this.stream.off('error', this.onError);
  }

  private drained(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
      this.stream.on('error', done);
    });
  }
}

/** The file could not be opened; a usage-level problem (exit 2), reported before any output. */
export class InputError extends Error {}

/** `-` or no file means stdin. The file is opened up front so a typo fails fast, then read as a stream. */
export async function openInput(file: string | undefined, stdin: NodeJS.ReadableStream, stderr: NodeJS.WritableStream): Promise<ByteSource> {
  if (file === undefined || file === '-') {
    // A human at a terminal would otherwise stare at a silent prompt.
    if ((stdin as { isTTY?: boolean }).isTTY) stderr.write('m365-guide: reading JSONL tickets from stdin (end with Ctrl-D)\n');
    return stdin as AsyncIterable<Buffer | string>;
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new InputError(`cannot open ${file}: ${errorText(err)}`);
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw new InputError(`cannot read ${file}: it is a directory`);
  }
  return handle.createReadStream({ highWaterMark: 256 * 1024 });
}

export function errorText(err: unknown): string {
  // Node's fs messages already carry the code and path: "ENOENT: no such file or directory, open 'x.jsonl'".
  return err instanceof Error ? err.message : String(err);
}

/** One whole-text write that resolves when the stream has taken it (errors are reported by the stream itself). */
export function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}
