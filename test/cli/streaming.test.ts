// classify answers each line as it arrives: the input is a stream, not a file loaded whole.
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { corpusLines } from './helpers.js';

describe('streaming', () => {
  it('writes the result for line 1 before the input has ended', async () => {
    const [a, b] = corpusLines();
    const idOf = (l: string | undefined) => (JSON.parse(l!) as { id: string }).id;
    const stdin = new PassThrough();
    const out: string[] = [];
    const stdout = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out.push(chunk.toString('utf8'));
        cb();
      },
    });
    const stderr = new PassThrough();
    const done = main(['classify'], { stdin, stdout, stderr });

    stdin.write(`${a}\n`);
    // The input stays open while we wait: the line can only come out if it was answered on arrival.
    await expect.poll(() => out.length, { timeout: 30_000 }).toBe(1);
    expect(JSON.parse(out[0]!)).toMatchObject({ id: idOf(a) });

    stdin.end(`${b}\n`);
    expect(await done).toBe(0);
    expect(out.map(idOf)).toEqual([idOf(a), idOf(b)]);
  });

  it('waits for a slow stdout instead of buffering everything (backpressure)', async () => {
    const lines = corpusLines();
    const input = Array.from({ length: 500 }, (_, i) => lines[i % lines.length]).join('\n') + '\n';
    const stdin = new PassThrough();
    let maxBuffered = 0;
    let count = 0;
    const stdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        count += chunk.toString('utf8').split('\n').length - 1;
        setImmediate(cb); // a slow consumer
      },
    });
    const probe = setInterval(() => (maxBuffered = Math.max(maxBuffered, stdout.writableLength)), 0);
    const done = main(['draft'], { stdin, stdout, stderr: new PassThrough() });
    stdin.end(input);
    expect(await done).toBe(0);
    clearInterval(probe);
    expect(count).toBe(500);
    // One result line may overshoot the 1 KiB mark, but the queue never grows with the input.
    expect(maxBuffered).toBeLessThan(64 * 1024);
  });
});
