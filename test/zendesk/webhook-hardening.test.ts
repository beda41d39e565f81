// What an attack on a fresh install found at the webhook door (issue 12), through real HTTP and real signatures.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveDraft } from '../../src/drafts/approve-draft.js';
import type { Store } from '../../src/store/types.js';
import { FakeZendesk } from '../fakes/zendesk.js';
import { commentAdded, startHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../store/helpers.js';

describeEachStore('webhook hardening on $name', ({ open }) => {
  let store: Store;
  let zd: FakeZendesk;
  let h: Harness;

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
    store = await open();
    h = await startHarness({ store, zd });
  });
  afterAll(async () => {
    await h.close();
    await store.close();
    await zd.stop();
  });

  it('a burst of good deliveries beside ones with over-long invocation ids: every good one 200, the bad ones 400', async () => {
    // 60 good deliveries with a bad one after every twelfth, all sent at once so they share group commits.
    const deliveries = Array.from({ length: 65 }, (_, i) => {
      const good = i % 13 !== 12;
      return { body: commentAdded(9000 + i, 1, 5), invocationId: good ? `good-${i}` : randomBytes(4000).toString('hex'), good };
    });
    const answers = await Promise.all(deliveries.map((d) => h.deliver(d.body, { invocationId: d.invocationId })));
    answers.forEach((a, i) => {
      if (deliveries[i]!.good) expect(a).toEqual({ status: 200, json: { ok: true, duplicate: false } });
      else expect(a).toMatchObject({ status: 400, json: { code: 'payload_invalid' } });
    });
    expect(deliveries.filter((d) => !d.good)).toHaveLength(5);
  });

  it('a replay of the same signed bytes with a new invocation id, or none, is a duplicate', async () => {
    const body = commentAdded(9200, 1, 5);
    expect(await h.deliver(body, { invocationId: 'first-delivery' })).toEqual({ status: 200, json: { ok: true, duplicate: false } });
    expect(await h.deliver(body, { invocationId: 'replayed-with-another-id' })).toEqual({ status: 200, json: { ok: true, duplicate: true } });
    expect(await h.deliver(body, { invocationId: null })).toEqual({ status: 200, json: { ok: true, duplicate: true } });
  });

  it('a URL as the requester name and Liquid in an edited reply are neutralised in what Zendesk receives', async () => {
    const customer = zd.addUser({ name: 'https://evil.example/login', email: 'evil@example.org', role: 'end-user' });
    const agent = zd.addUser({ name: 'Anna Agent', email: 'anna@mailstore.example', role: 'agent' });
    const t = zd.addTicket({
      subject: 'Keep AD',
      body: "Hi,\nMailStore Server syncs with our Active Directory (usernames like 'jdoe'). We keep the AD sync and only move archiving to modern authentication.\nThanks",
      requester: customer,
    });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(() => zd.privateNotes(t.id).length === 1);
    const draft = (await store.latestDraft(String(t.id)))!;
    expect(draft.text.split('\n')[0]).toBe('Hello,');
    const edited = `${draft.text}\n\n{% if ticket.requester %}{{ticket.requester.email}}{% endif %} www.evil.example`;
    const r = await approveDraft(store, { draftId: draft.id, actor: `review:anna`, door: 'review', editedText: edited, authorId: String(agent.id), now: new Date() });
    expect(r.ok).toBe(true);
    await h.settle(() => zd.publicReplies(t.id).length === 1);
    const html = zd.publicReplies(t.id)[0]!.comment.html_body as string;
    expect(html).not.toMatch(/\{\{|\{%|%\}|\}\}/);
    expect(html).toContain('{ % if ticket.requester % }');
    expect(html).not.toContain('evil.example/login');
  });
});
