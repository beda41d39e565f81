import { expect, it } from 'vitest';
import { forEachStore, itRaces } from './helpers.js';
import { T0, at, newEvent } from './fixtures.js';

forEachStore('events', (ctx) => {
  it('stores a key once: a duplicate delivery stores nothing', async () => {
    expect(await ctx.store.insertEvent(newEvent('inv-1'), T0)).toBe(true);
    expect(await ctx.store.insertEvent(newEvent('inv-1', { payload: { other: true } }), at(5))).toBe(false);
    expect(await ctx.store.countEvents()).toBe(1);
    const [evt] = await ctx.store.claimEvents('w1', 10, 60_000, at(10));
    expect(evt).toMatchObject({ key: 'inv-1', state: 'processing', attempts: 1, payload: { actorId: '42', list: [1, 2, 3] } });
    expect(evt!.receivedAt).toEqual(T0);
    expect(evt!.lockedUntil).toEqual(at(60_010));
  });

  it('claims in id order, up to the limit, and not twice while the lease lives', async () => {
    for (const k of ['a', 'b', 'c']) await ctx.store.insertEvent(newEvent(k), T0);
    expect((await ctx.store.claimEvents('w1', 2, 1000, T0)).map((e) => e.key)).toEqual(['a', 'b']);
    expect((await ctx.store.claimEvents('w2', 5, 1000, at(999))).map((e) => e.key)).toEqual(['c']);
    expect(await ctx.store.claimEvents('w2', 5, 1000, at(999))).toEqual([]);
    // The first worker died: its lease runs out and the events come back, with the attempt counted.
    const again = await ctx.store.claimEvents('w2', 5, 1000, at(1000));
    expect(again.map((e) => [e.key, e.attempts])).toEqual([['a', 2], ['b', 2]]);
  });

  it('finishes: done, retry later, or failed for good', async () => {
    for (const k of ['ok', 'retry', 'fail']) await ctx.store.insertEvent(newEvent(k), T0);
    const [ok, retry, fail] = await ctx.store.claimEvents('w1', 3, 60_000, T0);
    await ctx.store.finishEvent(ok!.id, { ok: true });
    await ctx.store.finishEvent(retry!.id, { ok: false, error: 'zendesk 503', retryAt: at(5000) });
    await ctx.store.finishEvent(fail!.id, { ok: false, error: 'bad payload', retryAt: null });
    expect(await ctx.store.countEvents('done')).toBe(1);
    expect(await ctx.store.countEvents('pending')).toBe(1);
    expect(await ctx.store.countEvents('failed')).toBe(1);
    expect(await ctx.store.claimEvents('w1', 5, 60_000, at(4999))).toEqual([]);
    const [back] = await ctx.store.claimEvents('w1', 5, 60_000, at(5000));
    expect(back).toMatchObject({ key: 'retry', attempts: 2, lastError: 'zendesk 503' });
  });

  it('gives a worker’s claimed events back on releaseClaims', async () => {
    await ctx.store.insertEvent(newEvent('x'), T0);
    await ctx.store.claimEvents('w1', 1, 60_000, T0);
    expect(await ctx.store.releaseClaims('w2')).toBe(0);
    expect(await ctx.store.releaseClaims('w1')).toBe(1);
    const [evt] = await ctx.store.claimEvents('w2', 1, 60_000, at(1));
    expect(evt).toMatchObject({ key: 'x', attempts: 1 });
  });

  itRaces(ctx, 'two stores claiming in parallel never get the same event', async () => {
    for (let i = 0; i < 60; i++) await ctx.store.insertEvent(newEvent(`k${i}`), T0);
    const other = await ctx.another();
    const rounds = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? other : ctx.store).claimEvents(`w${i}`, 7, 60_000, at(1))),
    );
    const ids = rounds.flat().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(60);
  });
});

forEachStore('events arriving together', (ctx) => {
  it('answers each of many concurrent deliveries on its own, duplicates included, and keeps arrival order', async () => {
    const keys = ['a', 'b', 'a', 'c', 'b', 'd', 'e', 'a'];
    const answers = await Promise.all(keys.map((k, i) => ctx.store.insertEvent(newEvent(k, { ticketId: String(100 + i) }), at(i))));
    // The first delivery of each key is stored; the later ones are duplicates, as if they had come a moment later.
    expect(answers).toEqual([true, true, false, true, false, true, true, false]);
    expect(await ctx.store.countEvents()).toBe(5);
    const claimed = await ctx.store.claimEvents('w1', 10, 60_000, at(100));
    expect(claimed.map((e) => [e.key, e.ticketId, e.receivedAt.getTime() - T0.getTime()])).toEqual([
      ['a', '100', 0],
      ['b', '101', 1],
      ['c', '103', 3],
      ['d', '105', 5],
      ['e', '106', 6],
    ]);
    // A key already stored by an earlier batch is a duplicate too.
    expect(await Promise.all([ctx.store.insertEvent(newEvent('c'), at(200)), ctx.store.insertEvent(newEvent('f'), at(200))])).toEqual([false, true]);
  });

  it('a bad delivery fails only its own caller, not the others written with it', async () => {
    const bad = newEvent('bad', { payload: { text: 'nul \u0000 in jsonb is refused by PostgreSQL' } });
    const results = await Promise.allSettled([
      ctx.store.insertEvent(newEvent('good-1'), T0),
      ctx.store.insertEvent(bad, T0),
      ctx.store.insertEvent(newEvent('good-2'), T0),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await ctx.store.countEvents()).toBe(2);
  });

  it('a key too large for the unique index (SQLSTATE 54000) fails only its own callers, not the good ones beside it', async () => {
    // Incompressible text over ~2,700 bytes cannot go into a btree index entry: a statement error that is neither
    // bad data (22) nor a constraint (23). Before issue 12 it failed the whole group commit.
    const { randomBytes } = await import('node:crypto');
    const calls = [
      ...Array.from({ length: 20 }, (_, i) => ({ key: `good-${i}`, good: true })),
      ...Array.from({ length: 3 }, () => ({ key: randomBytes(4000).toString('hex'), good: false })),
    ].sort((a, b) => a.key.localeCompare(b.key));
    const results = await Promise.allSettled(calls.map((c) => ctx.store.insertEvent(newEvent(c.key), T0)));
    results.forEach((r, i) => expect(r.status, calls[i]!.key.slice(0, 12)).toBe(calls[i]!.good ? 'fulfilled' : 'rejected'));
    expect(await ctx.store.countEvents()).toBe(20);
  });

  it('an insert inside a transaction commits or rolls back with it', async () => {
    await expect(
      ctx.store.withTx(async (tx) => {
        expect(await tx.insertEvent(newEvent('in-tx'), T0)).toBe(true);
        // The root store, reached from inside the transaction, joins it instead of waiting for a shared batch.
        expect(await ctx.store.insertEvent(newEvent('in-tx-root'), T0)).toBe(true);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await ctx.store.countEvents()).toBe(0);
  });
});
