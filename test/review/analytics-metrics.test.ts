import { describe, expect, it } from 'vitest';
import { computeAnalytics, dayRange, findCorrections, median, type AnalyticsDraft } from '../../src/review/analytics-metrics.js';

const at = (s: string) => new Date(`2026-11-${s}Z`);
let nextId = 1;
const draft = (o: Partial<AnalyticsDraft>): AnalyticsDraft => ({
  id: nextId++, ticketId: '1', state: 'pending', branch: 'hybrid', door: null, createdAt: at('20T10:00:00'), decidedAt: null,
  reason: null, text: null, editedText: null, agentComments: 0, ...o,
});

describe('analytics metrics', () => {
  const from = at('20T00:00:00');
  const to = at('22T18:00:00');

  it('counts each event on its own day and branch', () => {
    nextId = 1;
    const drafts = [
      draft({ branch: 'hybrid', state: 'posted', door: 'review', createdAt: at('20T10:00:00'), decidedAt: at('20T10:30:00') }),
      draft({ branch: 'hybrid', state: 'approved', door: 'slack', createdAt: at('20T11:00:00'), decidedAt: at('21T11:00:00'), text: 'a b c d', editedText: 'a b x d' }),
      draft({ branch: 'rename', state: 'rejected', door: 'review', createdAt: at('21T09:00:00'), decidedAt: at('21T09:05:00'), reason: 'Wrong branch' }),
      draft({ branch: 'modern-direct', state: 'rejected', door: 'zendesk', createdAt: at('21T09:00:00'), decidedAt: at('22T09:00:00'), reason: 'wrong branch ' }),
      draft({ branch: 'modern-direct', state: 'pending', createdAt: at('22T08:00:00') }),
      draft({ branch: 'full-guide', state: 'superseded', createdAt: at('19T08:00:00'), decidedAt: at('20T08:00:00') }), // before the window
    ];
    const a = computeAnalytics(drafts, from, to);
    expect(a.days).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(a.total).toMatchObject({ drafts: 5, approved: 2, edited: 1, rejected: 2, autoSent: 0, corrected: 0 });
    expect(a.total.meanEdit).toBe(0.25);
    expect(a.total.medianApproveMs).toBe((30 * 60_000 + 24 * 3_600_000) / 2);
    expect(a.perDay.map((d) => [d.day, d.drafts, d.approved, d.rejected])).toEqual([
      ['2026-11-20', 2, 1, 0],
      ['2026-11-21', 2, 1, 1],
      ['2026-11-22', 1, 0, 1],
    ]);
    expect(a.perBranch.find((b) => b.branch === 'hybrid')).toMatchObject({ drafts: 2, approved: 2, edited: 1 });
    expect(a.reasons).toEqual([{ reason: 'Wrong branch', count: 2, branch: 'rename' }]);
  });

  it('an auto-send is corrected when the same ticket gets a newer draft; an agent stepped in when they wrote meanwhile', () => {
    nextId = 10;
    const drafts = [
      draft({ ticketId: 'A', state: 'posted', door: null, createdAt: at('20T10:00:00') }),
      draft({ ticketId: 'A', state: 'pending', branch: 'rename', createdAt: at('21T10:00:00'), agentComments: 1 }),
      draft({ ticketId: 'B', state: 'auto', createdAt: at('20T12:00:00') }),
      draft({ ticketId: 'C', state: 'posted', door: 'auto', createdAt: at('21T12:00:00') }),
      draft({ ticketId: 'C', state: 'pending', createdAt: at('22T12:00:00') }),
    ];
    expect(findCorrections(drafts)).toEqual([
      { draftId: 10, autoSentAt: at('20T10:00:00'), ticketId: 'A', branch: 'hybrid', laterDraftId: 11, laterBranch: 'rename', agentSteppedIn: true },
      { draftId: 13, autoSentAt: at('21T12:00:00'), ticketId: 'C', branch: 'hybrid', laterDraftId: 14, laterBranch: 'hybrid', agentSteppedIn: false },
    ]);
    const a = computeAnalytics(drafts, from, to);
    expect(a.total).toMatchObject({ autoSent: 3, corrected: 2, approved: 0 });
    expect(a.perDay.map((d) => d.autoSent)).toEqual([2, 1, 0]);
  });

  it('median and day range', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(dayRange(at('30T23:00:00'), new Date('2026-12-02T01:00:00Z'))).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });
});
