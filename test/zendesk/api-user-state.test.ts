// What /readyz says about the Zendesk API user (src/zendesk/api-user-state.ts) when Zendesk is not as the boot found
// it: down while the service started, or the API user demoted from admin later, so the incremental export the
// reconcile poll uses answers 403 ("Allowed For: Admins", see the fake's export route). README "Connecting Zendesk":
// the service says in the log and on /readyz (zendesk.notes) what works.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { createReconciler } from '../../src/zendesk/reconcile.js';
import { FakeZendesk, type FakeUser } from '../fakes/zendesk.js';
import { commentAdded, startHarness, tagsChanged, type Harness } from '../helpers/harness.js';
import { pollUntil } from '../helpers/poll.js';
import { storeKinds } from '../store/helpers.js';

interface ZendeskReadiness {
  apiUser: { id: number; role: string; kind: string } | null;
  error?: string;
  reconcile?: boolean;
  notes?: string[];
}

let zd: FakeZendesk | undefined;
let store: Store | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await store?.close();
  await zd?.stop();
  h = store = zd = undefined;
});

async function boot(before: (zd: FakeZendesk) => void = () => undefined): Promise<{ zd: FakeZendesk; h: Harness }> {
  zd = await new FakeZendesk().start();
  before(zd);
  store = await storeKinds()[0]!.open();
  h = await startHarness({ store, zd });
  return { zd, h };
}

const readyz = async (app: Harness) => {
  const res = await fetch(`${app.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; zendesk: ZendeskReadiness } };
};

describe('the Zendesk API user on /readyz', () => {
  it('Zendesk down at boot: /readyz says the API user could not be read and why; the first approval reads it again', async () => {
    const { zd, h } = await boot((z) => z.failNext({ status: 503, body: JSON.stringify({ error: 'Unavailable', description: 'Zendesk is down for maintenance' }) }, { method: 'GET', path: /^\/api\/v2\/users\/me$/ }));
    await pollUntil('the boot read of the API user to fail', async () => (await readyz(h)).body.zendesk.error !== undefined);
    const during = await readyz(h);
    expect(during.status).toBe(200); // the webhook still stores deliveries: no reason to take the instance out
    expect(during.body.zendesk).toEqual({ apiUser: null, error: 'could not read the API user: Zendesk answered 503 to GET users.me: Zendesk is down for maintenance' });

    // Zendesk is back. An agent approves a draft: the service reads the API user then, and says what it found.
    const customer: FakeUser = zd.addUser({ name: 'Mark Jones', email: 'mark@example.org', role: 'end-user' });
    const anna = zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
    const t = zd.addTicket({ subject: 'Keep our AD sync', body: "MailStore Server syncs with our on-prem Active Directory, usernames like 'kbaker'. We keep the AD sync as it is and only move archiving to modern authentication. No user renames.", requester: customer });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], anna);
    await h.deliver(tagsChanged(t.id, anna.id));
    await h.settle(() => zd.publicReplies(t.id).length === 1);
    const after = (await readyz(h)).body.zendesk;
    expect(after).toMatchObject({ apiUser: { id: zd.bot.id, role: 'admin', kind: 'admin' }, reconcile: true });
    expect(after.error).toBeUndefined();
  });

  it('the API user demoted from admin after boot: the reconcile poll’s 403 is said once on /readyz, not once per poll', async () => {
    const { zd, h } = await boot();
    await pollUntil('the API user to be read at boot', async () => (await readyz(h)).body.zendesk.apiUser !== null);
    expect((await readyz(h)).body.zendesk.reconcile).toBe(true);
    zd.bot.role = 'agent'; // an admin changes the role in Zendesk; the service read "admin" at boot
    const reconcile = createReconciler(h.app.m365.worker!, h.app.m365.apiUser!);
    await expect(reconcile.tick()).rejects.toMatchObject({ status: 403 });
    await expect(reconcile.tick()).rejects.toMatchObject({ status: 403 });
    const notes = (await readyz(h)).body.zendesk.notes!;
    const about403 = notes.filter((n) => n.includes('403'));
    expect(about403).toHaveLength(1);
    expect(about403[0]).toMatch(/^the reconcile poll is off: the API user is not an admin .*\(Zendesk answered 403 to the incremental export\.\)$/);
  });
});
