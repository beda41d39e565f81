import { expect, it } from 'vitest';
import { approveDraft, markDraftPosted, rejectDraft } from '../../src/drafts/index.js';
import type { Store } from '../../src/store/types.js';
import { forEachStore, itRaces } from '../store/helpers.js';
import { T0, at, newDraft } from '../store/fixtures.js';

const publicReplies = async (store: Store) =>
  (await store.listOutbox({ limit: 1000 })).filter((r) => r.kind === 'zendesk.public_reply');

forEachStore('approveDraft', (ctx) => {
  it('approves a pending draft: one public reply row and one audit entry, in one go', async () => {
    const { draft } = await ctx.store.createDraft(newDraft('100'), T0);
    const res = await approveDraft(ctx.store, { draftId: draft.id, actor: 'slack:U1', door: 'slack', now: at(10) });
    expect(res).toMatchObject({ ok: true, draft: { id: draft.id, state: 'approved', decidedBy: 'slack:U1', door: 'slack', editedText: null } });
    const rows = await publicReplies(ctx.store);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotencyKey: `public_reply:${draft.id}`, ticketId: '100', draftId: draft.id, state: 'pending',
      payload: { text: draft.text, authorActor: 'slack:U1', authorId: null, door: 'slack' },
    });
    expect(await ctx.store.listAudit({ draftId: draft.id })).toMatchObject([
      { action: 'draft.approved', actor: 'slack:U1', ticketId: '100', details: { door: 'slack', edited: false, enqueued: true } },
    ]);
  });

  it('sends the edited text when the approver edited it', async () => {
    const { draft } = await ctx.store.createDraft(newDraft('100'), T0);
    const res = await approveDraft(ctx.store, { draftId: draft.id, actor: 'review:anna', door: 'review', editedText: 'Edited reply.', authorId: '77', now: at(1) });
    expect(res).toMatchObject({ ok: true, draft: { editedText: 'Edited reply.' } });
    expect((await publicReplies(ctx.store))[0]!.payload).toEqual({ text: 'Edited reply.', authorActor: 'review:anna', authorId: '77', door: 'review' });
  });

  it('refuses an empty edited reply and changes nothing', async () => {
    const { draft } = await ctx.store.createDraft(newDraft('100'), T0);
    const res = await approveDraft(ctx.store, { draftId: draft.id, actor: 'review:anna', door: 'review', editedText: '  \n', now: at(1) });
    expect(res).toMatchObject({ ok: false, code: 'payload_invalid' });
    expect((await ctx.store.getDraft(draft.id))!.state).toBe('pending');
    expect(await publicReplies(ctx.store)).toEqual([]);
  });

  it('a second approval through any door is draft_not_pending and enqueues nothing', async () => {
    const { draft } = await ctx.store.createDraft(newDraft('100'), T0);
    expect((await approveDraft(ctx.store, { draftId: draft.id, actor: 'zendesk:1', door: 'zendesk', now: at(1) })).ok).toBe(true);
    for (const door of ['zendesk', 'slack', 'review'] as const) {
      const again = await approveDraft(ctx.store, { draftId: draft.id, actor: `${door}:2`, door, editedText: 'other', now: at(2) });
      expect(again).toMatchObject({ ok: false, code: 'draft_not_pending', state: 'approved' });
      if (!again.ok) expect(again.message).toMatch(/already approved/);
    }
    expect(await publicReplies(ctx.store)).toHaveLength(1);
    expect((await ctx.store.getDraft(draft.id))!.decidedBy).toBe('zendesk:1');
  });

  it('a superseded draft cannot be approved', async () => {
    const { draft: old } = await ctx.store.createDraft(newDraft('100'), T0);
    await ctx.store.createDraft(newDraft('100'), at(1));
    const res = await approveDraft(ctx.store, { draftId: old.id, actor: 'slack:U1', door: 'slack', now: at(2) });
    expect(res).toMatchObject({ ok: false, code: 'draft_not_pending', state: 'superseded' });
    expect(await publicReplies(ctx.store)).toEqual([]);
  });

  it('an unknown draft is draft_not_found', async () => {
    expect(await approveDraft(ctx.store, { draftId: 4242, actor: 'slack:U1', door: 'slack', now: T0 })).toMatchObject({ ok: false, code: 'draft_not_found', state: null });
    expect(await rejectDraft(ctx.store, { draftId: 4242, actor: 'slack:U1', door: 'slack', reason: 'x', now: T0 })).toMatchObject({ ok: false, code: 'draft_not_found' });
    expect(await markDraftPosted(ctx.store, 4242, T0)).toMatchObject({ ok: false, code: 'draft_not_found' });
  });

  itRaces(ctx, 'racing approvals (two instances, all doors) → exactly one ok and exactly one outbox row', async () => {
    const other = await ctx.another();
    for (let round = 0; round < 5; round++) {
      const { draft } = await ctx.store.createDraft(newDraft(`t${round}`), T0);
      const doors = ['zendesk', 'slack', 'review', 'slack'] as const;
      const results = await Promise.all(
        doors.map((door, i) => approveDraft(i % 2 ? other : ctx.store, { draftId: draft.id, actor: `${door}:${i}`, door, now: at(i) })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.code === 'draft_not_pending')).toHaveLength(3);
      expect((await publicReplies(ctx.store)).filter((r) => r.draftId === draft.id)).toHaveLength(1);
      expect((await ctx.store.listAudit({ draftId: draft.id })).filter((a) => a.action === 'draft.approved')).toHaveLength(1);
    }
  });

  itRaces(ctx, 'approve racing reject: one of them wins, never both', async () => {
    const other = await ctx.another();
    const { draft } = await ctx.store.createDraft(newDraft('100'), T0);
    const [a, r] = await Promise.all([
      approveDraft(ctx.store, { draftId: draft.id, actor: 'slack:U1', door: 'slack', now: at(1) }),
      rejectDraft(other, { draftId: draft.id, actor: 'review:bo', door: 'review', reason: 'wrong branch', now: at(1) }),
    ]);
    expect([a.ok, r.ok].filter(Boolean)).toHaveLength(1);
    expect(await publicReplies(ctx.store)).toHaveLength(a.ok ? 1 : 0);
  });

  it('rolls the approval back when the outbox or audit write fails', async () => {
    const { draft } = await ctx.store.createDraft(newDraft('100'), T0);
    await ctx.store.sql.query(`ALTER TABLE audit ADD CONSTRAINT test_no_approvals CHECK (action <> 'draft.approved')`);
    try {
      await expect(approveDraft(ctx.store, { draftId: draft.id, actor: 'slack:U1', door: 'slack', now: at(1) })).rejects.toThrow(/test_no_approvals/);
    } finally {
      await ctx.store.sql.query('ALTER TABLE audit DROP CONSTRAINT test_no_approvals');
    }
    expect((await ctx.store.getDraft(draft.id))!.state).toBe('pending');
    expect(await publicReplies(ctx.store)).toEqual([]);
    expect((await approveDraft(ctx.store, { draftId: draft.id, actor: 'slack:U1', door: 'slack', now: at(2) })).ok).toBe(true);
  });
});

