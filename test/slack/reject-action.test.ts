// Reject in Slack when Slack or the draft changes under the modal (src/slack/reject-action.ts), through real HTTP with
// real signatures and the worker's drafts: Slack refusing to open the modal, a draft decided at another door while
// the modal is open, rights revoked before the submit, a duplicate card, corrections, an expired response_url. What
// the reviewer notices: an answer saying what happened and what to do, and a card that shows the real outcome.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { DraftRow, Store } from '../../src/store/types.js';
import { describeEachStore } from '../store/helpers.js';
import { tagsChanged } from '../fakes/zendesk-events.js';
import { RESPONSE_URL_TTL_MS, type SlackFailure } from '../fakes/slack.js';
import type { FakeUser } from '../fakes/zendesk.js';
import { pollUntil } from '../helpers/poll.js';
import { APPROVER, buttonClick, draftedTicket, FakeSlack, FakeZendesk, GROUP, LDAP_KEEP, REVIEW_CHANNEL, type SlackApp, useSlackWorld } from './helpers.js';

const LEAD = 'U0LEAD'; // an approver through the user group GROUP only
const GROUP_TTL_MS = 60_000; // approvers.ts: group membership is cached for a minute …
const GROUP_STALE_OK_MS = 10 * 60_000; // … and stands in for Slack for ten minutes when Slack does not answer

const json = (v: unknown) => JSON.stringify(v);
const hasButtons = (blocks: any[] | undefined) => (blocks ?? []).some((b) => b.type === 'actions');

