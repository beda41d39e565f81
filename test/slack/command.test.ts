// /m365-guide through real HTTP: usage, the picker, plain-word arguments in English and German, the pre-filled
// picker for unclear words, picker changes (re-rendered through response_url), and a ticket's draft.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { renderReply } from '../../src/replies/index.js';
import type { Store } from '../../src/store/types.js';
import { describeEachStore } from '../store/helpers.js';
import { commentAdded, tagsChanged } from '../fakes/zendesk-events.js';
import { pollUntil } from '../helpers/poll.js';
import { APPROVER, buttonClick, draftedTicket, FakeSlack, FakeZendesk, LDAP_KEEP, waitFor, type SlackApp, useSlackWorld } from './helpers.js';

type Block = { type: string; text?: { text: string }; accessory?: any; elements?: any[]; fields?: any[]; block_id?: string };

const texts = (blocks: Block[]) =>
  blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)]).filter((t): t is string => typeof t === 'string');
const selects = (blocks: Block[]) =>
  Object.fromEntries(blocks.filter((b) => b.accessory?.type === 'static_select').map((b) => [b.accessory.action_id, b.accessory.initial_option?.value]));
const guideOf = (branch: 'hybrid' | 'rename' | 'full-guide' | 'rename-or-hybrid' | 'modern-direct', language: 'en' | 'de', product: 'server' | 'spe' | 'unknown' = 'unknown') =>
  renderReply({ branch, language, product }, 'mrkdwn');

