// The Zendesk sidebar app in real headless Chromium. A host page served by the fake Zendesk stands in for the agent
// interface: it posts a JWT signed with a test key pair into the app's iframe (another site: localhost vs 127.0.0.1)
// and answers the ZAF SDK's calls. The tickets are made by the worker from loopback Zendesk webhook events, and what
// the app decides arrives at the fake Zendesk's API through the outbox, exactly as from the other doors.
import { replyHtml } from '../../src/zendesk/draft-note.js';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/review/examples.js';
import type { FakeUser } from '../fakes/zendesk.js';
import { commentAdded, startHarness, type Harness } from '../helpers/harness.js';
import { launch, openPage, screenshotPath, TIMEOUT } from '../review/browser.js';
import { openTestStore } from '../review/helpers.js';
import { TICKETS } from '../review/tickets.js';
import { hostPage, testKeys, zendeskJwt } from './zaf-host.js';

// The bits of the DOM the page callbacks touch (tsconfig has no DOM lib); they run in the browser.
declare const window: unknown;
declare const document: { documentElement: { lang: string; scrollWidth: number; clientWidth: number }; getElementById(id: string): { textContent: string | null } | null };

const INSTALLATION = '360000111222';
const SECRET = 'zendesk-app-session-secret-for-tests-0123456789';

