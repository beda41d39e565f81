import { expect, it } from 'vitest';
import { forEachStore, itRaces } from './helpers.js';
import { T0, at, classification, newDraft } from './fixtures.js';

forEachStore('drafts', (ctx) => {
  it('stores a draft with its classification, thread and evidence as they were', async () => {
    const input = newDraft('100');
    const { draft, superseded } = await ctx.store.createDraft(input, T0);
    expect(superseded).toEqual([]);
    expect(draft).toEqual({
      id: draft.id, ticketId: '100', ticketVersion: input.ticketVersion, state: 'pending', branch: 'hybrid',
      language: 'en', product: 'server', confidence: 0.92, autoSendEligible: false,
      slots: input.classification.slots, evidence: input.classification.evidence, thread: input.thread,
      inputHash: input.inputHash, templateId: 'hybrid.en', templateVersion: '3', text: input.text, editedText: null,
      createdAt: T0, decidedAt: null, decidedBy: null, door: null, reason: null, postedAt: null, supersededBy: null, correctedFrom: null,
    });
    expect(await ctx.store.getDraft(draft.id)).toEqual(draft);
    expect(await ctx.store.getDraft(draft.id + 1000)).toBeNull();
  });

  it('a new draft supersedes the older pending draft of the same ticket, and only that', async () => {
    const a = (await ctx.store.createDraft(newDraft('100'), T0)).draft;
    const other = (await ctx.store.createDraft(newDraft('200'), T0)).draft;
    const { draft: b, superseded } = await ctx.store.createDraft(newDraft('100'), at(1000));
    expect(superseded.map((d) => [d.id, d.state, d.supersededBy])).toEqual([[a.id, 'superseded', b.id]]);
    expect(superseded[0]!.decidedAt).toEqual(at(1000));
    expect((await ctx.store.getDraft(other.id))!.state).toBe('pending');
    expect(await ctx.store.latestDraft('100')).toMatchObject({ id: b.id, state: 'pending' });
    expect(await ctx.store.latestDraft('999')).toBeNull();
  });

  it('does not touch decided drafts, and an auto draft also supersedes a pending one', async () => {
    const a = (await ctx.store.createDraft(newDraft('100'), T0)).draft;
    await ctx.store.transitionDraft(a.id, ['pending'], 'rejected', { reason: 'wrong product' });
    const b = (await ctx.store.createDraft(newDraft('100'), at(1))).draft;
    const { draft: c, superseded } = await ctx.store.createDraft(newDraft('100', { classification: classification({ autoSend: true }) }), at(2), 'auto');
    expect(c).toMatchObject({ state: 'auto', autoSendEligible: true });
    expect(superseded.map((d) => d.id)).toEqual([b.id]);
    expect((await ctx.store.getDraft(a.id))!.state).toBe('rejected');
  });

  it('transitionDraft changes only a row in an allowed state, in one statement', async () => {
    const { draft } = await ctx.store.createDraft(newDraft('100'), T0);
    expect(await ctx.store.transitionDraft(draft.id, ['approved', 'auto'], 'posted', { postedAt: at(5) })).toBeNull();
    const approved = await ctx.store.transitionDraft(draft.id, ['pending'], 'approved', {
      decidedAt: at(1), decidedBy: 'slack:U1', door: 'slack', editedText: 'Edited.',
    });
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'slack:U1', door: 'slack', editedText: 'Edited.', reason: null });
    expect(approved!.decidedAt).toEqual(at(1));
    expect(await ctx.store.transitionDraft(draft.id, ['pending'], 'approved', { decidedBy: 'zendesk:2' })).toBeNull();
    const posted = await ctx.store.transitionDraft(draft.id, ['approved', 'auto'], 'posted', { postedAt: at(5) });
    expect(posted).toMatchObject({ state: 'posted', decidedBy: 'slack:U1', editedText: 'Edited.' });
    expect(posted!.postedAt).toEqual(at(5));
  });

  it('finds a draft by its input hash and lists drafts newest first with filters', async () => {
    const a = (await ctx.store.createDraft(newDraft('100', { inputHash: 'h-a' }), T0)).draft;
    const b = (await ctx.store.createDraft(newDraft('200', { classification: classification({ branch: 'rename', slots: { ...classification().slots, language: 'de' } }) }), T0)).draft;
    const c = (await ctx.store.createDraft(newDraft('300'), T0)).draft;
    await ctx.store.transitionDraft(c.id, ['pending'], 'rejected', {});
    expect(await ctx.store.findDraftByInput('100', 'h-a')).toMatchObject({ id: a.id });
    expect(await ctx.store.findDraftByInput('200', 'h-a')).toBeNull();
    expect((await ctx.store.listDrafts({})).map((d) => d.id)).toEqual([c.id, b.id, a.id]);
    expect((await ctx.store.listDrafts({ states: ['pending'] })).map((d) => d.id)).toEqual([b.id, a.id]);
    expect((await ctx.store.listDrafts({ branch: 'rename' })).map((d) => d.id)).toEqual([b.id]);
    expect((await ctx.store.listDrafts({ language: 'de' })).map((d) => d.id)).toEqual([b.id]);
    expect((await ctx.store.listDrafts({ ticketId: '300', states: ['rejected', 'posted'] })).map((d) => d.id)).toEqual([c.id]);
    expect((await ctx.store.listDrafts({ limit: 1 })).map((d) => d.id)).toEqual([c.id]);
  });

  itRaces(ctx, 'two drafts created at once for one ticket leave exactly one pending', async () => {
    const other = await ctx.another();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? other : ctx.store).createDraft(newDraft('100'), at(i))),
    );
    const pending = await ctx.store.listDrafts({ ticketId: '100', states: ['pending'] });
    expect(pending).toHaveLength(1);
    const superseded = results.flatMap((r) => r.superseded.map((d) => d.id));
    expect(new Set(superseded).size).toBe(5);
  });
});
