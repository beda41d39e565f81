// The whole path with the real worker: a signed Zendesk webhook event → classifier → draft (its Slack card queued in
// the same transaction) → Zendesk note and Slack card through the outbox → Approve in Slack → one public reply, card
// updated.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { commentAdded, tagsChanged } from '../fakes/zendesk-events.js';
import { describeEachStore } from '../store/helpers.js';
import { APPROVER, buttonClick, FakeSlack, FakeZendesk, LDAP_KEEP, REVIEW_CHANNEL, type SlackApp, useSlackWorld } from './helpers.js';

describeEachStore('Zendesk ticket to Slack approval on $name', ({ open }) => {
  const world = useSlackWorld(open);
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  beforeAll(() => void ({ slack, zd, store, s } = world));

  it('drafts, posts the card, and posts the public reply once after Approve', async () => {
    const agent = zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
    slack.addUser({ id: APPROVER, name: 'sam', email: 'sam@mailstore.example' });
    const customer = zd.addUser({ name: 'Kim Baker', email: 'kim@customer.example', role: 'end-user' });
    const t = zd.addTicket({ subject: LDAP_KEEP.subject, body: LDAP_KEEP.body, requester: customer });
    expect((await s.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id))).json).toEqual({ ok: true, duplicate: false });
    await s.settle();

    const draft = (await store.latestDraft(String(t.id)))!;
    expect(draft.state).toBe('pending');
    expect(zd.privateNotes(t.id)).toHaveLength(1);
    const [post] = slack.callsTo('chat.postMessage');
    expect(post!.args.channel).toBe(REVIEW_CHANNEL);
    expect(JSON.stringify(post!.args.blocks)).toContain(`"value":"${draft.id}"`);

    const card = JSON.parse((await store.getMeta(`slack.card:${draft.id}`))!) as { ts: string };
    const res = await s.interact(buttonClick({ actionId: 'draft_approve', value: String(draft.id), userId: APPROVER, responseUrl: slack.responseUrl('flow'), ts: card.ts }));
    expect(res.status).toBe(200);
    await s.settle();
    await s.settle();
    expect(zd.publicReplies(t.id)).toHaveLength(1);
    expect(zd.publicReplies(t.id)[0]!.comment.author_id).toBe(agent.id);
    expect((await store.getDraft(draft.id))!.state).toBe('posted');
    const ref = JSON.parse((await store.getMeta(`slack.card:${draft.id}`))!) as { channel: string; ts: string };
    expect(slack.callsTo('chat.update').at(-1)!.args).toMatchObject({ channel: ref.channel, ts: ref.ts });
  });

  it('updates the card without buttons when the draft is approved with the Zendesk tag instead', async () => {
    const agent = zd.addUser({ name: 'Tag Agent', email: 'tag@mailstore.example', role: 'agent' });
    const customer = zd.addUser({ name: 'Lee Tagger', email: 'lee@customer.example', role: 'end-user' });
    const t = zd.addTicket({ subject: LDAP_KEEP.subject, body: LDAP_KEEP.body, requester: customer });
    expect((await s.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id))).status).toBe(200);
    await s.settle();
    // Cards are paced per channel (about one a second): let the controllable clock move on.
    s.clock.advance(2000);
    await s.settle();
    const draft = (await store.latestDraft(String(t.id)))!;
    const ref = JSON.parse((await store.getMeta(`slack.card:${draft.id}`))!) as { channel: string; ts: string };
    const updatesBefore = slack.callsTo('chat.update').length;

    zd.setTags(t.id, [...zd.mustTicket(t.id).tags, 'm365_approve']);
    expect((await s.deliver(tagsChanged(t.id, agent.id))).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      await s.settle();
      s.clock.advance(2000);
    }

    expect(zd.publicReplies(t.id)).toHaveLength(1);
    const updates = slack.callsTo('chat.update').slice(updatesBefore).filter((c) => c.args.ts === ref.ts);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    const last = JSON.stringify(updates.at(-1)!.args.blocks);
    expect(last).not.toContain('draft_approve');
    expect(last).toMatch(/[Aa]pproved|[Pp]osted|[Ss]ent/);
  });
});