describeEachStore('Reject in Slack when things change under the modal, on $name', ({ open }) => {
  const world = useSlackWorld(open);
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  let agent: FakeUser;
  beforeAll(() => {
    ({ slack, zd, store, s } = world);
    agent = zd.addUser({ name: 'Tess Tagger', email: 'tess@mailstore.example', role: 'agent' });
    slack.addUser({ id: APPROVER, name: 'sam', email: 'sam@mailstore.example' });
    slack.addUser({ id: LEAD, name: 'lee', email: 'lee@mailstore.example' });
  });
  beforeEach(() => {
    slack.reset();
    slack.setGroup(GROUP, [LEAD]);
    s.clock.advance(GROUP_STALE_OK_MS + 60_000); // a free card slot, and no group membership cached
  });

  /** A pending draft from the worker, its card in the review channel. */
  async function draftWithCard(): Promise<{ ticketId: number; draft: DraftRow; ts: string }> {
    const { ticket, draft } = await draftedTicket(s, zd, LDAP_KEEP, { card: true });
    const { ts } = JSON.parse((await store.getMeta(`slack.card:${draft.id}`))!) as { ts: string };
    slack.reset();
    return { ticketId: ticket.id, draft, ts };
  }
  // One response_url per click and draft, as Slack issues them (each works 5 times in 30 minutes).
  const clickReject = (draftId: number, userId: string, name: string, o: { ephemeral?: boolean; ts?: string } = {}) =>
    s.interact(buttonClick({ actionId: 'draft_reject', value: String(draftId), userId, responseUrl: slack.responseUrl(`${name}-${draftId}`), ...o }));
  /** What the service posted to that click's response_url. */
  const answersTo = (name: string, draftId: number) => slack.responsesTo(`${name}-${draftId}`);
  /** The modal Slack opened for the last Reject click. */
  const openedModal = () => slack.callsTo('views.open').at(-1)!.args.view as { private_metadata: string; blocks: any[] };
  const pick = (block: string, value: string) => ({ [block]: { [block]: { type: 'static_select', selected_option: { value } } } });
  const submit = (userId: string, privateMetadata: string, reason: string | null, picks: Record<string, unknown> = {}) =>
    s.interact({
      type: 'view_submission',
      team: { id: 'T0001', domain: 'mailstore-support' },
      user: { id: userId, team_id: 'T0001' },
      api_app_id: 'A0APP',
      view: {
        id: 'V0MODAL',
        type: 'modal',
        callback_id: 'draft_reject_modal',
        private_metadata: privateMetadata,
        state: { values: { reason: { reason_input: { type: 'plain_text_input', value: reason } }, ...picks } },
      },
    });
  /** An agent adds the approve tag in Zendesk; the worker approves and posts the reply. */
  async function approvedInZendesk(ticketId: number, draftId: number): Promise<void> {
    zd.setTags(ticketId, [...zd.mustTicket(ticketId).tags, 'm365_approve'], agent);
    expect((await s.deliver(tagsChanged(ticketId, agent.id))).status).toBe(200);
    await pollUntil(`draft #${draftId} to be posted`, async () => (await store.getDraft(draftId))!.state === 'posted', { between: () => s.settle() });
  }
  const channelCard = (ts: string) => slack.channels.get(REVIEW_CHANNEL)!.messages.find((m) => m.ts === ts)!;
  const refusals = async (draftId: number) => (await store.listAudit({ draftId })).filter((a) => a.action === 'slack.refused');

  it.each<[string, SlackFailure, string]>([
    // https://docs.slack.dev/reference/methods/views.open#errors: a trigger_id works for 3 seconds.
    ['Slack answers views.open after the trigger_id expired', { delayMs: 4000 }, 'expired_trigger_id'],
    ['Slack rate-limits views.open (HTTP 429)', { status: 429, retryAfter: 5 }, 'ratelimited'],
    ['Slack answers views.open with HTTP 503', { status: 503 }, 'no answer'],
  ])('%s: the clicker is told the dialog did not open and to click again; nothing changes', async (_name, failure, shown) => {
    const { draft, ts } = await draftWithCard();
    slack.failNext('views.open', failure);
    const views = slack.views.size;
    await clickReject(draft.id, APPROVER, 'open-fails', { ts });
    await s.settle();
    expect(slack.views.size).toBe(views); // no modal
    const [answer] = answersTo('open-fails', draft.id);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.text).toBe(`:warning: Slack did not open the Reject dialog (${shown}). Nothing was changed; click Reject again.`);
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
  });

  it('Reject on a card whose draft was approved in Zendesk meanwhile: the open modal says so instead of asking why', async () => {
    const { ticketId, draft, ts } = await draftWithCard();
    await approvedInZendesk(ticketId, draft.id);
    slack.reset();
    await clickReject(draft.id, APPROVER, 'stale-reject', { ts }); // clicked on a card Slack had not refreshed yet
    await s.settle();
    expect(slack.callsTo('views.open')).toHaveLength(1);
    const [update] = slack.callsTo('views.update');
    const notice = json(update!.args.view);
    expect(notice).toContain(`Draft #${draft.id} is not pending any more, so nothing was changed.`);
    expect(notice).toContain('Approved by');
    expect(update!.args.view.submit).toBeUndefined(); // nothing to submit
    expect((await store.getDraft(draft.id))!.state).toBe('posted');
    expect(hasButtons(channelCard(ts).blocks)).toBe(false);
  });

  it.each([
    ['a rejection, from the ephemeral card', { ephemeral: true, fix: false }],
    ['a rejection, from the channel card', { ephemeral: false, fix: false }],
    ['a correction, from the ephemeral card', { ephemeral: true, fix: true }],
  ])('the modal is submitted after the draft was approved in Zendesk (%s): nothing is rejected, the approval stands', async (_name, o) => {
    const { ticketId, draft, ts } = await draftWithCard();
    await clickReject(draft.id, APPROVER, 'late-submit', o.ephemeral ? { ephemeral: true } : { ts });
    await s.settle();
    const modal = openedModal();
    await approvedInZendesk(ticketId, draft.id); // while the modal is open
    const res = await submit(APPROVER, modal.private_metadata, o.fix ? null : 'Wrong product', o.fix ? pick('fix_choice', 'rename') : {});
    expect(res.status).toBe(200);
    await s.settle();
    const d = (await store.getDraft(draft.id))!;
    expect(d.state).toBe('posted');
    expect(d.decidedBy).toBe(`zendesk:${agent.id}`);
    expect(zd.publicReplies(ticketId)).toHaveLength(1);
    expect(await store.latestDraft(String(ticketId))).toMatchObject({ id: draft.id }); // no corrected draft either
    const answers = answersTo('late-submit', draft.id);
    if (o.ephemeral) {
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      if (o.fix) {
        expect(answers[0].text).toContain(`Draft #${draft.id} was not corrected`);
        expect(answers[0].text).toContain('its reply has already been posted');
      } else {
        expect(answers[0].text).toBe(`Draft #${draft.id} is posted, not pending, so it was not rejected.`);
      }
    } else {
      expect(answers).toEqual([]); // a channel card has no response_url to answer on: the card itself shows it
    }
    expect(hasButtons(channelCard(ts).blocks)).toBe(false);
    expect(json(channelCard(ts).blocks)).toContain('Approved by');
  });

  it.each([
    ['removed from the approver group', 'a rejection', 'no' as const],
    ['removed from the approver group', 'a correction', 'no' as const],
    ['unconfirmed (Slack does not answer for the group)', 'a rejection', 'unknown' as const],
    ['unconfirmed (Slack does not answer for the group)', 'a correction', 'unknown' as const],
  ])('rights %s while the modal is open: %s is refused with the reason, nothing changes', async (_how, what, verdict) => {
    const { draft } = await draftWithCard();
    await clickReject(draft.id, LEAD, 'revoked', { ephemeral: true }); // LEAD approves through GROUP
    await s.settle();
    expect(slack.callsTo('views.update')).toHaveLength(0); // the check at the click passed: the modal asks why
    const modal = openedModal();
    if (verdict === 'no') {
      slack.setGroup(GROUP, []);
      s.clock.advance(GROUP_TTL_MS + 1000); // past the cached membership: the submit asks Slack again
    } else {
      s.clock.advance(GROUP_STALE_OK_MS + 1000); // past the ten minutes a cached membership may stand in for Slack
      slack.failNext('usergroups.users.list', { status: 503 });
    }
    const fix = what === 'a correction';
    await submit(LEAD, modal.private_metadata, fix ? null : 'Wrong product', fix ? pick('fix_choice', 'rename') : {});
    await s.settle();
    const [answer] = answersTo('revoked', draft.id);
    expect(answer.text).toContain(verdict === 'no' ? 'You are not allowed to reject drafts' : 'Could not check whether you may decide drafts');
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
    expect(await store.latestDraft(draft.ticketId)).toMatchObject({ id: draft.id });
    // A refusal is audited; Slack not answering is not a refusal.
    expect(await refusals(draft.id)).toHaveLength(verdict === 'no' ? 1 : 0);
  });

  it('a group member removed since the last look clicks Reject: the modal opens in time, then says they may not', async () => {
    const { draft, ts } = await draftWithCard();
    slack.setGroup(GROUP, []);
    await clickReject(draft.id, LEAD, 'removed', { ts });
    await s.settle();
    expect(slack.callsTo('views.open')).toHaveLength(1); // opened before the group read (the trigger lives 3 s)
    const [update] = slack.callsTo('views.update');
    expect(json(update!.args.view)).toContain('You are not allowed to reject drafts');
    expect((await store.getDraft(draft.id))!.state).toBe('pending');
    expect(await refusals(draft.id)).toHaveLength(1);
  });

  it('Reject on a duplicate card (a post whose answer was lost): both cards show the rejection', async () => {
    const { draft, ts } = await draftWithCard();
    const card = channelCard(ts);
    const duplicate = slack.postAsBot(REVIEW_CHANNEL, { text: card.text!, blocks: card.blocks!, metadata: card.metadata! });
    await clickReject(draft.id, APPROVER, 'dup', { ts: duplicate.ts });
    await s.settle();
    const modal = openedModal();
    expect(JSON.parse(modal.private_metadata)).toEqual({ draftId: draft.id, orphan: { channel: REVIEW_CHANNEL, ts: duplicate.ts } });
    await submit(APPROVER, modal.private_metadata, 'Customer already solved it');
    await s.settle();
    expect((await store.getDraft(draft.id))!.state).toBe('rejected');
    for (const m of [channelCard(ts), duplicate]) {
      expect(hasButtons(m.blocks)).toBe(false);
      expect(json(m.blocks)).toContain(`Rejected by <@${APPROVER}>`);
    }
  });

  it.each([
    ['the right branch', 'rename', (d: DraftRow, next: DraftRow) => `Reading corrected: draft #${next.id} (rename) replaces #${d.id} and waits for approval.`],
    ['off-topic', 'off-topic', (d: DraftRow) => `Reading corrected: draft #${d.id} is closed without a reply.`],
  ])('a correction to %s from the ephemeral card says what became of the draft', async (_name, branch, expected) => {
    const { ticketId, draft } = await draftWithCard();
    expect(draft.branch).toBe('hybrid');
    await clickReject(draft.id, APPROVER, `fix-${branch}`, { ephemeral: true });
    await s.settle();
    await submit(APPROVER, openedModal().private_metadata, null, pick('fix_branch', branch));
    await s.settle();
    const latest = (await store.latestDraft(String(ticketId)))!;
    const [answer] = answersTo(`fix-${branch}`, draft.id);
    expect(answer.text).toBe(expected(draft, latest));
    if (branch === 'off-topic') {
      expect(latest.id).toBe(draft.id);
      expect(latest.state).toBe('rejected');
    } else {
      expect(latest).toMatchObject({ branch: 'rename', state: 'pending', correctedFrom: draft.id });
    }
    expect(zd.publicReplies(ticketId)).toHaveLength(0);
  });

  it('the ephemeral card\'s response_url expired (30 minutes) before the submit: the draft is rejected all the same', async () => {
    const { ticketId, draft, ts } = await draftWithCard();
    await clickReject(draft.id, APPROVER, 'expired', { ephemeral: true });
    await s.settle();
    const modal = openedModal();
    s.clock.advance(RESPONSE_URL_TTL_MS + 60_000); // the reviewer came back from lunch
    await submit(APPROVER, modal.private_metadata, 'Wrong product');
    await s.settle();
    expect(answersTo('expired', draft.id)).toEqual([]); // Slack refused the late answer
    expect((await store.getDraft(draft.id))!).toMatchObject({ state: 'rejected', reason: 'Wrong product', decidedBy: `slack:${APPROVER}` });
    await pollUntil('the rejected tag in Zendesk', () => zd.mustTicket(ticketId).tags.includes('m365_rejected'), { between: () => s.settle() });
    expect(json(channelCard(ts).blocks)).toContain(`Rejected by <@${APPROVER}>`);
  });
});
