// SIGTERM (docker stop, a rolling upgrade) while a note is on its way to Zendesk: the process stops taking work,
// lets the send in progress finish and record itself, closes the store (the data directory is free again at once)
// and exits 0. Nothing is left claimed, and the note exists exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { FakeZendesk } from '../fakes/zendesk.js';
import { commentAdded, sign, startHarness, WEBHOOK_SECRET } from '../helpers/harness.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

async function waitFor(what: string, cond: () => boolean, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('graceful shutdown', () => {
  let zd: FakeZendesk;
  let dataDir: string;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
    dataDir = mkdtempSync(join(tmpdir(), 'm365-shutdown-'));
  });
  afterAll(async () => {
    await server?.kill();
    await zd.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the send in progress on SIGTERM, records it, releases the data directory and exits 0', async () => {
    server = await startServer({
      DATA_DIR: dataDir,
      ZENDESK_URL: zd.url,
      ZENDESK_EMAIL: zd.email,
      ZENDESK_API_TOKEN: zd.token,
      ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ZENDESK_TIMEOUT_MS: '30000',
      WORKER_POLL_MS: '50',
      RECONCILE_INTERVAL_S: '0',
    });
    const customer = zd.addUser({ name: 'Kim', email: 'kim@example.org', role: 'end-user' });
    const t = zd.addTicket({
      subject: 'AD sync stays, archiving to modern auth',
      body: "MailStore Server syncs with our on-prem Active Directory, usernames like 'kbaker'. We keep the AD sync exactly as it is and only move archiving of our Exchange Online mailboxes to modern authentication. No user renames.",
      requester: customer,
    });
    // Zendesk takes the note at once but answers only when the test says so: SIGTERM is sent while the send is in
    // flight by construction, not by winning a race against a clock (a busy machine used to lose it).
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    zd.failNext({ hangMs: 0, apply: true, until: held }, { method: 'PUT' });
    const raw = Buffer.from(JSON.stringify(commentAdded(t.id, t.comments[0]!.id, customer.id)));
    const ts = new Date().toISOString();
    const res = await fetch(`${server.url}/webhooks/zendesk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-signature': sign(WEBHOOK_SECRET, ts, raw) },
      body: raw,
    });
    expect(res.status).toBe(200);
    await waitFor('the note PUT to reach Zendesk', () => zd.privateNotes(t.id).length === 1);

    const running = server;
    let exited = false;
    const exit = running.kill('SIGTERM').then((code) => ((exited = true), code));
    await waitFor('the shutdown to start', () => /shutting down/.test(running.output()));
    // Shutting down, and still waiting for Zendesk's answer: the process must not be gone before it has it.
    expect(exited, 'the process exited before Zendesk answered the send in flight').toBe(false);
    answer();
    expect(await exit).toBe(0);
    server = null;

    // The data directory opens right away (the lock was released) and the send was recorded as done.
    const store = await openStore({ dataDir });
    try {
      expect(await store.listOutbox({ states: ['pending', 'claimed'] })).toEqual([]);
      const [sent] = await store.listOutbox({ states: ['sent'] });
      expect(sent).toMatchObject({ kind: 'zendesk.note', ticketId: String(t.id) });
      expect(await store.countEvents('processing')).toBe(0);
    } finally {
      await store.close();
    }
    expect(zd.privateNotes(t.id)).toHaveLength(1);
  }, 180_000);
});

describe('graceful shutdown between outbox rows', () => {
  it('finishes the row in flight and gives the claimed rows it had not started back, for the next instance', async () => {
    const zd = await new FakeZendesk().start();
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'm365-shutdown-rows-')) });
    try {
      const customer = zd.addUser({ name: 'Kim', email: 'kim@example.org', role: 'end-user' });
      const tickets = [1, 2, 3].map((n) => zd.addTicket({ subject: `Ticket ${n}`, body: 'Hello', requester: customer }));
      for (const t of tickets) {
        await store.enqueue({ idempotencyKey: `tags:${t.id}`, kind: 'zendesk.tags', ticketId: String(t.id), payload: { add: ['m365_topic_conversion'] } }, new Date());
      }
      // The first PUT is applied but answered only when the test says so: the shutdown starts while it is in flight
      // (the worker sends one row at a time, so the others wait behind it).
      let answer!: () => void;
      const held = new Promise<void>((resolve) => (answer = resolve));
      zd.failNext({ hangMs: 0, apply: true, until: held }, { method: 'PUT' });
      const h = await startHarness({ store, zd, background: true, env: { WORKER_POLL_MS: '20', ZENDESK_TIMEOUT_MS: '120000' } });
      await waitFor('the first PUT', () => zd.requests.some((r) => r.method === 'PUT'));
      const closing = h.app.close();
      answer();
      await closing;

      const tagged = tickets.filter((t) => zd.mustTicket(t.id).tags.includes('m365_topic_conversion'));
      expect(tagged).toHaveLength(1);
      const rows = await store.listOutbox({ states: ['pending', 'claimed', 'sent'] });
      expect(rows.filter((r) => r.state === 'sent')).toHaveLength(1);
      // Given back, unclaimed, and not counted as an attempt: they were never tried.
      const back = rows.filter((r) => r.state !== 'sent');
      expect(back.map((r) => [r.state, r.attempts, r.claimedBy])).toEqual([
        ['pending', 0, null],
        ['pending', 0, null],
      ]);

      // The next instance sends them.
      const next = await startHarness({ store, zd });
      await next.settle(() => tickets.every((t) => zd.mustTicket(t.id).tags.includes('m365_topic_conversion')));
      await next.app.close();
    } finally {
      await store.close();
      await zd.stop();
    }
  }, 120_000);
});