describeEachStore('/m365-guide on $name', ({ open }) => {
  const world = useSlackWorld(open);
  let slack: FakeSlack;
  let zd: FakeZendesk;
  let store: Store;
  let s: SlackApp;
  beforeAll(() => void ({ slack, zd, store, s } = world));
  beforeEach(() => slack.reset());

  it('help: usage, ephemeral, in the acknowledgement itself', async () => {
    const res = await s.command('help');
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(res.json.text).toContain('/m365-guide 12345');
    expect(res.json.text).toContain('ldap keep de');
  });

  it('no argument: the picker with five selects and the matching (full) guide', async () => {
    const res = await s.command('');
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(selects(res.json.blocks)).toEqual({
      picker_directoryService: 'unknown',
      picker_usernamesChange: 'unknown',
      picker_choice: 'undecided',
      picker_product: 'unknown',
      picker_language: 'en',
    });
    const all = texts(res.json.blocks).join('\n');
    expect(all).toContain('`full-guide.en`');
    expect(all).toContain(guideOf('full-guide', 'en').text.slice(0, 200));
  });

  it.each([
    ['ldap keep de', { picker_directoryService: 'ldap', picker_choice: 'hybrid', picker_language: 'de' }, 'hybrid.de'],
    ['active directory rename', { picker_directoryService: 'active-directory', picker_choice: 'rename', picker_language: 'en' }, 'rename.en'],
    ['AD umbenennen spe deutsch', { picker_directoryService: 'active-directory', picker_choice: 'rename', picker_product: 'spe', picker_language: 'de' }, 'rename.de'],
    ['basic en', { picker_directoryService: 'm365-basic', picker_language: 'en' }, 'modern-direct.en'],
    ['Wir nutzen Active Directory und wollen die Benutzer umbenennen', { picker_directoryService: 'active-directory', picker_choice: 'rename' }, 'rename.'],
  ])('words %j → the guide %s, picker pre-filled', async (text, expected, template) => {
    const res = await s.command(text);
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(selects(res.json.blocks)).toMatchObject(expected);
    const all = texts(res.json.blocks).join('\n');
    expect(all).toContain(`\`${template}`);
    expect(all).toContain('understood:');
  });

  it('renders the same text as a Zendesk draft would get (same templates, mrkdwn)', async () => {
    const res = await s.command('ldap keep de spe');
    const all = texts(res.json.blocks).join('\n\n');
    const expected = renderReply(
      { branch: 'hybrid', language: 'de', product: 'spe', slots: { topic: 'm365-conversion', directoryService: 'ldap', usernamesChange: 'unknown', choice: 'hybrid', product: 'spe', language: 'de' } },
      'mrkdwn',
    ).text;
    expect(all).toContain(expected.slice(0, 400));
    expect(all).toContain(expected.slice(-200));
  });

  it('unclear words: the picker pre-filled with what was understood, and says what was missing', async () => {
    const res = await s.command('spe de');
    expect(selects(res.json.blocks)).toMatchObject({ picker_directoryService: 'unknown', picker_choice: 'undecided', picker_product: 'spe', picker_language: 'de' });
    const note = texts(res.json.blocks)[0]!;
    expect(note).toContain('could not tell the directory service type');
    expect(note).toContain('MailStore SPE');
    const conflicting = await s.command('ldap keep rename');
    expect(texts(conflicting.json.blocks)[0]).toContain('Contradicting words for: choice');
    // Nothing understood at all: the plain picker, and no "understood" list.
    const nothing = await s.command('hmm');
    expect(selects(nothing.json.blocks)).toMatchObject({ picker_directoryService: 'unknown', picker_choice: 'undecided' });
    const blank = texts(nothing.json.blocks)[0]!;
    expect(blank).toContain('I could not tell the directory service type or a rename/keep choice from `hmm`.');
    expect(blank).not.toContain('understood');
  });

  it('echoes the words safely (no mention from the argument)', async () => {
    const res = await s.command('<!channel> hello');
    expect(JSON.stringify(res.json)).not.toContain('<!channel>');
  });

  it('a picker change re-renders the guide in place through response_url', async () => {
    const first = await s.command('');
    const blocks: Block[] = first.json.blocks;
    const values: Record<string, Record<string, unknown>> = {};
    const choose: Record<string, string> = {
      picker_directoryService: 'active-directory',
      picker_usernamesChange: 'yes',
      picker_choice: 'undecided',
      picker_product: 'server',
      picker_language: 'de',
    };
    for (const b of blocks.filter((x) => x.accessory?.type === 'static_select')) {
      values[b.block_id!] = { [b.accessory.action_id]: { type: 'static_select', selected_option: { value: choose[b.accessory.action_id] } } };
    }
    const res = await s.interact({
      type: 'block_actions',
      user: { id: APPROVER, team_id: 'T0001' },
      team: { id: 'T0001', domain: 'x' },
      api_app_id: 'A0APP',
      trigger_id: 't',
      response_url: slack.responseUrl('picker'),
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0HELPDESK', is_ephemeral: true },
      state: { values },
      actions: [{ type: 'static_select', action_id: 'picker_directoryService', block_id: blocks[0]!.block_id, selected_option: { value: 'active-directory' }, action_ts: '1' }],
    });
    expect(res.status).toBe(200);
    const [msg] = await waitFor(() => (slack.responsesTo('picker').length ? slack.responsesTo('picker') : null));
    expect(msg.replace_original).toBe(true);
    expect(msg.response_type).toBe('ephemeral');
    expect(selects(msg.blocks)).toEqual(choose);
    expect(texts(msg.blocks).join('\n')).toContain('`rename-or-hybrid.de`');
    // New block ids, so Slack applies the new initial options instead of its cached selection.
    expect(msg.blocks.find((b: Block) => b.accessory)?.block_id).not.toBe(blocks.find((b) => b.accessory)?.block_id);
  });

  it('a picker change keeps every other choice shown, even when Slack reports only the changed select', async () => {
    const first = await s.command('ldap keep de');
    const shown = selects(first.json.blocks);
    expect(shown).toMatchObject({ picker_directoryService: 'ldap', picker_choice: 'hybrid', picker_language: 'de' });
    const product = (first.json.blocks as Block[]).find((b) => b.accessory?.action_id === 'picker_product')!;
    // Whether Slack includes an untouched select's initial option in `state` is not documented
    // (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload): here it does not.
    const changed = { type: 'static_select', selected_option: { value: 'spe' } };
    await s.interact({
      type: 'block_actions',
      user: { id: APPROVER, team_id: 'T0001' },
      team: { id: 'T0001', domain: 'x' },
      api_app_id: 'A0APP',
      response_url: slack.responseUrl('picker-partial'),
      container: { type: 'message', message_ts: '1.3', channel_id: 'C0HELPDESK', is_ephemeral: true },
      state: { values: { [product.block_id!]: { picker_product: changed } } },
      actions: [{ action_id: 'picker_product', block_id: product.block_id, ...changed, action_ts: '2' }],
    });
    const [msg] = await waitFor(() => (slack.responsesTo('picker-partial').length ? slack.responsesTo('picker-partial') : null));
    expect(selects(msg.blocks)).toEqual({ ...shown, picker_product: 'spe' });
    expect(texts(msg.blocks).join('\n')).toContain('`hybrid.de`');
  });

  it('a ticket number: acknowledged at once, then its pending draft with Approve / Reject via response_url', async () => {
    const { draft } = await draftedTicket(s, zd, { ...LDAP_KEEP, id: 5158 });
    for (const arg of ['5158', '#5158', `${zd.url}/agent/tickets/5158`]) {
      slack.reset();
      const res = await s.command(arg, { responseUrl: slack.responseUrl(`ticket-${arg}`) });
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
      await s.settle();
      const [msg] = slack.responsesTo(`ticket-${arg}`);
      expect(msg.response_type).toBe('ephemeral');
      const all = texts(msg.blocks).join('\n');
      expect(all).toContain(`*Draft #${draft.id}*`);
      expect(all).toContain(`<${zd.url}/agent/tickets/5158|ticket #5158>`);
      expect(all).toContain(`\`${draft.branch}\``);
      expect(all).toContain(`${Math.round(draft.confidence * 100)} %`);
      expect(all).toContain('*Evidence*');
      const actions = msg.blocks.find((b: Block) => b.type === 'actions');
      expect(actions.elements.map((e: any) => [e.action_id, e.value])).toEqual([
        ['draft_approve', String(draft.id)],
        ['draft_reject', String(draft.id)],
      ]);
    }
  });

  it('a ticket without a pending draft: says so and why', async () => {
    // Each state reached through Zendesk as agents and customers reach it: the webhook delivers, the worker decides.
    const agent = zd.addUser({ name: 'Tag Agent', email: 'tagger@mailstore.example', role: 'agent' });
    const until = (what: string, cond: () => Promise<boolean>) => pollUntil(what, cond, { between: () => s.settle() });
    const stateOf = async (ticket: string) => (await store.latestDraft(ticket))?.state;
    /** An agent adds `tag` in Zendesk; the worker acts on it (approve or reject tag). */
    const tagged = async (ticketId: number, tag: string) => {
      zd.setTags(ticketId, [...zd.mustTicket(ticketId).tags, tag], agent);
      expect((await s.deliver(tagsChanged(ticketId, agent.id))).status).toBe(200);
    };
    const cases: Array<[string, () => Promise<void>, string]> = [
      ['4000', async () => {}, 'no draft yet'],
      [
        '4001',
        async () => {
          const customer = zd.addUser({ name: 'Ola Offtopic', email: 'ola@customer.example', role: 'end-user' });
          const t = zd.addTicket({ id: 4001, subject: 'License renewal', body: 'Hello, please send us a quote for renewing our MailStore Server license for 50 users. Thanks, Ola', requester: customer });
          expect((await s.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id))).status).toBe(200);
          await until('the off-topic triage of ticket 4001', async () => (await store.listAudit({ ticketId: '4001' })).some((a) => a.action === 'ticket.off_topic'));
        },
        'off-topic',
      ],
      [
        '4002',
        async () => {
          await draftedTicket(s, zd, { ...LDAP_KEEP, id: 4002 });
          await tagged(4002, 'm365_approve');
          await until('the approval of ticket 4002', async () => ['approved', 'posted'].includes((await stateOf('4002')) ?? ''));
        },
        'already approved',
      ],
      [
        '4003',
        async () => {
          await draftedTicket(s, zd, { ...LDAP_KEEP, id: 4003 });
          await tagged(4003, 'm365_reject');
          await until('the rejection of ticket 4003', async () => (await stateOf('4003')) === 'rejected');
        },
        'was rejected',
      ],
      [
        '4004',
        async () => {
          // The customer's new statement reads off-topic: the pending draft no longer answers it, and none follows.
          const d = await draftedTicket(s, zd, { ...LDAP_KEEP, id: 4004 });
          zd.addComment(4004, d.customer, 'Please disregard, we are moving to MailStore Cloud instead.', true);
          expect((await s.deliver(commentAdded(4004, zd.mustTicket(4004).comments.at(-1)!.id, d.customer.id))).status).toBe(200);
          await until('the draft of ticket 4004 to be superseded', async () => (await stateOf('4004')) === 'superseded');
        },
        'superseded',
      ],
    ];
    for (const [ticket, setup, why] of cases) {
      await setup();
      await s.command(ticket, { responseUrl: slack.responseUrl(`none-${ticket}`) });
      await s.settle();
      const [msg] = slack.responsesTo(`none-${ticket}`);
      const first = texts(msg.blocks)[0]!;
      expect(first, ticket).toContain(`No pending draft for <${zd.url}/agent/tickets/${ticket}|ticket #${ticket}>`);
      expect(first, ticket).toContain(why);
      expect(msg.blocks.some((b: Block) => b.type === 'actions'), ticket).toBe(false);
    }
  });

  it('while the approved reply waits for Zendesk, and after the customer overtook an approval: the command says where things stand', async () => {
    zd.addUser({ name: 'Sam Agent', email: 'sam@mailstore.example', role: 'agent' });
    slack.addUser({ id: APPROVER, name: 'sam', email: 'sam@mailstore.example' });
    const ask = async (ticket: number, name: string) => {
      await s.command(String(ticket), { responseUrl: slack.responseUrl(name) });
      await s.app.slack!.idle();
      return texts(slack.responsesTo(name)[0].blocks).join('\n');
    };
    const approveInSlack = async (draftId: number, name: string) => {
      const { ts } = JSON.parse((await store.getMeta(`slack.card:${draftId}`))!) as { ts: string };
      await s.interact(buttonClick({ actionId: 'draft_approve', value: String(draftId), userId: APPROVER, responseUrl: slack.responseUrl(name), ts }));
      await s.app.slack!.idle();
    };
    /** Runs only the outbox (not the worker), until `done`. */
    const outboxUntil = (what: string, done: () => Promise<boolean>) => pollUntil(what, done, { between: () => s.app.m365.pollers.outbox!.runOnce() });

    // Zendesk refuses the public reply for now (HTTP 503): the approval stands, the reply is queued.
    s.clock.advance(60_000);
    const queued = await draftedTicket(s, zd, LDAP_KEEP, { card: true });
    zd.failNext({ status: 503 }, { method: 'PUT', path: new RegExp(`/tickets/${queued.ticket.id}$`) });
    await approveInSlack(queued.draft.id, 'approve-queued');
    await outboxUntil('the refused public reply', async () => zd.requests.some((r) => r.method === 'PUT' && r.body?.ticket?.comment?.public === true));
    expect((await store.getDraft(queued.draft.id))!.state).toBe('approved');
    const waiting = await ask(queued.ticket.id, 'ask-queued');
    expect(waiting).toContain(`draft #${queued.draft.id} is already approved, nothing more to do.`);
    expect(waiting).toContain(`Approved by <@${APPROVER}>`);
    expect(waiting).toContain('The public reply is queued (posted exactly once).');

    // The customer wrote again before the approved reply went out (its webhook is late): nothing is posted, and
    // until the worker drafts the new statement the command says a new draft follows.
    s.clock.advance(60_000);
    const overtaken = await draftedTicket(s, zd, LDAP_KEEP, { card: true });
    zd.addComment(overtaken.ticket.id, overtaken.customer, 'Change of plans: we rename the users to their e-mail addresses after all.', true);
    await approveInSlack(overtaken.draft.id, 'approve-overtaken');
    await outboxUntil('the overtaken approval', async () => (await store.getDraft(overtaken.draft.id))!.state === 'superseded');
    const between = await ask(overtaken.ticket.id, 'ask-overtaken');
    expect(between).toContain(`draft #${overtaken.draft.id} was superseded and no newer draft exists.`);
    expect(between).toContain(`Approved by <@${APPROVER}>`);
    expect(between).toContain('but *not sent*: the customer wrote again before the reply went out; a new draft for their newer message follows.');
    expect(zd.publicReplies(overtaken.ticket.id)).toEqual([]);
    await s.settle(); // the worker drafts the newer statement
    const next = (await store.latestDraft(String(overtaken.ticket.id)))!;
    expect(next).toMatchObject({ state: 'pending', branch: 'rename' });
    const after = await ask(overtaken.ticket.id, 'ask-after');
    expect(after).toContain(`*Draft #${next.id}*`);
  });
});
