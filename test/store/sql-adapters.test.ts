// Transactions behave the same on both adapters: all-or-nothing, nested calls join the outer one, and concurrent
// callers never see (or end up inside) each other's open transaction.
import { expect, it } from 'vitest';
import { forEachStore } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachStore('Sql adapter', (ctx) => {
  const meta = async () =>
    (await ctx.store.sql.query<{ key: string; value: string }>('SELECT key, value FROM meta ORDER BY key')).map((r) => `${r.key}=${r.value}`);

  it('parses bigint as number and timestamptz as Date', async () => {
    const [row] = await ctx.store.sql.query<{ n: unknown; at: unknown }>(
      `SELECT 9007199254740991::bigint AS n, '2026-11-24T09:00:00Z'::timestamptz AS at`,
    );
    expect(row).toEqual({ n: 9007199254740991, at: new Date('2026-11-24T09:00:00Z') });
  });

  it('commits on success and rolls back on throw', async () => {
    await ctx.store.withTx(async (s) => s.setMeta('a', '1'));
    await expect(
      ctx.store.withTx(async (s) => {
        await s.setMeta('b', '2');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await meta()).toEqual(['a=1']);
  });

  it('a nested tx joins the outer one (rolled back with it)', async () => {
    await expect(
      ctx.store.sql.tx(async (outer) => {
        await outer.tx(async (inner) => inner.query(`INSERT INTO meta (key, value) VALUES ('inner', 'x')`));
        await ctx.store.sql.tx(async (viaRoot) => viaRoot.query(`INSERT INTO meta (key, value) VALUES ('root', 'x')`));
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await meta()).toEqual([]);
  });

  it('the root store used inside a transaction joins it instead of deadlocking', async () => {
    await expect(
      ctx.store.withTx(async () => {
        await ctx.store.setMeta('via-root', '1'); // not the tx store: must still run inside the transaction
        expect(await ctx.store.getMeta('via-root')).toBe('1');
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await ctx.store.getMeta('via-root')).toBeNull();
  });

  it('a concurrent caller’s write is not swallowed by someone else’s rollback', async () => {
    const other = await ctx.another();
    const failing = ctx.store.withTx(async (s) => {
      await s.setMeta('doomed', '1');
      await sleep(30);
      throw new Error('rollback');
    });
    await sleep(5);
    await other.setMeta('survivor', '1');
    await expect(failing).rejects.toThrow('rollback');
    expect(await meta()).toEqual(['survivor=1']);
  });

  it('the Sql of a finished transaction refuses further use', async () => {
    let leaked: typeof ctx.store.sql | null = null;
    await ctx.store.sql.tx(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toThrow(/already finished/);
  });
});
