// What an admin's Prometheus sees after real traffic: deliveries received, deduplicated and rejected by reason,
// classification by branch, outbox sends and dead letters, Zendesk call latency by status, and the process's memory.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { openPglite } from '../../src/store/sql-pglite.js';
import { createStore } from '../../src/store/store.js';
import type { Store } from '../../src/store/types.js';
import { FakeZendesk } from '../fakes/zendesk.js';
import { commentAdded, startHarness, type Harness } from '../helpers/harness.js';

const AD_KEEP = {
  subject: 'AD sync stays, archiving to modern auth',
  body: "MailStore Server syncs with our on-prem Active Directory, usernames like 'kbaker'. We keep the AD sync exactly as it is and only move archiving of our Exchange Online mailboxes to modern authentication. No user renames.",
};

let h: Harness | null = null;
let store: Store | null = null;
let zd: FakeZendesk | null = null;

afterEach(async () => {
  await h?.close();
  await store?.close();
  await zd?.stop();
  h = store = zd = null;
});

async function boot(env: Record<string, string> = {}): Promise<Harness> {
  zd = await new FakeZendesk().start();
  store = createStore(await openPglite(null));
  await migrate(store.sql);
  h = await startHarness({ store, zd, env });
  return h;
}

/** The value of one series, e.g. sample(text, 'm365_events_received_total{source="webhook"}'); label order is free. */
function sample(text: string, series: string): number | null {
  const [, name, labels = ''] = /^([^{]+)(?:\{(.*)\})?$/.exec(series)!;
  const want = labels ? labels.split(',').sort().join(',') : '';
  for (const line of text.split('\n')) {
    const m = /^([^{\s]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m && m[1] === name && (m[2] ?? '').split(',').filter(Boolean).sort().join(',') === want) return Number(m[3]);
  }
  return null;
}

describe('/metrics after real traffic', () => {
  it('counts deliveries received, deduplicated and rejected by reason, and what the worker did with them', async () => {
    const app = await boot();
    const customer = zd!.addUser({ name: 'Kim', email: 'kim@example.org', role: 'end-user' });
    const t = zd!.addTicket({ ...AD_KEEP, requester: customer });
    const evt = commentAdded(t.id, t.comments[0]!.id, customer.id);
    expect((await app.deliver(evt, { invocationId: 'inv-1' })).status).toBe(200);
    expect((await app.deliver(evt, { invocationId: 'inv-1' })).status).toBe(200);
    expect((await app.deliver(evt, { secret: 'not-the-secret-at-all-0000' })).status).toBe(401);
    await app.settle(() => zd!.privateNotes(t.id).length === 1);

    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(sample(text, 'm365_events_received_total{source="webhook"}')).toBe(1);
    expect(sample(text, 'm365_events_deduplicated_total{source="webhook"}')).toBe(1);
    expect(sample(text, 'm365_events_rejected_total{reason="signature_invalid"}')).toBe(1);
    expect(sample(text, 'm365_classifications_total{branch="hybrid"}')).toBe(1);
    expect(sample(text, 'm365_drafts_total{branch="hybrid"}')).toBe(1);
    expect(sample(text, 'm365_outbox_sent_total{kind="zendesk.note"}')).toBe(1);
    expect(sample(text, 'm365_outbox_depth{state="pending"}')).toBe(0);
    expect(sample(text, 'm365_events_pending')).toBe(0);
    expect(sample(text, 'm365_classify_seconds_count')).toBe(1);
    // Zendesk call latency, labelled by route, method and status.
    expect(sample(text, 'm365_zendesk_call_seconds_count{route="tickets.update",method="PUT",status="200"}')).toBe(1);
    expect(sample(text, 'm365_process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('shows a dead letter and the failed call that caused it', async () => {
    const app = await boot({ OUTBOX_MAX_ATTEMPTS: '1' });
    const customer = zd!.addUser({ name: 'Kim', email: 'kim@example.org', role: 'end-user' });
    const t = zd!.addTicket({ ...AD_KEEP, requester: customer });
    zd!.failNext({ status: 422, body: '{"error":"RecordInvalid","description":"Comment body is too long"}' }, { method: 'PUT' });
    await app.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await app.settle(async () => (await store!.outboxStats(new Date())).dead === 1);

    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(sample(text, 'm365_outbox_dead_total{kind="zendesk.note"}')).toBe(1);
    expect(sample(text, 'm365_outbox_depth{state="dead"}')).toBe(1);
    expect(sample(text, 'm365_zendesk_call_seconds_count{route="tickets.update",method="PUT",status="422"}')).toBe(1);
    expect(zd!.privateNotes(t.id)).toHaveLength(0);
  });
});
