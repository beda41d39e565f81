// The reconciliation poll's second pass starts where the first one ended (the end_time it saved), not an hour back
// again and not from zero: tickets changed since are found, tickets already seen are not stored twice.
// Incremental export: https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
import { describe, expect, it } from 'vitest';
import { createReconciler } from '../../src/zendesk/reconcile.js';
import { useHarnessWorld } from '../helpers/harness-world.js';
import { pollUntil } from '../helpers/poll.js';

describe('reconciliation poll, second pass', () => {
  const w = useHarnessWorld();

  it('asks from the saved cursor and drafts only what changed since', async () => {
    const { zd, store, h } = w;
    const customer = zd.addUser({ name: 'Kim', email: 'kim@example.org', role: 'end-user' });
    const body = 'MailStore Server syncs with our Active Directory. We keep the AD sync as it is and only move archiving to modern authentication. No renames.';
    const first = zd.addTicket({ subject: 'Keep AD, archiving to modern auth', body, requester: customer });
    const reconciler = createReconciler(h.app.m365.worker!);
    const since = () => zd.requests.filter((r) => r.path === '/api/v2/incremental/tickets').map((r) => Number(r.query.get('start_time')));

    await reconciler.tick();
    await h.settle(() => zd.privateNotes(first.id).length === 1);
    const [firstStart] = since();
    expect(firstStart).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - 3600 + 5); // first run: an hour back
    const cursor = Number(await store.getMeta('zendesk.reconcile.start_time'));
    expect(cursor).toBeGreaterThan(firstStart!);
    const eventsAfterFirst = await store.countEvents();

    // A second later a new ticket arrives whose webhook is lost, too.
    await pollUntil('the next second', () => Math.floor(Date.now() / 1000) > cursor);
    const second = zd.addTicket({ subject: 'Also keep AD', body, requester: customer });
    await reconciler.tick();
    expect(since()[1]).toBe(cursor);
    await h.settle(() => zd.privateNotes(second.id).length === 1);
    // The first ticket (changed only by our own note, already seen under that change) is not drafted again.
    expect(zd.privateNotes(first.id)).toHaveLength(1);
    expect(await store.countEvents()).toBeGreaterThan(eventsAfterFirst);
    expect(Number(await store.getMeta('zendesk.reconcile.start_time'))).toBeGreaterThanOrEqual(cursor);
  });
});