forEachStore('rejectDraft and markDraftPosted', (ctx) => {
  it('rejects a pending draft with its reason; it cannot be approved afterwards', async () => {
    const { draft } = await ctx.store.createDraft(newDraft('100'), T0);
    const res = await rejectDraft(ctx.store, { draftId: draft.id, actor: 'zendesk:5', door: 'zendesk', reason: 'customer uses SPE', now: at(3) });
    expect(res).toMatchObject({ ok: true, draft: { state: 'rejected', reason: 'customer uses SPE', decidedBy: 'zendesk:5', door: 'zendesk' } });
    expect(await ctx.store.listAudit({ draftId: draft.id })).toMatchObject([{ action: 'draft.rejected', details: { reason: 'customer uses SPE' } }]);
    expect(await approveDraft(ctx.store, { draftId: draft.id, actor: 'slack:U1', door: 'slack', now: at(4) })).toMatchObject({ ok: false, code: 'draft_not_pending', state: 'rejected' });
    expect(await rejectDraft(ctx.store, { draftId: draft.id, actor: 'slack:U1', door: 'slack', reason: 'again', now: at(4) })).toMatchObject({ ok: false, code: 'draft_not_pending' });
  });

  it('marks an approved or auto draft posted exactly once; a pending one stays pending', async () => {
    const { draft: pending } = await ctx.store.createDraft(newDraft('100'), T0);
    expect(await markDraftPosted(ctx.store, pending.id, at(1))).toMatchObject({ ok: false, code: 'draft_not_pending', state: 'pending' });
    await approveDraft(ctx.store, { draftId: pending.id, actor: 'slack:U1', door: 'slack', now: at(1) });
    const posted = await markDraftPosted(ctx.store, pending.id, at(2));
    expect(posted).toMatchObject({ ok: true, draft: { state: 'posted' } });
    if (posted.ok) expect(posted.draft.postedAt).toEqual(at(2));
    expect(await markDraftPosted(ctx.store, pending.id, at(3))).toMatchObject({ ok: false, code: 'draft_not_pending', state: 'posted' });
    const { draft: auto } = await ctx.store.createDraft(newDraft('200'), T0, 'auto');
    expect(await markDraftPosted(ctx.store, auto.id, at(4))).toMatchObject({ ok: true, draft: { state: 'posted' } });
    expect(await approveDraft(ctx.store, { draftId: auto.id, actor: 'slack:U1', door: 'slack', now: at(5) })).toMatchObject({ ok: false, code: 'draft_not_pending' });
  });
});
