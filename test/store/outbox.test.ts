import { expect, it } from 'vitest';
import { forEachStore, itRaces } from './helpers.js';
import { T0, at, newOutbox } from './fixtures.js';

forEachStore('outbox', (ctx) => {
  it('enqueues an idempotency key once', async () => {
    expect(await ctx.store.enqueue(newOutbox('note:1', { draftId: 7 }), T0)).toBe(true);
    expect(await ctx.store.enqueue(newOutbox('note:1', { payload: { different: true } }), at(1))).toBe(false);
    const rows = await ctx.store.listOutbox({});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotencyKey: 'note:1', kind: 'zendesk.note', ticketId: '5158', draftId: 7, state: 'pending', attempts: 0,
      payload: { tags: ['m365', 'm365_needs_approval'] }, claimedBy: null, claimedUntil: null, result: null, sentAt: null,
    });
    expect(rows[0]!.nextAttemptAt).toEqual(T0);
    expect(rows[0]!.createdAt).toEqual(T0);
  });

  it('does not hand out a row before notBefore', async () => {
    await ctx.store.enqueue(newOutbox('later', { notBefore: at(5000) }), T0);
    expect(await ctx.store.claimOutbox('w1', 10, 1000, at(4999))).toEqual([]);
    expect(await ctx.store.claimOutbox('w1', 10, 1000, at(5000))).toHaveLength(1);
  });

  it('a live lease is not claimable; an expired one is, and attempts count every claim', async () => {
    await ctx.store.enqueue(newOutbox('r'), T0);
    const [first] = await ctx.store.claimOutbox('w1', 10, 30_000, T0);
    expect(first).toMatchObject({ state: 'claimed', claimedBy: 'w1', attempts: 1 });
    expect(first!.claimedUntil).toEqual(at(30_000));
    expect(await ctx.store.claimOutbox('w2', 10, 30_000, at(29_999))).toEqual([]);
    // w1 died between claiming and sending: after the lease the row is w2's.
    const [second] = await ctx.store.claimOutbox('w2', 10, 30_000, at(30_000));
    expect(second).toMatchObject({ id: first!.id, claimedBy: 'w2', attempts: 2 });
  });

  it('retry → pending later, dead, sent', async () => {
    for (const k of ['retry', 'dead', 'sent']) await ctx.store.enqueue(newOutbox(k), T0);
    const [retry, dead, sent] = await ctx.store.claimOutbox('w1', 10, 60_000, T0);
    await ctx.store.markRetry(retry!, '429 Too Many Requests', at(2000));
    await ctx.store.markDead(dead!, '403 Forbidden', at(1));
    await ctx.store.markSent(sent!.id, { commentId: 99 }, at(2));
    const byKey = Object.fromEntries((await ctx.store.listOutbox({})).map((r) => [r.idempotencyKey, r]));
    expect(byKey.retry).toMatchObject({ state: 'pending', lastError: '429 Too Many Requests', claimedBy: null, attempts: 1 });
    expect(byKey.retry!.nextAttemptAt).toEqual(at(2000));
    expect(byKey.dead).toMatchObject({ state: 'dead', lastError: '403 Forbidden', claimedBy: null });
    expect(byKey.sent).toMatchObject({ state: 'sent', result: { commentId: 99 }, claimedBy: null, claimedUntil: null });
    expect(byKey.sent!.sentAt).toEqual(at(2));
    expect(await ctx.store.claimOutbox('w1', 10, 60_000, at(1999))).toEqual([]);
    expect((await ctx.store.claimOutbox('w1', 10, 60_000, at(2000))).map((r) => [r.idempotencyKey, r.attempts])).toEqual([['retry', 2]]);
    expect((await ctx.store.listOutbox({ states: ['dead', 'sent'] })).map((r) => r.idempotencyKey)).toEqual(['sent', 'dead']);
  });

  it('revives only dead rows: fresh attempts, due now, the last error kept', async () => {
    for (const k of ['d1', 'd2', 'sent', 'waiting']) await ctx.store.enqueue(newOutbox(k), T0);
    const [d1, d2, sent] = await ctx.store.claimOutbox('w1', 3, 60_000, T0);
    await ctx.store.markDead(d1!, '403 Forbidden', at(1));
    await ctx.store.markDead(d2!, '422 Unprocessable', at(1));
    await ctx.store.markSent(sent!.id, {}, at(1));
    expect(await ctx.store.reviveOutbox(sent!.id, at(10))).toBeNull();
    expect(await ctx.store.reviveOutbox(987654, at(10))).toBeNull();
    expect(await ctx.store.reviveOutbox(d1!.id, at(10))).toMatchObject({ state: 'pending', attempts: 0, lastError: '403 Forbidden', claimedBy: null });
    expect(await ctx.store.reviveOutbox(d1!.id, at(11))).toBeNull(); // not dead any more
    expect((await ctx.store.reviveAllDeadOutbox(at(20))).map((r) => r.idempotencyKey)).toEqual(['d2']);
    const due = await ctx.store.claimOutbox('w2', 10, 60_000, at(20));
    expect(due.map((r) => [r.idempotencyKey, r.attempts])).toEqual([['d1', 1], ['d2', 1], ['waiting', 1]]);
  });

  it('a stale worker cannot resurrect a row another worker already sent', async () => {
    await ctx.store.enqueue(newOutbox('x'), T0);
    const [row] = await ctx.store.claimOutbox('slow', 1, 1000, T0);
    await ctx.store.claimOutbox('fast', 1, 1000, at(1000));
    await ctx.store.markSent(row!.id, { by: 'fast' }, at(1100));
    await ctx.store.markRetry(row!, 'timeout', at(5000)); // the slow worker reports late
    await ctx.store.markSent(row!.id, { by: 'slow' }, at(1200));
    const [after] = await ctx.store.listOutbox({});
    expect(after).toMatchObject({ state: 'sent', result: { by: 'fast' } });
    expect(after!.sentAt).toEqual(at(1100));
  });

  it('a stale worker cannot put back or dead-letter a row another worker holds now', async () => {
    await ctx.store.enqueue(newOutbox('x'), T0);
    const [slow] = await ctx.store.claimOutbox('slow', 1, 1000, T0);
    // The lease ran out while the slow worker waited for Zendesk: the fast one has the row and is sending it.
    const [fast] = await ctx.store.claimOutbox('fast', 1, 1000, at(1000));
    await ctx.store.markRetry(slow!, 'timeout', at(5000));
    await ctx.store.markDead(slow!, '500 after 20 attempts', at(1100));
    expect((await ctx.store.listOutbox({}))[0]).toMatchObject({ state: 'claimed', claimedBy: 'fast', lastError: null });
    // Nobody else can claim it meanwhile, and the fast worker's own report lands.
    expect(await ctx.store.claimOutbox('third', 1, 1000, at(1200))).toEqual([]);
    await ctx.store.markRetry(fast!, '503', at(3000));
    expect((await ctx.store.listOutbox({}))[0]).toMatchObject({ state: 'pending', lastError: '503', claimedBy: null });
  });

  it('a claim is held until the row is claimed again (by anyone, after the lease) or finished', async () => {
    await ctx.store.enqueue(newOutbox('x'), T0);
    const [slow] = await ctx.store.claimOutbox('w1', 1, 1000, T0);
    expect(await ctx.store.holdsClaim(slow!)).toBe(true);
    // The lease ran out while w1 was still at work: w2 claims the row, and w1's claim is no longer the row's.
    const [other] = await ctx.store.claimOutbox('w2', 1, 1000, at(1000));
    expect(await ctx.store.holdsClaim(slow!)).toBe(false);
    expect(await ctx.store.holdsClaim(other!)).toBe(true);
    await ctx.store.markRetry(other!, 'timeout', at(2000));
    expect(await ctx.store.holdsClaim(other!)).toBe(false);
    // w1 claims the row once more: that is a new claim, the first one stays lost.
    const [again] = await ctx.store.claimOutbox('w1', 1, 1000, at(2000));
    expect(again).toMatchObject({ id: slow!.id, claimedBy: 'w1', attempts: 3 });
    expect(await ctx.store.holdsClaim(slow!)).toBe(false);
    expect(await ctx.store.holdsClaim(again!)).toBe(true);
    await ctx.store.markSent(again!.id, {}, at(2100));
    expect(await ctx.store.holdsClaim(again!)).toBe(false);
  });

  it('a claim given back at shutdown is not held, though the next claim counts the same attempt', async () => {
    await ctx.store.enqueue(newOutbox('y'), T0);
    const [given] = await ctx.store.claimOutbox('w1', 1, 60_000, T0);
    await ctx.store.releaseClaims('w1');
    const [taken] = await ctx.store.claimOutbox('w2', 1, 60_000, at(1));
    expect(taken).toMatchObject({ id: given!.id, attempts: given!.attempts });
    expect(await ctx.store.holdsClaim(given!)).toBe(false);
    expect(await ctx.store.holdsClaim(taken!)).toBe(true);
  });

  it('releaseClaims gives back only that worker’s rows, without counting an attempt', async () => {
    for (const k of ['a', 'b', 'c']) await ctx.store.enqueue(newOutbox(k), T0);
    await ctx.store.claimOutbox('w1', 2, 60_000, T0);
    await ctx.store.claimOutbox('w2', 1, 60_000, T0);
    expect(await ctx.store.releaseClaims('w1')).toBe(2);
    const rows = await ctx.store.listOutbox({ limit: 10 });
    expect(rows.map((r) => [r.idempotencyKey, r.state, r.attempts])).toEqual([
      ['c', 'claimed', 1],
      ['b', 'pending', 0],
      ['a', 'pending', 0],
    ]);
  });

  it('outboxStats counts pending, claimed, dead and the age of the oldest unsent row', async () => {
    expect(await ctx.store.outboxStats(T0)).toEqual({ pending: 0, claimed: 0, dead: 0, oldestPendingAgeMs: null });
    await ctx.store.enqueue(newOutbox('old'), T0);
    await ctx.store.enqueue(newOutbox('mid'), at(1000));
    await ctx.store.enqueue(newOutbox('new'), at(2000));
    await ctx.store.enqueue(newOutbox('gone'), at(3000));
    const claimed = await ctx.store.claimOutbox('w1', 2, 60_000, at(3000)); // old, mid
    await ctx.store.markDead(claimed[1]!, 'nope', at(3000));
    expect(await ctx.store.outboxStats(at(10_000))).toEqual({ pending: 2, claimed: 1, dead: 1, oldestPendingAgeMs: 10_000 });
    await ctx.store.markSent(claimed[0]!.id, {}, at(3000));
    expect(await ctx.store.outboxStats(at(10_000))).toEqual({ pending: 2, claimed: 0, dead: 1, oldestPendingAgeMs: 8_000 });
  });

  it('listOutbox is newest first and honours the limit', async () => {
    for (let i = 0; i < 5; i++) await ctx.store.enqueue(newOutbox(`k${i}`), at(i));
    expect((await ctx.store.listOutbox({ limit: 2 })).map((r) => r.idempotencyKey)).toEqual(['k4', 'k3']);
    expect(await ctx.store.listOutbox({ states: ['sent'] })).toEqual([]);
  });

  it('listOutbox narrows to kinds and drafts: the dead public replies of the drafts on a queue page', async () => {
    await ctx.store.enqueue(newOutbox('note:1', { draftId: 1 }), T0);
    for (const id of [1, 2, 3]) await ctx.store.enqueue(newOutbox(`public_reply:${id}`, { kind: 'zendesk.public_reply', draftId: id }), T0);
    await ctx.store.enqueue(newOutbox('tags', { kind: 'zendesk.tags' }), T0);
    for (const row of await ctx.store.claimOutbox('w1', 10, 60_000, T0)) await ctx.store.markDead(row, '500', at(1));
    const keys = async (f: Parameters<typeof ctx.store.listOutbox>[0]) => (await ctx.store.listOutbox(f)).map((r) => r.idempotencyKey);
    expect(await keys({ states: ['dead'], kinds: ['zendesk.public_reply'], draftIds: [1, 3] })).toEqual(['public_reply:3', 'public_reply:1']);
    expect(await keys({ draftIds: [1] })).toEqual(['public_reply:1', 'note:1']);
    expect(await keys({ kinds: ['zendesk.tags', 'zendesk.note'] })).toEqual(['tags', 'note:1']);
    expect(await keys({ draftIds: [] })).toEqual([]);
    expect(await keys({ states: ['sent'], kinds: ['zendesk.public_reply'] })).toEqual([]);
  });

  itRaces(ctx, 'two stores claiming in parallel never get the same row', async () => {
    for (let i = 0; i < 80; i++) await ctx.store.enqueue(newOutbox(`p${i}`), T0);
    const other = await ctx.another();
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? other : ctx.store).claimOutbox(`w${i}`, 6, 60_000, at(1))),
    );
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(80);
    for (const [i, rows] of claims.entries()) for (const r of rows) expect(r.claimedBy).toBe(`w${i}`);
  });
});
