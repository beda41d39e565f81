// The draft card on the review page in every state a draft reaches through the real doors: approved and posting,
// posted (as drafted or edited), rejected (on the page, by the Zendesk tag, or because Zendesk cannot post the reply
// in the approver's name), superseded (a follow-up, a corrected reading, an approval or an auto-send the customer
// overtook), auto-sent, and approved or auto-sent but never posted (Zendesk failed every attempt; then an admin's
// retry). Each draft is made by the real worker from a signed webhook event; each test asserts what an agent sees on
// the card: its state sentence and which buttons it still offers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRow } from '../../src/store/types.js';
import { tagsChanged } from '../fakes/zendesk-events.js';
import { deliverWebhook } from '../helpers/harness.js';
import { quiesce } from '../helpers/poll.js';
import { ANNA_ZENDESK_ID, Client, draftFromWebhook, PASSWORDS, startReviewApp, type ReviewApp } from './helpers.js';
import { speRenames, TICKETS } from './tickets.js';

type View = 'pending' | 'superseded' | 'decided';
interface Card {
  /** data-state of the card. */
  state: string;
  /** The card's state sentence as text, or null when it has none (a pending draft). */
  line: string | null;
  /** The buttons the card offers (data-action), in page order. */
  buttons: string[];
  html: string;
}

const PENDING_BUTTONS = ['approve', 'reject', 'correct'];
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const text = (h: string) => decode(h.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();

/** The card of draft `id` on a queue page, or null when the page does not list it. */
function cardIn(page: string, id: number): Card | null {
  const m = new RegExp(`<article class="draft[^"]*" id="draft-${id}"[^>]*data-state="([a-z]+)"[\\s\\S]*?</article>`).exec(page);
  if (!m) return null;
  const html = m[0];
  const line = /<p class="state[^"]*">([\s\S]*?)<\/p>/.exec(html);
  return { state: m[1]!, line: line ? text(line[1]!) : null, buttons: [...html.matchAll(/<button[^>]*data-action="([a-z]+)"/g)].map((b) => b[1]!), html };
}

