// An outbox row outlives its lease: instance A claimed it (with others in the same batch) but is still busy with an
// earlier row when the lease runs out; instance B claims it again, sends the note, and only then does A get to it.
// A must find B's write (its mark on the ticket's audits) and not write the note a second time: an agent would see
// the same draft twice on the ticket. This is the sequence the chaos run hit on a loaded machine; here the order is
// scripted (Zendesk holds A's first answer until the test lets it go), not raced.
import { afterEach, expect, it } from 'vitest';
import { FakeZendesk, type FakeTicket } from '../fakes/zendesk.js';
import { commentAdded, startHarness, type Harness } from '../helpers/harness.js';
import { pollUntil, quiesce } from '../helpers/poll.js';
import { forEachStore } from '../store/helpers.js';

const BODY =
  "MailStore Server syncs with our on-prem Active Directory, usernames like 'kbaker'. We keep the AD sync exactly as it is and only move archiving of our Exchange Online mailboxes to modern authentication. No user renames.";

forEachStore('a note row re-claimed after its lease ran out', (ctx) => {
  let zd: FakeZendesk | null = null;
  const apps: Harness[] = [];
  afterEach(async () => {
    for (const h of apps.splice(0)) await h.close();
    await zd?.stop();
  });

  it('reaches the ticket once when the first holder gets to it after the second holder sent it', async () => {
    zd = await new FakeZendesk().start();
    const customer = zd.addUser({ name: 'Kim', email: 'kim@example.org', role: 'end-user' });
    const tickets: FakeTicket[] = [1, 2].map((n) => zd!.addTicket({ subject: `AD sync stays, archiving to modern auth #${n}`, body: BODY, requester: customer }));
    // A's lease is the shortest the configuration allows; its Zendesk timeout is long, so only the test ends A's wait.
    const a = await startHarness({ store: ctx.store, zd, workerId: 'instance-a', env: { WORKER_LEASE_MS: '500', ZENDESK_TIMEOUT_MS: '120000' } });
    apps.push(a);
    const b = await startHarness({ store: await ctx.another(), zd, workerId: 'instance-b' });
    apps.push(b);

    // The real worker drafts both tickets: one note row each, waiting in the outbox.
    for (const t of tickets) expect((await a.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id))).status).toBe(200);
    await a.app.m365.pollers.events!.runOnce();
    const rows = await ctx.store.listOutbox({ states: ['pending'] });
    expect(rows.map((r) => r.kind)).toEqual(['zendesk.note', 'zendesk.note']);

    // A claims both rows in one tick and sends the first; Zendesk applies that note but holds its answer.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    zd.failNext({ hangMs: 0, apply: true, until: held }, { method: 'PUT' });
    const aTick = a.app.m365.pollers.outbox!.runOnce();
    await pollUntil("A's first note to reach Zendesk", () => zd!.requests.some((r) => r.method === 'PUT'));
    const first = Number(zd.requests.find((r) => r.method === 'PUT')!.path.split('/').pop());
    const second = tickets.find((t) => t.id !== first)!.id;

    // A's lease runs out while it waits; B claims both rows again and sends what is left: the second ticket's note.
    await pollUntil("B to send the second ticket's note", () => zd!.privateNotes(second).length === 1, { between: () => b.app.m365.pollers.outbox!.runOnce() });

    // Zendesk answers A at last; A goes on to the second row of its (now stale) batch.
    answer();
    await aTick;
    await quiesce([a.app, b.app]);

    for (const t of tickets) expect(zd.privateNotes(t.id), `private notes on ticket ${t.id}`).toHaveLength(1);
    expect((await ctx.store.listOutbox({ states: ['pending', 'claimed', 'dead'] })).length).toBe(0);
  }, 120_000);
});
