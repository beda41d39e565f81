// The process dies (SIGKILL) while outbox rows are claimed and Zendesk has already applied the write; after a
// restart everything is delivered, and exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeZendesk, type FakeUser } from '../fakes/zendesk.js';
import { openStore } from '../../src/store/open-store.js';
import { commentAdded, sign, tagsChanged, WEBHOOK_SECRET } from '../helpers/harness.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

const ADMIN = 'admin-token-restart-test';

async function deliver(url: string, body: unknown) {
  const raw = Buffer.from(JSON.stringify(body));
  const ts = new Date().toISOString();
  const res = await fetch(`${url}/webhooks/zendesk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-signature': sign(WEBHOOK_SECRET, ts, raw) },
    body: raw,
  });
  expect(res.status).toBe(200);
}

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function outboxIdle(url: string): Promise<boolean> {
  const r = await fetch(`${url}/admin/outbox?state=pending,claimed`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const j = (await r.json()) as { rows: unknown[] };
  return j.rows.length === 0;
}

describe('crash and restart', () => {
  let zd: FakeZendesk;
  let dataDir: string;
  let customer: FakeUser;
  let agent: FakeUser;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
    customer = zd.addUser({ name: 'Rita Customer', email: 'rita@example.org', role: 'end-user' });
    agent = zd.addUser({ name: 'Olaf Agent', email: 'olaf@mailstore.example', role: 'agent' });
    dataDir = mkdtempSync(join(tmpdir(), 'm365-restart-'));
  });
  afterAll(async () => {
    await server?.kill();
    await zd.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    DATA_DIR: dataDir,
    ZENDESK_URL: zd.url,
    ZENDESK_EMAIL: zd.email,
    ZENDESK_API_TOKEN: zd.token,
    ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ZENDESK_TIMEOUT_MS: '20000',
    WORKER_LEASE_MS: '1500',
    WORKER_POLL_MS: '50',
    RECONCILE_INTERVAL_S: '0',
    ADMIN_TOKEN: ADMIN,
  });

  it('delivers the draft note and the approved reply exactly once across two SIGKILLs', async () => {
    server = await startServer(env());
    const t = zd.addTicket({
      subject: 'LDAP bleibt, nur Archivierung umstellen',
      body: 'Hallo,\nunser MailStore Server nutzt LDAP Generic als Verzeichnisdienst (Benutzernamen wie "jpeters").\nDas LDAP bleibt, die Benutzer sollen nicht umbenannt werden. Wir wollen nur die Archivierung der Microsoft-365-Postfächer auf Modern Authentication umstellen.\nGruß\nJan',
      requester: customer,
    });
    // Zendesk applies the note but its answer never comes back while the process lives.
    zd.failNext({ hangMs: 60_000, apply: true }, { method: 'PUT' });
    await deliver(server.url, commentAdded(t.id, t.comments[0]!.id, customer.id));
    await waitFor('the note PUT to arrive', () => zd.privateNotes(t.id).length === 1);
    expect(await server.kill('SIGKILL')).toBeNull();

    server = await startServer(env());
    await waitFor('the outbox to drain after restart', () => outboxIdle(server!.url));
    expect(zd.privateNotes(t.id)).toHaveLength(1);

    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve'], agent);
    zd.failNext({ hangMs: 60_000, apply: true }, { method: 'PUT' });
    await deliver(server.url, tagsChanged(t.id, agent.id));
    await waitFor('the public reply PUT to arrive', () => zd.publicReplies(t.id).length === 1);
    await server.kill('SIGKILL');

    server = await startServer(env());
    await waitFor('the outbox to drain after the second restart', () => outboxIdle(server!.url));
    expect(server.output()).toMatch(/integrations: /);
    // Stop the process (graceful): nothing can arrive late after it is gone, and its store must hold no work left.
    expect(await server.kill('SIGTERM')).toBe(0);
    server = null;
    const store = await openStore({ dataDir });
    try {
      expect(await store.countEvents('pending')).toBe(0);
      expect(await store.countEvents('processing')).toBe(0);
      expect(await store.listOutbox({ states: ['pending', 'claimed'] })).toEqual([]);
    } finally {
      await store.close();
    }
    expect(zd.publicReplies(t.id)).toHaveLength(1);
    expect(zd.publicReplies(t.id)[0]!.comment.author_id).toBe(agent.id);
    expect(zd.privateNotes(t.id)).toHaveLength(1);
  }, 300_000); // three server starts (tsx compiles on each) on a possibly loaded machine
});
