import { readFileSync, readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { forEachStore } from './helpers.js';
import { T0, at } from './fixtures.js';

forEachStore('audit and meta', (ctx) => {
  it('appends audit entries and lists them newest first, filtered', async () => {
    await ctx.store.audit({ action: 'event.received', ticketId: '1', eventKey: 'inv-1' }, T0);
    await ctx.store.audit({ action: 'draft.created', ticketId: '1', draftId: 7, details: { slots: { a: 1 }, ids: [1, 2] } }, at(1));
    await ctx.store.audit({ action: 'auto_send.killed', actor: 'admin' }, at(2));
    const all = await ctx.store.listAudit({});
    expect(all.map((a) => a.action)).toEqual(['auto_send.killed', 'draft.created', 'event.received']);
    expect(all[0]).toEqual({ id: all[0]!.id, at: at(2), action: 'auto_send.killed', ticketId: null, draftId: null, eventKey: null, actor: 'admin', details: {} });
    expect(await ctx.store.listAudit({ draftId: 7 })).toMatchObject([{ action: 'draft.created', details: { slots: { a: 1 }, ids: [1, 2] } }]);
    expect((await ctx.store.listAudit({ ticketId: '1', limit: 1 })).map((a) => a.action)).toEqual(['draft.created']);
  });

  it('meta is an upsert', async () => {
    expect(await ctx.store.getMeta('reconcile.cursor')).toBeNull();
    await ctx.store.setMeta('reconcile.cursor', '100');
    await ctx.store.setMeta('reconcile.cursor', '200');
    expect(await ctx.store.getMeta('reconcile.cursor')).toBe('200');
  });
});

it('the code never updates or deletes audit rows', () => {
  const dir = new URL('../../src/', import.meta.url);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    expect(text, f).not.toMatch(/\bUPDATE\s+audit\b|\bDELETE\s+FROM\s+audit\b|\bTRUNCATE\b[^`'"]*\baudit\b/i);
  }
});
