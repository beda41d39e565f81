// Whatever order drafts are created, approved, rejected and posted in (through any door), the lifecycle keeps its
// promises: at most one pending draft per ticket, one public reply per approved draft and none for anything else.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { approveDraft, markDraftPosted, rejectDraft } from '../../src/drafts/index.js';
import { forEachStore } from '../store/helpers.js';
import { at, newDraft } from '../store/fixtures.js';

type Op =
  | { op: 'create'; ticket: number; auto: boolean }
  | { op: 'approve' | 'reject'; pick: number; door: 'zendesk' | 'slack' | 'review' }
  | { op: 'posted'; pick: number };

const door = fc.constantFrom('zendesk' as const, 'slack' as const, 'review' as const);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), ticket: fc.integer({ min: 1, max: 3 }), auto: fc.boolean() }),
  fc.record({ op: fc.constantFrom('approve' as const, 'reject' as const), pick: fc.nat(), door }),
  fc.record({ op: fc.constant('posted' as const), pick: fc.nat() }),
);

forEachStore('draft lifecycle (property)', (ctx) => {
  it('keeps its invariants under any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const store = ctx.store;
        await store.sql.query('TRUNCATE drafts, outbox, audit RESTART IDENTITY CASCADE');
        const ids: number[] = [];
        const approved: number[] = [];
        for (const [i, o] of ops.entries()) {
          if (o.op === 'create') {
            ids.push((await store.createDraft(newDraft(`t${o.ticket}`), at(i), o.auto ? 'auto' : 'pending')).draft.id);
            continue;
          }
          if (ids.length === 0) continue;
          const draftId = ids[o.pick % ids.length]!;
          const before = (await store.getDraft(draftId))!.state;
          if (o.op === 'posted') {
            const r = await markDraftPosted(store, draftId, at(i));
            expect(r.ok).toBe(before === 'approved' || before === 'auto');
            continue;
          }
          const input = { draftId, actor: `${o.door}:x`, door: o.door, now: at(i) };
          const r = o.op === 'approve' ? await approveDraft(store, input) : await rejectDraft(store, { ...input, reason: 'no' });
          expect(r.ok).toBe(before === 'pending');
          if (!r.ok) expect(r).toMatchObject({ code: 'draft_not_pending', state: before });
          if (r.ok && o.op === 'approve') approved.push(draftId);
        }
        const drafts = await store.listDrafts({ limit: 1000 });
        for (const t of [1, 2, 3]) expect(drafts.filter((d) => d.ticketId === `t${t}` && d.state === 'pending').length).toBeLessThanOrEqual(1);
        const replies = (await store.listOutbox({ limit: 1000 })).filter((r) => r.kind === 'zendesk.public_reply');
        // Exactly the drafts whose approval succeeded have a public reply, one each.
        expect(replies.map((r) => r.draftId).sort()).toEqual(approved.sort());
      }),
      { numRuns: 25 },
    );
  });
});