describe('the draft card on the review page, in each state', () => {
  let r: ReviewApp;
  let anna: Client;

  beforeAll(async () => {
    r = await startReviewApp({ autoSend: true });
    anna = new Client(r.app);
    await anna.login('anna', PASSWORDS.anna);
  }, 120_000);
  afterAll(async () => r?.close());

  const page = async (view: View) => {
    const res = await anna.get(view === 'pending' ? '/queue' : `/queue?view=${view}`);
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  /** The card as the agent sees it in `view`; fails when that view does not list the draft. */
  const card = async (d: DraftRow, view: View): Promise<Card> => {
    const c = cardIn(await page(view), d.id);
    if (!c) throw new Error(`draft #${d.id} is not in the ${view} view`);
    return c;
  };
  const approve = async (d: DraftRow, editedText?: string) => {
    await anna.get('/queue');
    const res = await anna.post(`/queue/drafts/${d.id}/approve`, { _csrf: anna.csrf(), ...(editedText !== undefined ? { editedText } : {}) });
    expect(res.statusCode).toBe(303);
    return res.headers.location as string;
  };
  const newestDraft = async (d: DraftRow) => (await r.store.latestDraft(d.ticketId))!;

  it('approved: "Approved, posting" and no buttons until Zendesk has the reply, then "Posted"', async () => {
    const d = await draftFromWebhook(r, TICKETS.keepAd);
    expect(await card(d, 'pending')).toMatchObject({ state: 'pending', line: null, buttons: PENDING_BUTTONS });

    await approve(d);
    expect(cardIn(await page('pending'), d.id)).toBeNull();
    expect(await card(d, 'decided')).toMatchObject({ state: 'approved', line: 'Approved, posting · approved by review:anna via review', buttons: [] });

    await r.app.m365.drain();
    expect(r.zd.publicReplies(Number(d.ticketId))).toHaveLength(1);
    expect(await card(d, 'decided')).toMatchObject({ state: 'posted', line: 'Posted · approved by review:anna via review', buttons: [] });
  });

  it('approved with edits: "edited", and the card shows the reply as it was sent', async () => {
    const d = await draftFromWebhook(r, TICKETS.basicAuth);
    const edited = `${d.text}\n\nPS: Anna will call you tomorrow.`;
    await approve(d, edited);
    await r.app.m365.drain();
    const c = await card(d, 'decided');
    expect(c).toMatchObject({ state: 'posted', line: 'Posted · approved by review:anna via review · edited', buttons: [] });
    expect(c.html).toContain('<h3>Reply as edited');
    expect(text(/<pre class="reply edited"[^>]*>([\s\S]*?)<\/pre>/.exec(c.html)![1]!)).toContain('PS: Anna will call you tomorrow.');
  });

  it('rejected on the page and by the Zendesk tag: who rejected it and why, no buttons', async () => {
    const onPage = await draftFromWebhook(r, TICKETS.ldap);
    const byTag = await draftFromWebhook(r, TICKETS.unknownDs);

    await anna.get('/queue');
    expect((await anna.post(`/queue/drafts/${onPage.id}/reject`, { _csrf: anna.csrf(), reason: 'Needs a personal answer' })).statusCode).toBe(303);
    // Anna adds the reject tag in Zendesk; Zendesk sends the tags_changed event.
    const ticket = Number(byTag.ticketId);
    r.zd.setTags(ticket, [...r.zd.mustTicket(ticket).tags, 'm365_reject'], r.anna);
    expect((await deliverWebhook(r.url, tagsChanged(ticket, r.anna.id))).status).toBe(200);
    await quiesce(r.app);

    const a = await card(onPage, 'decided');
    expect(a).toMatchObject({ state: 'rejected', line: 'Rejected by review:anna: Needs a personal answer', buttons: [] });
    expect(a.html).toContain('<q>Needs a personal answer</q>');
    expect(await card(byTag, 'decided')).toMatchObject({ state: 'rejected', line: `Rejected by zendesk:${ANNA_ZENDESK_ID}: rejected in Zendesk with the reject tag`, buttons: [] });
  });

  it('Zendesk cannot post the approved reply in the approver’s name: rejected, saying why; nothing public', async () => {
    const d = await draftFromWebhook(r, TICKETS.hostile);
    await approve(d);
    // Before the reply goes out, an admin makes Anna a light agent in Zendesk (role_type 1, "light agent";
    // https://developer.zendesk.com/api-reference/ticketing/users/users/): Zendesk would keep her comment private.
    r.anna.role_type = 1;
    try {
      await r.app.m365.drain();
    } finally {
      r.anna.role_type = null;
    }
    expect(r.zd.publicReplies(Number(d.ticketId))).toEqual([]);
    expect(await card(d, 'decided')).toMatchObject({
      state: 'rejected',
      line: `Rejected by review:anna: cannot be posted as Zendesk user ${ANNA_ZENDESK_ID}: Zendesk user ${ANNA_ZENDESK_ID} is a light agent; light agents can only make private comments, so Zendesk would not publish the reply.`,
      buttons: [],
    });
  });

  it('superseded by the customer’s follow-up: links the newer draft and cannot be approved', async () => {
    const old = await draftFromWebhook(r, TICKETS.spe);
    const newer = await draftFromWebhook(r, speRenames, { ticketId: Number(old.ticketId) });
    const c = await card(old, 'superseded');
    expect(c).toMatchObject({ state: 'superseded', line: `Superseded by draft #${newer.id}: a newer customer message arrived. It cannot be approved.`, buttons: [] });
    expect(c.html).toContain(`<a href="/queue#draft-${newer.id}">#${newer.id}</a>`);
    expect(cardIn(await page('pending'), old.id)).toBeNull();
    expect(await card(newer, 'pending')).toMatchObject({ line: null, buttons: PENDING_BUTTONS });
  });

  it('"Wrong reading?" on the page: the old card says who corrected it and links the re-draft, which says why it is there', async () => {
    const d = await draftFromWebhook(r, TICKETS.ldap);
    expect(d.branch).toBe('rename-or-hybrid');
    await anna.get('/queue');
    // The form's five selects, with the customer's choice corrected to keeping the directory.
    const { directoryService, usernamesChange, product, language } = d.slots;
    const res = await anna.post(`/queue/drafts/${d.id}/correct`, { _csrf: anna.csrf(), directoryService, usernamesChange, choice: 'hybrid', product, language, typedText: '' });
    expect(res.statusCode).toBe(303);
    const redraft = await newestDraft(d);
    expect(redraft).toMatchObject({ branch: 'hybrid', state: 'pending' });

    const old = await card(d, 'superseded');
    expect(old).toMatchObject({ state: 'superseded', line: `Reading corrected by review:anna via review: replaced by draft #${redraft.id}. It cannot be approved.`, buttons: [] });
    expect(old.html).toContain(`<a href="/queue#draft-${redraft.id}">#${redraft.id}</a>`);
    expect(await card(redraft, 'pending')).toMatchObject({ line: `Reading corrected by an agent (draft #${d.id} read it differently): ready to approve.`, buttons: PENDING_BUTTONS });
  });

  it('an approval the customer overtook: "not sent", first that a draft follows, then a link to it', async () => {
    const d = await draftFromWebhook(r, TICKETS.keepAd);
    // The customer changes their mind; the webhook for it is late (not delivered).
    r.zd.addComment(Number(d.ticketId), r.customer, 'Planänderung: wir benennen die Benutzer doch um und stellen komplett auf Microsoft 365 um.', true);
    const landed = await approve(d);
    // The outbox tries to send the reply, finds the newer message and sends nothing; the worker has not run yet.
    await r.app.m365.pollers.outbox!.runOnce();
    const before = 'Approved by review:anna via review, but not sent: the customer wrote again before the reply went out';
    expect(await card(d, 'superseded')).toMatchObject({ state: 'superseded', line: `${before}; a draft for their newer message follows. It cannot be approved.`, buttons: [] });
    // The page the approver landed on, reloaded, tells them the same.
    expect(text((await anna.get(landed)).body)).toContain(`Draft #${d.id} was approved but not sent: the customer wrote again before the reply went out. A draft for their newer message follows.`);

    await r.app.m365.drain();
    const next = await newestDraft(d);
    expect(next.id).not.toBe(d.id);
    const c = await card(d, 'superseded');
    expect(c).toMatchObject({ line: `${before}; their newer message is in draft #${next.id}. It cannot be approved.`, buttons: [] });
    expect(c.html).toContain(`<a href="/queue#draft-${next.id}">#${next.id}</a>`);
    expect(r.zd.publicReplies(Number(d.ticketId))).toEqual([]);
  });

  it('auto-sent: "Sent automatically" with only "Wrong reading?" while the reply is queued, then "Posted"', async () => {
    const d = await draftFromWebhook(r, TICKETS.basicAuth, { state: 'auto', outbox: false });
    expect(await card(d, 'decided')).toMatchObject({ state: 'auto', line: 'Sent automatically', buttons: ['correct'] });
    expect(cardIn(await page('pending'), d.id)).toBeNull();

    await r.app.m365.drain();
    expect(r.zd.publicReplies(Number(d.ticketId))).toHaveLength(1);
    expect(await card(d, 'decided')).toMatchObject({ state: 'posted', line: 'Posted · approved by auto-send', buttons: ['correct'] });
  });

  it('correcting an auto-sent reply on its card turns auto-send off; Analytics says which reply and who', async () => {
    const d = await draftFromWebhook(r, TICKETS.unknownDs, { state: 'auto' });
    expect(d.branch).toBe('full-guide');
    await anna.get('/queue?view=decided');
    const res = await anna.post(`/queue/drafts/${d.id}/correct`, { _csrf: anna.csrf(), view: 'decided', directoryService: 'active-directory', usernamesChange: 'no', choice: d.slots.choice, product: d.slots.product, language: d.slots.language, typedText: '' });
    expect(res.statusCode).toBe(303);
    const state = await (await fetch(`${r.url}/admin/auto-send`, { headers: { authorization: `Bearer ${r.adminToken}` } })).json();
    expect(state).toMatchObject({ enabled: false, killed: true, breaker: { draftId: d.id, actor: 'review:anna', door: 'review', from: 'full-guide' } });
    const analytics = text((await anna.get('/analytics')).body);
    // Active Directory with names that do not change is modern-direct (README, "The decision", row 6).
    expect(analytics).toContain(`Auto-send is off. The reply sent automatically on ticket #${d.ticketId} (draft #${d.id}) was corrected from full-guide to modern-direct by review:anna via review`);
  });

  it('an auto-send the customer overtook: "Due to be sent automatically, but not sent", with a link to the newer draft', async () => {
    const d = await draftFromWebhook(r, TICKETS.keepAd, { state: 'auto', outbox: false });
    r.zd.addComment(Number(d.ticketId), r.customer, 'Planänderung: wir benennen die Benutzer doch um und stellen komplett auf Microsoft 365 um.', true);
    await r.app.m365.drain();
    const next = await newestDraft(d);
    expect(next.id).not.toBe(d.id);
    expect(r.zd.publicReplies(Number(d.ticketId))).toEqual([]);
    expect(await card(d, 'superseded')).toMatchObject({
      state: 'superseded',
      line: `Due to be sent automatically, but not sent: the customer wrote again before the reply went out; their newer message is in draft #${next.id}. It cannot be approved.`,
      buttons: [],
    });
  });

  it('after a restart without the Zendesk settings, the card names its ticket without a link into Zendesk', async () => {
    const d = await draftFromWebhook(r, TICKETS.ldap);
    expect((await card(d, 'pending')).html).toContain(`<a class="ticket-link" href="${r.zd.url}/agent/tickets/${d.ticketId}"`);
    // A second app on the same store, started without ZENDESK_* (as after a restart with the settings removed).
    const bare = await startReviewApp({ store: r.store, zendesk: false });
    try {
      const ben = new Client(bare.app);
      await ben.login('ben', PASSWORDS.ben);
      const c = cardIn((await ben.get('/queue')).body, d.id)!;
      expect(text(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(c.html)![1]!)).toBe(`Draft #${d.id} · ticket ${d.ticketId} · rename-or-hybrid · EN`);
      expect(c.html).not.toContain('ticket-link');
    } finally {
      await bare.close();
    }
  });
});

// A public reply Zendesk never took (docs/operations.md, "Dead letters"): the outbox tries OUTBOX_MAX_ATTEMPTS times,
// then gives up. The draft stays approved, so without a look at its outbox row the card said "posting" forever.
describe('a reply Zendesk never took: the card says it was not posted, until an admin sends it again', () => {
  const MAX_ATTEMPTS = 2;
  let r: ReviewApp;
  let anna: Client;

  beforeAll(async () => {
    r = await startReviewApp({ autoSend: true, env: { OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS) } });
    anna = new Client(r.app);
    await anna.login('anna', PASSWORDS.anna);
  }, 120_000);
  afterAll(async () => r?.close());

  const admin = async (path: string, method = 'GET') => {
    const res = await fetch(`${r.url}${path}`, { method, headers: { authorization: `Bearer ${r.adminToken}` } });
    return { status: res.status, json: (await res.json()) as any };
  };
  const decided = async (d: DraftRow): Promise<Card> => {
    const res = await anna.get('/queue?view=decided');
    expect(res.statusCode).toBe(200);
    const c = cardIn(res.body, d.id);
    if (!c) throw new Error(`draft #${d.id} is not in the decided view`);
    return c;
  };
  /**
   * The next `times` writes to the ticket fail with a 500 in Zendesk's error shape, {"error", "description"}
   * (https://developer.zendesk.com/api-reference/introduction/requests/), its description long and with markup.
   */
  const zendeskFailsWrites = (d: DraftRow, times: number) =>
    r.zd.failNext(
      { status: 500, body: JSON.stringify({ error: 'InternalServerError', description: `<b>Something went wrong</b> & we're looking into it. ${'Please try again later. '.repeat(10)}` }) },
      { method: 'PUT', path: new RegExp(`^/api/v2/tickets/${d.ticketId}$`), times },
    );
  /** The dead letter of the draft's public reply, as GET /admin/outbox lists it to an admin. */
  const deadReply = async (d: DraftRow) => {
    const listed = await admin('/admin/outbox?state=dead');
    expect(listed.status).toBe(200);
    return (listed.json.rows as Array<{ id: number; kind: string; draftId: number; attempts: number; lastError: string }>).find((x) => x.draftId === d.id && x.kind === 'zendesk.public_reply');
  };
  const reason = (c: Card) => text(/<q>([\s\S]*?)<\/q>/.exec(c.html)![1]!);
  const gaveUpAt = (c: Card) => new Date(/<p class="state failed">[\s\S]*?<time datetime="([^"]+)"/.exec(c.html)![1]!);

  it('approved on the page, Zendesk fails every attempt: "not posted", why, when, what to do, no Approve; after a retry, "Posted" once', async () => {
    const d = await draftFromWebhook(r, TICKETS.keepAd);
    const ticket = Number(d.ticketId);
    zendeskFailsWrites(d, MAX_ATTEMPTS);
    await anna.get('/queue');
    expect((await anna.post(`/queue/drafts/${d.id}/approve`, { _csrf: anna.csrf() })).statusCode).toBe(303);
    const before = new Date();
    await quiesce(r.app);
    const after = new Date();
    expect(r.zd.publicReplies(ticket)).toEqual([]);

    const dead = await deadReply(d);
    expect(dead).toMatchObject({ attempts: MAX_ATTEMPTS });
    const c = await decided(d);
    expect(c).toMatchObject({ state: 'approved', buttons: [] });
    expect(c.line).toMatch(new RegExp(`^Approved by review:anna via review, but not posted: Zendesk refused or failed all ${MAX_ATTEMPTS} attempts, and the service gave up .+ ago\\. Last error: .+\\. The customer has not received this reply\\.$`));
    expect(c.line).not.toContain('posting');
    // Why: the error the admin API lists for that row, shortened to 200 characters, Zendesk's markup shown as text.
    expect(dead!.lastError.length).toBeGreaterThan(200);
    expect(reason(c)).toHaveLength(200);
    expect(reason(c).endsWith('…')).toBe(true);
    expect(dead!.lastError.startsWith(reason(c).slice(0, -1))).toBe(true);
    expect(reason(c)).toMatch(/^Zendesk answered 500 to PUT tickets\.update: <b>Something went wrong<\/b> & we're looking into it\./);
    expect(c.html).toContain('&lt;b&gt;Something went wrong&lt;/b&gt; &amp;');
    expect(c.html).not.toContain('<b>Something');
    // When: after the approval, by the time the outbox had run dry.
    expect(gaveUpAt(c).getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(gaveUpAt(c).getTime()).toBeLessThanOrEqual(after.getTime());
    // What to do: the admin endpoints that send it again, or an answer by hand.
    const help = text(/<p class="state-help">([\s\S]*?)<\/p>/.exec(c.html)![1]!);
    expect(help).toContain(`POST /admin/outbox/${dead!.id}/retry`);
    expect(help).toContain('POST /admin/outbox/retry-dead');
    expect(help).toContain('answer the customer by hand in Zendesk');
    expect(cardIn((await anna.get('/queue')).body, d.id)).toBeNull();

    // Zendesk works again; the admin sends every dead letter again.
    expect(await admin('/admin/outbox/retry-dead', 'POST')).toEqual({ status: 200, json: { revived: [dead!.id] } });
    await quiesce(r.app);
    expect(r.zd.publicReplies(ticket)).toHaveLength(1);
    expect(r.zd.stored(ticket).filter((x) => x.public && x.author_id === r.anna.id)).toHaveLength(1);
    const posted = await decided(d);
    expect(posted).toMatchObject({ state: 'posted', line: 'Posted · approved by review:anna via review', buttons: [] });
    expect(posted.html).not.toContain('state-help');
  });

  it('an auto-sent reply Zendesk never took: "Due to be sent automatically, but not posted" instead of "Sent automatically"', async () => {
    const d = await draftFromWebhook(r, TICKETS.basicAuth, { state: 'auto', outbox: false });
    const ticket = Number(d.ticketId);
    // Both writes the worker queued (the private note, then the reply) fail every attempt.
    zendeskFailsWrites(d, 2 * MAX_ATTEMPTS);
    await quiesce(r.app);
    expect(r.zd.publicReplies(ticket)).toEqual([]);
    const dead = await deadReply(d);
    expect(dead).toMatchObject({ attempts: MAX_ATTEMPTS });
    const c = await decided(d);
    expect(c).toMatchObject({ state: 'auto', buttons: ['correct'] });
    expect(c.line).toMatch(new RegExp(`^Due to be sent automatically, but not posted: Zendesk refused or failed all ${MAX_ATTEMPTS} attempts, and the service gave up .+ ago\\. Last error: Zendesk answered 500 to PUT tickets\\.update: .+\\. The customer has not received this reply\\.$`));

    expect((await admin(`/admin/outbox/${dead!.id}/retry`, 'POST')).status).toBe(200);
    await quiesce(r.app);
    expect(r.zd.publicReplies(ticket)).toHaveLength(1);
    expect(await decided(d)).toMatchObject({ state: 'posted', line: 'Posted · approved by auto-send', buttons: ['correct'] });
  });
});