describe('Zendesk sidebar app in a browser', () => {
  const keys = testKeys();
  let h: Harness;
  let browser: Browser;
  let agent: FakeUser;
  let customer: FakeUser;
  let appUrl: string;
  const pages: Page[] = [];

  /** A ticket made the way Zendesk makes it, turned into a draft by the worker from the webhook event. */
  async function ticketWithDraft(thread: { subject: string; body: string }) {
    const t = h.zd.addTicket({ subject: thread.subject, body: thread.body, requester: customer });
    await h.deliver(commentAdded(t.id, t.comments[0]!.id, customer.id));
    await h.settle(async () => h.zd.privateNotes(t.id).length === 1);
    const draft = (await h.store.latestDraft(String(t.id)))!;
    return { ticket: t, draft };
  }

  async function openSidebar(ticketId: number, o: { locale?: string; token?: string; path?: string } = {}): Promise<{ page: Page; frame: Frame; problems: string[] }> {
    const { page, problems } = await openPage(browser);
    pages.push(page);
    const token = o.token ?? zendeskJwt({ key: keys.privateKey, zendeskUrl: h.zd.url, installationId: INSTALLATION, agentId: agent.id });
    const path = o.path ?? `/agent/tickets/${ticketId}`;
    h.zd.pages.set(path, hostPage({ ticketId, locale: o.locale ?? 'en-US', appUrl, token }));
    await page.goto(`${h.zd.url}${path}`);
    const frame = await (await page.waitForSelector('iframe#app')).contentFrame();
    if (!frame) throw new Error('no app frame');
    await frame.waitForLoadState();
    return { page, frame, problems };
  }

  const zafCalls = (page: Page) => page.evaluate(() => (window as unknown as { zaf: { sets: unknown[]; invokes: unknown[]; subscriptions: string[] } }).zaf);

  beforeAll(async () => {
    const store = await openTestStore();
    const { publicPem } = keys;
    h = await startHarness({
      store,
      env: { ZENDESK_APP_PUBLIC_KEY: publicPem, ZENDESK_APP_INSTALLATION_ID: INSTALLATION, ZENDESK_APP_SESSION_SECRET: SECRET, ZENDESK_TIMEOUT_MS: '2000' },
    });
    agent = h.zd.addUser({ name: 'Anna Agent', email: 'anna@example.com', role: 'agent' });
    customer = h.zd.addUser({ name: 'Jana Kraus', email: 'jana@example.com', role: 'end-user' });
    appUrl = h.url.replace('127.0.0.1', 'localhost');
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    const store = h?.store;
    await h?.close();
    await store?.close();
  });

  it('shows the branch in words, confidence and auto-send band, the customer’s words per slot and the draft; fits 320 px', async () => {
    const { ticket, draft } = await ticketWithDraft(TICKETS.ldap);
    const { page, frame, problems } = await openSidebar(ticket.id);
    await frame.waitForSelector(`section.draft[data-draft-id="${draft.id}"]`, { timeout: TIMEOUT });
    const text = (await frame.locator('section.draft').textContent()) ?? '';
    expect(text).toContain(`Ticket #${ticket.id}`);
    expect(await frame.locator('.branch').textContent()).toBe(draft.branch);
    expect(text).toContain('Usernames would change: explain both options and ask which');
    expect(text).toContain(`${Math.round(draft.confidence * 100)} %`);
    expect(await frame.locator('dd.no, dd.yes').textContent()).toMatch(/auto-send band/);
    // Every piece of evidence the classifier found is quoted, in the customer's own words.
    const quotes = await frame.locator('q.evidence').allTextContents();
    expect(quotes.length).toBeGreaterThan(0);
    for (const e of draft.evidence.filter((x) => x.slot !== 'topic')) expect(quotes).toContain(e.text);
    expect(await frame.locator('.reply').getAttribute('lang')).toBe('en');
    expect(((await frame.locator('.reply').textContent()) ?? '').replace(/\s+/g, ' ')).toContain('Jana');
    // No sideways scrolling in the 320 px tray.
    const widths = await frame.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.client).toBeLessThanOrEqual(320);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // The app listens for the customer writing again.
    expect((await zafCalls(page)).subscriptions).toEqual(expect.arrayContaining(['ticket.updated', 'ticket.conversation.changed']));
    expect(problems).toEqual([]);
    await page.locator('#tray').screenshot({ path: screenshotPath('sidebar-en.png') });
  }, 120_000);

  it('Wrong reading? re-drafts at once through correctDraft, audited as the agent', async () => {
    const { ticket, draft } = await ticketWithDraft(TICKETS.ldap);
    const { frame, problems } = await openSidebar(ticket.id);
    await frame.waitForSelector(`section.draft[data-draft-id="${draft.id}"]`);
    await frame.locator('details.correct summary').click();
    await frame.selectOption(`#fix-${draft.id}-choice`, 'hybrid');
    await frame.locator('form[data-form="correct"] button[type=submit]').click();
    await frame.waitForSelector('.notice.ok');
    const next = (await h.store.latestDraft(String(ticket.id)))!;
    expect(next.id).not.toBe(draft.id);
    expect(next).toMatchObject({ state: 'pending', branch: 'hybrid', correctedFrom: draft.id });
    await frame.waitForSelector(`section.draft[data-draft-id="${next.id}"]`);
    expect(await frame.locator('.branch').textContent()).toBe('hybrid');
    expect(await frame.locator('.notice.ok').textContent()).toContain('Reading corrected');
    expect(await h.store.getDraft(draft.id)).toMatchObject({ state: 'superseded', decidedBy: `zendesk-app:${agent.id}` });
    const audit = await h.store.listAudit({ draftId: draft.id });
    expect(audit.filter((a) => a.action === 'draft.corrected').map((a) => a.actor)).toEqual([`zendesk-app:${agent.id}`]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('Approve and send posts the public reply once, in the agent’s name; a second approval changes nothing', async () => {
    const { ticket, draft } = await ticketWithDraft(TICKETS.basicAuth);
    const { frame, problems } = await openSidebar(ticket.id);
    await frame.waitForSelector(`section.draft[data-draft-id="${draft.id}"]`);
    await frame.locator('button[data-action="approve"]').click();
    await frame.waitForSelector('.notice.ok');
    await h.settle(() => h.zd.publicReplies(ticket.id).length === 1);
    expect(h.zd.publicReplies(ticket.id)[0]!.comment).toMatchObject({ html_body: replyHtml(draft.text), public: true, author_id: agent.id });
    expect(await frame.locator('button[data-action="approve"]').count()).toBe(0);
    // The same request again (a double click, a stale second tab) through the app's own API and session.
    const again = await frame.evaluate(async ({ id, ticketId }) => {
      const token = JSON.parse(document.getElementById('m365-session')!.textContent!).token;
      const res = await fetch(`/zendesk-app/api/drafts/${id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ticketId }) });
      return { status: res.status, body: (await res.json()) as { code: string } };
    }, { id: draft.id, ticketId: String(ticket.id) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('draft_not_pending');
    await h.app.m365.drain();
    expect(h.zd.publicReplies(ticket.id)).toHaveLength(1);
    const approvals = (await h.store.listAudit({ draftId: draft.id })).filter((a) => a.action === 'draft.approved');
    expect(approvals.map((a) => a.actor)).toEqual([`zendesk-app:${agent.id}`]);
    expect(problems).toEqual([`409 ${appUrl}/zendesk-app/api/drafts/${draft.id}/approve`]); // the refused repeat, nothing else
  }, 120_000);

  it('Insert into reply fills the composer as a public reply; the agent sending it is recorded as their approval, posted once', async () => {
    const { ticket, draft } = await ticketWithDraft(TICKETS.ldap);
    const { page, frame, problems } = await openSidebar(ticket.id);
    await frame.waitForSelector(`section.draft[data-draft-id="${draft.id}"]`);
    await frame.locator('button[data-action="insert"]').click();
    await frame.waitForSelector('.notice.ok');
    const calls = await zafCalls(page);
    expect(calls.sets).toEqual([{ 'ticket.comment.type': 'publicReply' }]);
    const inserted = (calls.invokes as Array<Record<string, string[]>>).find((i) => i['ticket.comment.appendMarkdown']);
    expect(inserted?.['ticket.comment.appendMarkdown']?.[0]).toBe(draft.text);
    expect(await h.store.getDraft(draft.id)).toMatchObject({ state: 'pending' });
    // The agent adds a greeting line and submits the reply in Zendesk; Zendesk sends the comment event.
    const sent = h.zd.addComment(ticket.id, agent, `${draft.text}\n\nBest regards, Anna`, true);
    await h.deliver(commentAdded(ticket.id, sent.id, agent.id));
    await h.settle(async () => (await h.store.getDraft(draft.id))?.state === 'posted');
    expect(await h.store.getDraft(draft.id)).toMatchObject({ state: 'posted', decidedBy: `zendesk-app:${agent.id}` });
    expect(h.zd.publicReplies(ticket.id)).toHaveLength(0); // the service posted nothing: the agent's reply is the reply
    expect(h.zd.mustTicket(ticket.id).comments.filter((c) => c.public)).toHaveLength(2);
    expect(problems).toEqual([]);
  }, 120_000);

  it('when the customer writes again, the open sidebar says its draft is out of date and offers the new one', async () => {
    const { ticket, draft } = await ticketWithDraft(TICKETS.spe);
    const { page, frame, problems } = await openSidebar(ticket.id);
    await frame.waitForSelector(`section.draft[data-draft-id="${draft.id}"]`);
    const c = h.zd.addComment(ticket.id, customer, 'We will rename the users after all.', true);
    await h.deliver(commentAdded(ticket.id, c.id, customer.id));
    await h.settle(async () => (await h.store.latestDraft(String(ticket.id)))!.id !== draft.id);
    const next = (await h.store.latestDraft(String(ticket.id)))!;
    await page.evaluate(() => (window as unknown as { fire: (n: string) => void }).fire('ticket.updated'));
    await frame.waitForSelector(`section.superseded[data-draft-id="${draft.id}"]`);
    expect(await frame.locator('.state.superseded').textContent()).toContain(`Draft #${draft.id} is out of date`);
    await frame.locator('button[data-action="show-new"]').click();
    await frame.waitForSelector(`section.draft[data-draft-id="${next.id}"]`);
    expect(await frame.locator('.branch').textContent()).toBe(next.branch);
    expect(problems).toEqual([]);
  }, 120_000);

  it('in German for a German agent: German words, lang="de", and the draft switches to English', async () => {
    const { ticket, draft } = await ticketWithDraft(EXAMPLES.de);
    const { page, frame, problems } = await openSidebar(ticket.id, { locale: 'de' });
    await frame.waitForSelector(`section.draft[data-draft-id="${draft.id}"]`);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await frame.locator('section.draft h3').first().textContent()).toBe('Was der Kunde geschrieben hat');
    expect(await frame.locator('.reply').getAttribute('lang')).toBe('de');
    expect(await frame.locator('q.evidence').first().getAttribute('lang')).toBe('de');
    const widths = await frame.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.locator('#tray').screenshot({ path: screenshotPath('sidebar-de.png') });
    await frame.locator('button[data-action="switch-language"]').click();
    await frame.waitForSelector('section.draft[data-shown-language="en"]');
    expect(await frame.locator('.reply').getAttribute('lang')).toBe('en');
    expect(await frame.locator('.reply').textContent()).not.toBe(draft.text);
    expect(problems).toEqual([]);
  }, 120_000);

  it('a forged, expired or wrong-audience token gets the refusal page and no ticket data', async () => {
    const { ticket, draft } = await ticketWithDraft(TICKETS.hostile);
    const other = testKeys();
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      { name: 'forged', token: zendeskJwt({ key: other.privateKey, zendeskUrl: h.zd.url, installationId: INSTALLATION, agentId: agent.id }), reason: 'signature_invalid', words: 'signature' },
      { name: 'expired', token: zendeskJwt({ key: keys.privateKey, zendeskUrl: h.zd.url, installationId: INSTALLATION, agentId: agent.id, nowS: now - 3600, ttlS: 300 }), reason: 'token_expired', words: 'expired' },
      { name: 'audience', token: zendeskJwt({ key: keys.privateKey, zendeskUrl: h.zd.url, installationId: '999', agentId: agent.id }), reason: 'audience_wrong', words: 'different installation' },
    ];
    for (const c of cases) {
      const { frame } = await openSidebar(ticket.id, { token: c.token, path: `/agent/tickets/${ticket.id}/${c.name}` });
      await frame.waitForSelector('main.refused');
      expect(await frame.locator('main.refused').getAttribute('data-refusal')).toBe(c.reason);
      const body = (await frame.locator('body').textContent()) ?? '';
      expect(body).toContain(c.words);
      expect(body).not.toContain(String(ticket.id));
      expect(body).not.toContain('Modern auth');
      expect(body).not.toContain(draft.text.slice(0, 40));
      expect(await frame.locator('script').count()).toBe(0);
    }
    // The API without the page's session token: refused, no data.
    const res = await fetch(`${h.url}/zendesk-app/api/tickets/${ticket.id}`);
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toContain('Modern auth');
  }, 120_000);
});
