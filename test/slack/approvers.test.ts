// Who may decide in Slack when the approver list names a user group (src/slack/approvers.ts), through real HTTP with
// the worker's drafts: Slack's usergroups.users.list failing or saying the group is gone, and the membership cache
// the README promises ("cached briefly: a revoked member loses the right within a minute"; a stale list stands in
// for Slack for ten minutes when it does not answer).
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { describeEachStore } from '../store/helpers.js';
import { APPROVER, buttonClick, draftedTicket, FakeSlack, FakeZendesk, GROUP, LDAP_KEEP, type SlackApp, useSlackWorld } from './helpers.js';

const LEAD = 'U0LEAD'; // an approver through GROUP only
const MINUTE = 60_000;

describeEachStore('approver user groups when Slack fails, on $name', ({ open }) => {
  const world = useSlackWorld(open);
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  beforeAll(() => {
    ({ slack, zd, store, s } = world);
    zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
    zd.addUser({ name: 'Lee Lead', email: 'lee@mailstore.example', role: 'admin' });
    slack.addUser({ id: APPROVER, name: 'sam', email: 'sam@mailstore.example' });
    slack.addUser({ id: LEAD, name: 'lee', email: 'lee@mailstore.example' });
  });
  beforeEach(() => {
    slack.reset();
    slack.setGroup(GROUP, [LEAD]);
    s.clock.advance(11 * MINUTE); // no membership cached from an earlier test
  });

  let clicks = 0;
  /** `userId` clicks `action` on the draft's channel card; returns what they were told. */
  async function click(action: 'draft_approve' | 'draft_reject', draftId: number, userId: string): Promise<{ answers: any[]; name: string }> {
    const name = `click-${++clicks}`;
    const { ts } = JSON.parse((await store.getMeta(`slack.card:${draftId}`))!) as { ts: string };
    await s.interact(buttonClick({ actionId: action, value: String(draftId), userId, responseUrl: slack.responseUrl(name), ts }));
    await s.settle();
    return { answers: slack.responsesTo(name), name };
  }
  const pendingDraft = async () => (await draftedTicket(s, zd, LDAP_KEEP, { card: true })).draft;
  const groupReads = () => slack.callsTo('usergroups.users.list').length;

  it('while Slack cannot list the group, its members approve on the list read in the last ten minutes; after that they are asked to try again', async () => {
    const first = await pendingDraft();
    await click('draft_approve', first.id, LEAD); // reads the group
    await s.settle();
    expect((await store.getDraft(first.id))!.state).toBe('posted');

    s.clock.advance(2 * MINUTE); // the cached list is stale: Slack is asked again …
    slack.failNext('usergroups.users.list', { status: 503 }); // … and does not answer
    const second = await pendingDraft();
    const reads = groupReads();
    const { answers } = await click('draft_approve', second.id, LEAD);
    await s.settle();
    expect(groupReads()).toBe(reads + 1);
    expect(answers[0].text).toContain(`Approved draft #${second.id}`);
    expect((await store.getDraft(second.id))!.state).toBe('posted');
    expect(zd.publicReplies(Number(second.ticketId))).toHaveLength(1);

    s.clock.advance(10 * MINUTE); // now the last list Slack gave is too old to stand in
    slack.failNext('usergroups.users.list', { status: 503 });
    const third = await pendingDraft();
    const late = await click('draft_approve', third.id, LEAD);
    expect(late.answers[0].text).toContain('Could not check whether you may decide drafts');
    expect((await store.getDraft(third.id))!.state).toBe('pending');
    expect((await store.listAudit({ draftId: third.id })).filter((a) => a.action === 'slack.refused')).toEqual([]);
  });

  it('a group Slack says no longer exists (no_such_subteam) grants nothing: its former members are refused, listed users are not', async () => {
    slack.groups.delete(GROUP); // usergroups.users.list answers no_such_subteam
    try {
      const draft = await pendingDraft();
      const { answers } = await click('draft_approve', draft.id, LEAD);
      expect(answers[0].text).toContain('You are not allowed to approve drafts');
      expect((await store.getDraft(draft.id))!.state).toBe('pending');
      expect((await store.listAudit({ draftId: draft.id })).filter((a) => a.action === 'slack.refused')).toHaveLength(1);
      const listed = await click('draft_approve', draft.id, APPROVER);
      await s.settle();
      expect(listed.answers[0].text).toContain(`Approved draft #${draft.id}`);
      expect(zd.publicReplies(Number(draft.ticketId))).toHaveLength(1);
    } finally {
      slack.setGroup(GROUP, [LEAD]);
    }
  });

  it('a member removed from the group keeps the right for at most the minute the membership is cached', async () => {
    const first = await pendingDraft();
    await click('draft_approve', first.id, LEAD); // reads the group: LEAD is a member
    slack.setGroup(GROUP, []); // an admin removes LEAD in Slack
    const second = await pendingDraft();

    s.clock.advance(MINUTE / 2);
    const reads = groupReads();
    await click('draft_reject', second.id, LEAD);
    expect(groupReads()).toBe(reads); // decided on the cached list, without asking Slack
    expect(slack.callsTo('views.open')).toHaveLength(1);
    expect(slack.callsTo('views.update')).toHaveLength(0); // the modal asks for a reason

    s.clock.advance(MINUTE / 2 + 1000);
    slack.reset();
    await click('draft_reject', second.id, LEAD);
    expect(groupReads()).toBe(1);
    const [update] = slack.callsTo('views.update');
    expect(JSON.stringify(update!.args.view)).toContain('You are not allowed to reject drafts');
    expect((await store.getDraft(second.id))!.state).toBe('pending');
  });
});
