// Approve / Reject through real HTTP with real signatures: exactly one public reply under a double click, across
// two instances, only for approvers mapped to a Zendesk agent; stale cards refused; the card shows the outcome.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { PG_LEFT_OUT, postgresSchemaStores, storeKinds, describeEachStore } from '../store/helpers.js';
import { APPROVER, buttonClick, customerWritesAgain, draftedTicket, FakeSlack, FakeZendesk, GROUP, LDAP_KEEP, REVIEW_CHANNEL, startSlackApp, type SlackApp } from './helpers.js';

const STRANGER = 'U0STRANGER';
const LEAD = 'U0LEAD';
const ENDUSER_SLACK = 'U0ENDUSER';
const MAPPED = 'U0MAPPED';

function mrkdwnText(blocks: any[]): string {
  const out: string[] = [];
  const walk = (v: any) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      if (v.type === 'mrkdwn' && typeof v.text === 'string') out.push(v.text);
      Object.values(v).forEach(walk);
    }
  };
  walk(blocks);
  return out.join('\n');
}

async function setupPeople(slack: FakeSlack, zd: FakeZendesk) {
  const agent = zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
  const lead = zd.addUser({ name: 'Lee Lead', email: 'lee@mailstore.example', role: 'admin' });
  zd.addUser({ name: 'Eve Customer', email: 'eve@customer.example', role: 'end-user' });
  slack.addUser({ id: APPROVER, name: 'sam', email: 'sam@mailstore.example' });
  slack.addUser({ id: LEAD, name: 'lee', email: 'lee@mailstore.example' });
  slack.addUser({ id: ENDUSER_SLACK, name: 'eve', email: 'eve@customer.example' });
  slack.addUser({ id: STRANGER, name: 'stranger', email: 'stranger@mailstore.example' });
  slack.setGroup(GROUP, [LEAD, ENDUSER_SLACK]);
  return { agent, lead };
}

