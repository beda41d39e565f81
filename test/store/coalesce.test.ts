import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/store/coalesce.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('coalesce (group commit)', () => {
  it('writes calls made in the same turn as one batch, and calls made while it runs as the next one', async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const run = async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await gate.promise;
      return items.map((n) => n * 10);
    };
    const write = coalesce(run, { maxBatch: 100, concurrency: 1 });
    const first = [1, 2, 3].map((n) => write(n));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((n) => write(n));
    gate.resolve();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('never exceeds the batch size or the number of batches in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const sizes: number[] = [];
    const write = coalesce(
      async (items: number[]) => {
        inFlight++;
        most = Math.max(most, inFlight);
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return items;
      },
      { maxBatch: 4, concurrency: 2 },
    );
    const out = await Promise.all(Array.from({ length: 19 }, (_, i) => write(i)));
    expect(out).toEqual(Array.from({ length: 19 }, (_, i) => i));
    expect(Math.max(...sizes)).toBe(4);
    expect(most).toBe(2);
  });

  it('retries items alone after a data error, so only the bad one fails', async () => {
    const calls: string[][] = [];
    const write = coalesce(
      async (items: string[]) => {
        calls.push(items);
        if (items.includes('bad')) throw Object.assign(new Error('invalid input'), { code: '22P02' });
        return items.map((s) => s.toUpperCase());
      },
      { maxBatch: 10, concurrency: 1, isItemError: (e) => (e as { code?: string }).code === '22P02' },
    );
    const r = await Promise.allSettled(['a', 'bad', 'c'].map((s) => write(s)));
    expect(r).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: expect.objectContaining({ message: 'invalid input' }) },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(calls).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('fails the whole batch at once when the database itself is gone (no retry per item)', async () => {
    let runs = 0;
    const write = coalesce(
      async () => {
        runs++;
        throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
      },
      { maxBatch: 10, concurrency: 1, isItemError: () => false },
    );
    const r = await Promise.allSettled([1, 2, 3].map((n) => write(n)));
    expect(r.every((x) => x.status === 'rejected')).toBe(true);
    expect(runs).toBe(1);
  });

  it('idle() waits for queued and running batches', async () => {
    const done: number[] = [];
    const write = coalesce(
      async (items: number[]) => {
        await new Promise((r) => setTimeout(r, 5));
        done.push(...items);
        return items;
      },
      { maxBatch: 2, concurrency: 1 },
    );
    void write(1);
    void write(2);
    void write(3);
    await write.idle();
    expect(done).toEqual([1, 2, 3]);
    await write.idle(); // nothing pending: resolves at once
  });
});
