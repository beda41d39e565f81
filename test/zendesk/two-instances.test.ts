// Two app instances on one PostgreSQL database share the work: every event is handled once, every note and every
// approved reply arrives exactly once, whichever instance got the delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { FakeZendesk } from '../fakes/zendesk.js';
import { commentAdded, startHarness, tagsChanged, type Harness } from '../helpers/harness.js';
import { quiesce } from '../helpers/poll.js';
import { postgresSchemaStores, describePostgres } from '../store/helpers.js';

const pg = postgresSchemaStores();

describePostgres('two instances on one PostgreSQL', () => {
  let zd: FakeZendesk;
  let stores: Store[] = [];
  let apps: Harness[] = [];
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
    const shared = await pg!();
    stores = shared.stores;
    cleanup = shared.cleanup;
    apps = [
      await startHarness({ store: stores[0]!, zd, background: true, workerId: 'instance-a' }),
      await startHarness({ store: stores[1]!, zd, background: true, workerId: 'instance-b' }),
    ];
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await cleanup?.();
    await zd.stop();
  });

  it('drafts and approves 12 tickets with duplicate deliveries to both instances, with no double posts', async () => {
    const customer = zd.addUser({ name: 'Kim', email: 'kim@example.org', role: 'end-user' });
    const agent = zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
    const tickets = Array.from({ length: 12 }, (_, i) =>
      zd.addTicket({
        subject: `AD sync stays, archiving to modern auth #${i}`,
        body: "MailStore Server syncs with our on-prem Active Directory, usernames like 'kbaker'. We keep the AD sync exactly as it is and only move archiving of our Exchange Online mailboxes to modern authentication. No user renames.",
        requester: customer,
      }),
    );
    await Promise.all(
      tickets.flatMap((t, i) => {
        const evt = commentAdded(t.id, t.comments[0]!.id, customer.id);
        // The same invocation reaches both instances (a retry), and a second event for the same comment too.
        return [apps[i % 2]!.deliver(evt, { invocationId: `inv-${t.id}` }), apps[(i + 1) % 2]!.deliver(evt, { invocationId: `inv-${t.id}` }), apps[(i + 1) % 2]!.deliver(evt)];
      }),
    );
    await apps[0]!.settle(() => tickets.every((t) => zd.privateNotes(t.id).length >= 1), 30_000);
    for (const t of tickets) zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], agent);
    await Promise.all(tickets.flatMap((t) => [apps[0]!.deliver(tagsChanged(t.id, agent.id)), apps[1]!.deliver(tagsChanged(t.id, agent.id))]));
    await apps[1]!.settle(() => tickets.every((t) => zd.publicReplies(t.id).length >= 1), 30_000);
    await quiesce(apps.map((h) => h.app)); // nothing left to run on either instance: no late duplicate can come
    for (const t of tickets) {
      expect(zd.privateNotes(t.id).map((n) => String(n.comment.html_body).slice(0, 90)), `notes on ${t.id}`).toHaveLength(1);
      expect(zd.publicReplies(t.id), `replies on ${t.id}`).toHaveLength(1);
    }
    const audit = await stores[0]!.listAudit({ limit: 1000 });
    expect(audit.filter((a) => a.action === 'reply.posted')).toHaveLength(12);
  }, 180_000);
});