describeEachStore('approve and reject in Slack on $name', ({ open }) => {
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  let people: Awaited<ReturnType<typeof setupPeople>>;
  const mappedAgentId = 4242;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    zd = await new FakeZendesk().start();
    people = await setupPeople(slack, zd);
    zd.addUser({ id: mappedAgentId, name: 'Mapped Agent', email: 'mapped@mailstore.example', role: 'agent' });
    store = await open();
    s = await startSlackApp({ store, slack, zd, env: { SLACK_APPROVERS: `${APPROVER},${GROUP},${MAPPED}`, SLACK_USER_MAP: JSON.stringify({ [MAPPED]: String(mappedAgentId) }) } });
  });
  afterAll(async () => {
    await s?.close();
    await store?.close();
    await slack?.stop();
    await zd?.stop();
  });
  beforeEach(() => {
    slack.reset();
    s.clock.advance(60_000);
  });

  /** A Zendesk ticket, the worker's pending draft for it, and the draft's card posted to the review channel. */
  async function ticketWithCard() {
    const { ticket, customer, draft } = await draftedTicket(s, zd, LDAP_KEEP, { card: true });
    const ref = JSON.parse((await store.getMeta(`slack.card:${draft.id}`))!) as { channel: string; ts: string };
    slack.reset();
    return { ticket, customer, draft, ref };
  }

  /** A click on the draft's channel card (the one the service recorded), unless `ts` names another or it is ephemeral. */
  const click = async (actionId: string, draftId: number, userId: string, name: string, extra: { ephemeral?: boolean; ts?: string } = {}) => {
    const ref = await store.getMeta(`slack.card:${draftId}`);
    const ts = extra.ts ?? (ref ? (JSON.parse(ref) as { ts: string }).ts : undefined);
    return s.interact(buttonClick({ actionId, value: String(draftId), userId, responseUrl: slack.responseUrl(name), ...extra, ...(ts ? { ts } : {}) }));
  };

  it('a double click approves once: one public reply, authored by the clicker\'s Zendesk agent; the card shows who and when', async () => {
    const { ticket, draft, ref } = await ticketWithCard();
    const [a, b] = await Promise.all([
      click('draft_approve', draft.id, APPROVER, 'click-1', { ts: ref.ts }),
      click('draft_approve', draft.id, APPROVER, 'click-2', { ts: ref.ts }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await s.settle();
    await s.settle();

    const replies = zd.publicReplies(ticket.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.comment.author_id).toBe(people.agent.id);
    expect((await store.getDraft(draft.id))!.state).toBe('posted');
    const approvals = (await store.listAudit({ draftId: draft.id, limit: 50 })).filter((x) => x.action === 'draft.approved');
    expect(approvals).toHaveLength(1);
    expect(approvals[0]!.actor).toBe(`slack:${APPROVER}`);

    const answers = [...slack.responsesTo('click-1'), ...slack.responsesTo('click-2')].map((m) => m.text as string);
    expect(answers.filter((t) => t.startsWith(':white_check_mark: Approved draft'))).toHaveLength(1);
    expect(answers.filter((t) => t.includes('not pending any more'))).toHaveLength(1);

    const updates = slack.callsTo('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    const last = updates.at(-1)!.args;
    expect(last).toMatchObject({ channel: ref.channel, ts: ref.ts });
    expect((last.blocks as any[]).some((x) => x.type === 'actions')).toBe(false);
    expect(mrkdwnText(last.blocks)).toContain(`Approved by <@${APPROVER}> on <!date^`);
  });

  it('acknowledges the click before the slow part (Slack lookups, approval) runs', async () => {
    const { ticket, draft } = await ticketWithCard();
    slack.failNext('users.info', { hangMs: 4000 });
    const res = await click('draft_approve', draft.id, LEAD, 'slow');
    expect(res.status).toBe(200);
    // The answer came while users.info still hung: the refusal, posted only after the lookup ends, is not there yet.
    // (Slack's 3 s budget itself is measured in bench/, not here.)
    expect(slack.responsesTo('slow')).toHaveLength(0);
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
    await s.settle();
    // The hung users.info answered an error after 4 s: the approval is refused with a reason, nothing sent.
    expect(slack.responsesTo('slow')[0].text).toContain('Could not look up your Zendesk agent account');
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
    await click('draft_approve', draft.id, LEAD, 'slow-2');
    await s.settle();
    expect(zd.publicReplies(ticket.id)).toHaveLength(1);
    expect(zd.publicReplies(ticket.id)[0]!.comment.author_id).toBe(people.lead.id);
  });

  it('refuses someone who is not an approver: ephemeral, nothing changes', async () => {
    const { ticket, draft } = await ticketWithCard();
    const res = await click('draft_approve', draft.id, STRANGER, 'stranger');
    expect(res.status).toBe(200);
    await s.settle();
    const [msg] = slack.responsesTo('stranger');
    expect(msg.response_type).toBe('ephemeral');
    expect(msg.replace_original).toBe(false);
    expect(msg.text).toContain('not allowed to approve');
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
    expect(slack.callsTo('chat.update')).toHaveLength(0);
    expect((await store.listOutbox({ limit: 500 })).some((r) => r.draftId === draft.id && r.kind === 'zendesk.public_reply')).toBe(false);
    const refused = (await store.listAudit({ draftId: draft.id, limit: 50 })).filter((x) => x.action === 'slack.refused');
    expect(refused).toHaveLength(1);
    // Reject is guarded the same way: no modal opens.
    await click('draft_reject', draft.id, STRANGER, 'stranger-reject');
    await s.settle();
    expect(slack.callsTo('views.open')).toHaveLength(0);
    expect(slack.responsesTo('stranger-reject')[0].text).toContain('not allowed to reject');
  });

  it('refuses a user-group approver whose Slack e-mail is not a Zendesk agent', async () => {
    const { ticket, draft } = await ticketWithCard();
    await click('draft_approve', draft.id, ENDUSER_SLACK, 'enduser');
    await s.settle();
    expect(slack.callsTo('usergroups.users.list').length).toBeLessThanOrEqual(1); // cached
    expect(slack.responsesTo('enduser')[0].text).toContain('no Zendesk agent has the e-mail address');
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
  });

  it('uses SLACK_USER_MAP for the author when it names the clicker (no e-mail lookup)', async () => {
    const { ticket, draft } = await ticketWithCard();
    await click('draft_approve', draft.id, MAPPED, 'mapped');
    await s.settle();
    await s.settle();
    expect(slack.callsTo('users.info')).toHaveLength(0);
    expect(zd.publicReplies(ticket.id)).toHaveLength(1);
    expect(zd.publicReplies(ticket.id)[0]!.comment.author_id).toBe(mappedAgentId);
  });

  it('an approver whose e-mail Slack does not show (users:read.email not granted) is told which scope; nothing is sent', async () => {
    const { ticket, draft } = await ticketWithCard();
    s.clock.advance(11 * 60_000); // no Zendesk agent cached for the clicker
    slack.scopes.delete('users:read.email');
    try {
      await click('draft_approve', draft.id, LEAD, 'no-email');
      await s.settle();
    } finally {
      slack.scopes.add('users:read.email');
    }
    const [msg] = slack.responsesTo('no-email');
    expect(msg.text).toBe(':no_entry: Cannot approve: your Slack profile shows no e-mail to us (scope users:read.email), and SLACK_USER_MAP has no entry for you. Nothing was sent.');
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
  });

  it('a button whose value names no draft does nothing', async () => {
    const { ticket, draft, ref } = await ticketWithCard();
    for (const [actionId, value] of [['draft_approve', 'not-a-draft'], ['draft_reject', '-3']]) {
      const res = await s.interact(buttonClick({ actionId: actionId!, value: value!, userId: APPROVER, responseUrl: slack.responseUrl(`junk-${actionId}`), ts: ref.ts }));
      expect(res.status).toBe(200);
    }
    await s.settle();
    expect(slack.responsesTo('junk-draft_approve')).toEqual([]);
    expect(slack.responsesTo('junk-draft_reject')).toEqual([]);
    expect(slack.callsTo('views.open')).toHaveLength(0);
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
  });

  it('a stale card (superseded draft) cannot approve and says so', async () => {
    const { ticket, customer, draft } = await ticketWithCard();
    const newer = await customerWritesAgain(s, zd, { ticket, customer }, 'Actually we will rename all users.');
    await s.settle();
    slack.reset();
    await click('draft_approve', draft.id, APPROVER, 'stale');
    await s.settle();
    const [msg] = slack.responsesTo('stale');
    expect(msg.response_type).toBe('ephemeral');
    expect(msg.text).toContain('This card is stale');
    expect(msg.text).toContain(`Superseded by draft #${newer.id}`);
    expect((await store.getDraft(draft.id))!.state).toBe('superseded');
    expect((await store.getDraft(newer.id))!.state).toBe('pending');
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
  });

  it('approves from the ephemeral card of /m365-guide <ticket>, replacing it with the outcome', async () => {
    const { ticket, draft } = await ticketWithCard();
    await click('draft_approve', draft.id, APPROVER, 'eph', { ephemeral: true });
    await s.settle();
    await s.settle();
    const [msg] = slack.responsesTo('eph');
    expect(msg.replace_original).toBe(true);
    expect(mrkdwnText(msg.blocks)).toContain(`Approved by <@${APPROVER}>`);
    expect(msg.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    expect(zd.publicReplies(ticket.id)).toHaveLength(1);
  });

  it('Reject opens a modal for the reason; submitting rejects, shows the reason inert, and sends nothing', async () => {
    const { ticket, draft, ref } = await ticketWithCard();
    await click('draft_reject', draft.id, LEAD, 'reject');
    await s.settle();
    const [open] = slack.callsTo('views.open');
    expect(open!.args.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/); // a trigger the fake issued
    const view = open!.args.view;
    expect(view.callback_id).toBe('draft_reject_modal');
    expect(JSON.parse(view.private_metadata)).toEqual({ draftId: draft.id });

    const submit = (reason: string) =>
      s.interact({
        type: 'view_submission',
        team: { id: 'T0001', domain: 'x' },
        user: { id: LEAD, team_id: 'T0001' },
        api_app_id: 'A0APP',
        trigger_id: 't2',
        view: { id: 'V1', type: 'modal', callback_id: 'draft_reject_modal', private_metadata: view.private_metadata, state: { values: { reason: { reason_input: { type: 'plain_text_input', value: reason } } } }, hash: 'h', team_id: 'T0001', app_id: 'A0APP', bot_id: 'B1' },
      });
    const empty = await submit('  ');
    expect(empty.json).toEqual({ response_action: 'errors', errors: { reason: 'Give a reason (at least 3 characters), or the right branch or slots below.' } });
    expect((await store.getDraft(draft.id))!.state).toBe('pending');

    const ok = await submit('Wrong product <!channel> *really*');
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    await s.settle();
    const d = (await store.getDraft(draft.id))!;
    expect(d.state).toBe('rejected');
    expect(d.reason).toBe('Wrong product <!channel> *really*');
    expect(d.decidedBy).toBe(`slack:${LEAD}`);
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
    expect(zd.mustTicket(ticket.id).tags).toContain('m365_rejected');
    const update = slack.callsTo('chat.update').at(-1)!.args;
    expect(update).toMatchObject({ channel: ref.channel, ts: ref.ts });
    const text = mrkdwnText(update.blocks);
    expect(text).toContain(`Rejected by <@${LEAD}>`);
    expect(text).toContain('`Wrong product &lt;!channel&gt; *really*`');
    expect(JSON.stringify(update)).not.toContain('<!channel>');
    // Approving afterwards changes nothing.
    await click('draft_approve', draft.id, APPROVER, 'after-reject');
    await s.settle();
    expect(slack.responsesTo('after-reject')[0].text).toContain('not pending any more');
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
  });

  it('the reject form can give the right branch or slots: the draft is re-drafted for that reading, labelled and carded', async () => {
    const { ticket, draft } = await ticketWithCard();
    expect(draft.branch).toBe('hybrid');
    await click('draft_reject', draft.id, LEAD, 'reject-fix');
    await s.settle();
    const view = slack.callsTo('views.open')[0]!.args.view;
    // The picker's questions, pre-filled with what the classifier read; the branch select starts empty.
    const choice = view.blocks.find((b: any) => b.block_id === 'fix_choice');
    expect(choice.element.initial_option.value).toBe('hybrid');
    expect(choice.element.options.map((o: any) => o.value)).toEqual(['rename', 'hybrid', 'undecided']);
    expect(view.blocks.find((b: any) => b.block_id === 'fix_branch').element.initial_option).toBeUndefined();

    const submit = (values: Record<string, unknown>) =>
      s.interact({
        type: 'view_submission',
        team: { id: 'T0001', domain: 'x' },
        user: { id: LEAD, team_id: 'T0001' },
        api_app_id: 'A0APP',
        view: { id: 'V3', type: 'modal', callback_id: 'draft_reject_modal', private_metadata: view.private_metadata, state: { values: { reason: { reason_input: { type: 'plain_text_input', value: null } }, ...values } } },
      });
    const pick = (block: string, value: string) => ({ [block]: { [block]: { type: 'static_select', selected_option: { value } } } });
    // A branch the chosen slots contradict is refused in the modal, and nothing changes.
    const clash = await submit({ ...pick('fix_branch', 'full-guide'), ...pick('fix_choice', 'rename') });
    expect(clash.json).toMatchObject({ response_action: 'errors', errors: { fix_branch: expect.stringContaining('lead to rename') } });
    expect((await store.getDraft(draft.id))!.state).toBe('pending');

    const ok = await submit(pick('fix_choice', 'rename'));
    expect(ok.status).toBe(200);
    await s.settle();
    const corrected = (await store.latestDraft(String(ticket.id)))!;
    expect(corrected).toMatchObject({ branch: 'rename', state: 'pending', correctedFrom: draft.id, slots: { ...draft.slots, choice: 'rename' } });
    expect(await store.getDraft(draft.id)).toMatchObject({ state: 'superseded', supersededBy: corrected.id, decidedBy: `slack:${LEAD}`, door: 'slack' });
    expect(await store.getLabel(draft.id)).toMatchObject({ outcome: 'corrected', door: 'slack', actor: `slack:${LEAD}`, labels: { branch: 'rename', choice: 'rename' } });
    // The corrected draft's card is queued with it (and sent at Slack's one-message-a-second pace).
    const cards = (await store.listOutbox({ states: ['pending', 'claimed', 'sent'] })).filter((r) => r.kind === 'slack.card' && r.draftId === corrected.id);
    expect(cards).toHaveLength(1);
    expect(zd.publicReplies(ticket.id)).toHaveLength(0);
  });

  it('a duplicate card (a post whose answer was lost) approves the same draft once when clicked, and is updated too', async () => {
    const { ticket, draft, ref } = await ticketWithCard();
    const card = slack.channels.get(REVIEW_CHANNEL)!.messages.find((m) => m.ts === ref.ts)!;
    const orphan = slack.postAsBot(REVIEW_CHANNEL, { text: card.text!, blocks: card.blocks!, metadata: card.metadata! });
    await click('draft_approve', draft.id, APPROVER, 'orphan-1', { ts: orphan.ts });
    await s.settle();
    await s.settle();
    expect(zd.publicReplies(ticket.id)).toHaveLength(1);
    const updated = slack.callsTo('chat.update').map((c) => c.args.ts);
    expect(updated).toContain(ref.ts);
    expect(updated).toContain(orphan.ts);
    expect(orphan.blocks!.some((b: any) => b.type === 'actions')).toBe(false); // no live buttons left on it
    expect(mrkdwnText(orphan.blocks!)).toContain(`Approved by <@${APPROVER}>`);
    await click('draft_approve', draft.id, APPROVER, 'orphan-2', { ts: orphan.ts });
    await s.settle();
    expect(slack.responsesTo('orphan-2')[0].text).toContain('not pending any more');
    expect(zd.publicReplies(ticket.id)).toHaveLength(1);
  });

  it('Reject opens its modal within the 3-second trigger window even when reading the approver group is slow', async () => {
    const { draft } = await ticketWithCard();
    s.clock.advance(11 * 60_000); // no cached membership: the check must ask Slack
    // Slack answers the group read 4 s later (on the shared clock: nobody waits); a trigger_id lives 3 s.
    slack.failNext('usergroups.users.list', { delayMs: 4000 });
    const opened = slack.views.size;
    await click('draft_reject', draft.id, LEAD, 'slow-reject');
    await s.settle();
    expect(slack.callsTo('views.open')).toHaveLength(1);
    expect(slack.views.size).toBe(opened + 1); // Slack opened it (an expired trigger_id opens nothing)
    expect(slack.callsTo('views.update')).toHaveLength(0); // the check passed: the modal stays as it is
    expect(slack.responsesTo('slow-reject')).toEqual([]);
  });

  it('a user group Slack does not answer for is "try again", not a refusal', async () => {
    const { draft } = await ticketWithCard();
    s.clock.advance(11 * 60_000); // past the 10 minutes a stale membership list may stand in for Slack
    slack.failNext('usergroups.users.list', { status: 503 });
    await click('draft_approve', draft.id, LEAD, 'group-down');
    await s.settle();
    expect(slack.responsesTo('group-down')[0].text).toContain('Could not check whether you may decide drafts');
    expect((await store.listAudit({ draftId: draft.id, limit: 50 })).filter((x) => x.action === 'slack.refused')).toHaveLength(0);
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
    // The reject modal, already open when the check fails, says the same instead of asking for a reason.
    s.clock.advance(60_000);
    slack.failNext('usergroups.users.list', { status: 503 });
    await click('draft_reject', draft.id, LEAD, 'group-down-reject');
    await s.settle();
    const [update] = slack.callsTo('views.update');
    expect(JSON.stringify(update!.args.view)).toContain('Could not check whether you may decide drafts');
    expect((await store.listAudit({ draftId: draft.id, limit: 50 })).filter((x) => x.action === 'slack.refused')).toHaveLength(0);
  });

  it('Reject from the ephemeral card replaces that card with the outcome', async () => {
    const { draft } = await ticketWithCard();
    await click('draft_reject', draft.id, APPROVER, 'eph-reject', { ephemeral: true });
    await s.settle();
    const view = slack.callsTo('views.open')[0]!.args.view;
    expect(JSON.parse(view.private_metadata)).toEqual({ draftId: draft.id, responseUrl: slack.responseUrl('eph-reject') });
    await s.interact({
      type: 'view_submission',
      team: { id: 'T0001', domain: 'x' },
      user: { id: APPROVER, team_id: 'T0001' },
      api_app_id: 'A0APP',
      view: { id: 'V2', type: 'modal', callback_id: 'draft_reject_modal', private_metadata: view.private_metadata, state: { values: { reason: { reason_input: { type: 'plain_text_input', value: 'Customer already solved it' } } } } },
    });
    await s.settle();
    const [msg] = slack.responsesTo('eph-reject');
    expect(msg.replace_original).toBe(true);
    expect(mrkdwnText(msg.blocks)).toContain(`Rejected by <@${APPROVER}>`);
    expect(mrkdwnText(msg.blocks)).toContain('`Customer already solved it`');
  });
});

describe('two app instances on one store approve once', () => {
  const pg = postgresSchemaStores();
  const variants: Array<{ name: string; open: () => Promise<{ stores: [Store, Store]; cleanup: () => Promise<void> }> }> = [
    {
      name: 'one PGlite store shared by two apps',
      open: async () => {
        const [kind] = storeKinds();
        const store = await kind!.open();
        return { stores: [store, store], cleanup: () => store.close() };
      },
    },
  ];
  if (pg) {
    variants.push({
      name: 'two apps on one PostgreSQL schema',
      open: async () => {
        const { stores, cleanup } = await pg(2);
        return { stores: [stores[0]!, stores[1]!], cleanup };
      },
    });
  }

  if (!pg) it.skip(`two apps on one PostgreSQL schema [${PG_LEFT_OUT}]`, () => undefined);
  it.each(variants)('$name', async ({ open }) => {
    const slack = await new FakeSlack().start();
    const zd = await new FakeZendesk().start();
    const { agent, lead } = await setupPeople(slack, zd);
    const { stores, cleanup } = await open();
    const a = await startSlackApp({ store: stores[0], slack, zd, workerId: 'instance-a' });
    const b = await startSlackApp({ store: stores[1], slack, zd, workerId: 'instance-b', clock: a.clock });
    try {
      const { ticket: t, draft } = await draftedTicket(a, zd, LDAP_KEEP);
      await Promise.all([a.settle(), b.settle()]);
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
      const { ts } = JSON.parse((await stores[0].getMeta(`slack.card:${draft.id}`))!) as { ts: string };
      const clicks = [a, b, a, b].map((app, i) =>
        app.interact(buttonClick({ actionId: 'draft_approve', value: String(draft.id), userId: i % 2 ? LEAD : APPROVER, responseUrl: slack.responseUrl(`two-${i}`), ts })),
      );
      expect((await Promise.all(clicks)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
      await Promise.all([a.settle(), b.settle()]);
      await Promise.all([a.settle(), b.settle()]);
      expect(zd.publicReplies(t.id)).toHaveLength(1);
      const approvals = (await stores[0].listAudit({ draftId: draft.id, limit: 50 })).filter((x) => x.action === 'draft.approved');
      expect(approvals).toHaveLength(1);
      // Credited to the winner's own Zendesk agent, whichever click won: APPROVER is sam@ (agent), LEAD is lee@ (lead).
      const credited: Record<string, number> = { [`slack:${APPROVER}`]: agent.id, [`slack:${LEAD}`]: lead.id };
      expect(Object.keys(credited)).toContain(approvals[0]!.actor);
      expect(zd.publicReplies(t.id)[0]!.comment.author_id).toBe(credited[approvals[0]!.actor!]);
      const texts = [0, 1, 2, 3].flatMap((i) => slack.responsesTo(`two-${i}`)).map((m) => m.text as string);
      expect(texts.filter((x) => x.startsWith(':white_check_mark: Approved draft'))).toHaveLength(1);
      expect(texts.filter((x) => x.includes('not pending any more'))).toHaveLength(3);
      expect((await stores[1].getDraft(draft.id))!.state).toBe('posted');
      // Bolt never called auth.test (not at boot, not per request): nothing waits on it before an ack.
      expect(slack.callsTo('auth.test')).toHaveLength(0);
    } finally {
      await a.close();
      await b.close();
      await cleanup();
      await slack.stop();
      await zd.stop();
    }
  });
});
