// The analytics read on every adapter this machine can run (PGlite always, PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import type { Thread } from '../../src/classify/types.js';
import { loadAnalyticsDrafts } from '../../src/review/analytics-source.js';
import type { Store } from '../../src/store/types.js';
import { describeEachStore } from '../store/helpers.js';
import { TICKETS } from './tickets.js';

const at = (iso: string) => new Date(iso);

async function draft(store: Store, ticketId: string, thread: Thread, now: Date, state: 'pending' | 'auto' = 'pending') {
  const { draft } = await store.createDraft(
    { ticketId, ticketVersion: `${ticketId}-${now.getTime()}`, inputHash: `${ticketId}-${now.getTime()}`, thread, classification: classify(thread), templateId: 't', templateVersion: 'v', text: 'draft text' },
    now,
    state,
  );
  return draft;
}

describeEachStore('loadAnalyticsDrafts on $name', ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => store?.close());

  it('reads drafts made, decided or posted since the start of the window, texts only when edited, agent comments counted', async () => {
    const old = await draft(store, '1', TICKETS.ldap, at('2026-10-01T10:00:00Z'));
    await store.transitionDraft(old.id, ['pending'], 'approved', { decidedAt: at('2026-11-20T10:00:00Z'), decidedBy: 'review:anna', door: 'review', editedText: 'edited' });
    const ignored = await draft(store, '2', TICKETS.ldap, at('2026-10-02T10:00:00Z'));
    await store.transitionDraft(ignored.id, ['pending'], 'rejected', { decidedAt: at('2026-10-03T10:00:00Z'), decidedBy: 'review:anna', door: 'review', reason: 'old' });
    const auto = await draft(store, '3', TICKETS.keepAd, at('2026-11-19T10:00:00Z'), 'auto');
    await store.transitionDraft(auto.id, ['auto'], 'posted', { postedAt: at('2026-11-19T10:00:05Z') });
    const withAgent: Thread = { ...TICKETS.keepAd, comments: [{ author: 'agent', body: 'Bitte prüfen Sie den Typ.' }, { author: 'agent', body: 'Noch eine Frage.' }, { author: 'customer', body: 'Wir belassen das AD.' }] };
    const later = await draft(store, '3', withAgent, at('2026-11-21T10:00:00Z'));

    const rows = await loadAnalyticsDrafts(store, at('2026-11-15T00:00:00Z'));
    expect(rows.map((r) => r.id)).toEqual([old.id, auto.id, later.id]);
    expect(rows[0]).toMatchObject({ ticketId: '1', state: 'approved', door: 'review', text: 'draft text', editedText: 'edited', agentComments: 0 });
    expect(rows[0]!.decidedAt).toEqual(at('2026-11-20T10:00:00Z'));
    expect(rows[1]).toMatchObject({ state: 'posted', door: null, text: null, editedText: null, agentComments: 0 });
    expect(rows[2]).toMatchObject({ state: 'pending', agentComments: 2, branch: 'hybrid' });
    expect(rows[2]!.createdAt).toEqual(at('2026-11-21T10:00:00Z'));
  });
});
