// Queue and analytics in real headless Chromium against the app on an ephemeral port, with the loopback Zendesk
// fake receiving what the outbox sends. The tests run in order and share one signed-in browser context.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { replyHtml } from '../../src/zendesk/draft-note.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRow } from '../../src/store/types.js';
import { launch, openPage, screenshotPath, TIMEOUT } from './browser.js';
import { ANNA_ZENDESK_ID, PASSWORDS, draftFromWebhook, startReviewApp, type ReviewApp } from './helpers.js';
import { seedHistory } from './history.js';
import { speRenames, TICKETS } from './tickets.js';

// The bit of the DOM's canvas type the test reads (tsconfig has no DOM lib).
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

describe('Queue and analytics in a browser', () => {
  let r: ReviewApp;
  let browser: Browser;
  let page: Page;
  let context: BrowserContext;
  let problems: string[];
  const d = {} as Record<'unknownDs' | 'hostile' | 'speOld' | 'speNew' | 'ldap' | 'basicAuth' | 'keepAd', DraftRow>;

  const card = (draft: DraftRow) => page.locator(`#draft-${draft.id}`);
  const drain = () => r.app.m365.drain();

  beforeAll(async () => {
    r = await startReviewApp({ autoSend: true });
    await seedHistory(r, new Date());
    // Oldest first: the queue lists newest first, so the German hybrid ticket is at the top of the screenshot.
    d.unknownDs = await draftFromWebhook(r, TICKETS.unknownDs);
    d.hostile = await draftFromWebhook(r, TICKETS.hostile);
    d.speOld = await draftFromWebhook(r, TICKETS.spe);
    d.speNew = await draftFromWebhook(r, speRenames, { ticketId: Number(d.speOld.ticketId) });
    d.ldap = await draftFromWebhook(r, TICKETS.ldap);
    d.basicAuth = await draftFromWebhook(r, TICKETS.basicAuth);
    d.keepAd = await draftFromWebhook(r, TICKETS.keepAd);
    browser = await launch();
    ({ page, problems } = await openPage(browser));
    context = page.context();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await r?.close();
  });

  it('signing in: a signed-out visit goes to the sign-in page; a wrong password is refused; the session cookie is strict', async () => {
    await page.goto(`${r.url}/queue`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=login]', 'anna');
    await page.fill('input[name=password]', 'not the password');
    const refused = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(refused[0]?.status()).toBe(401);
    expect(await page.locator('#login-error').textContent()).toMatch(/wrong/);

    await page.fill('input[name=password]', PASSWORDS.anna);
    await Promise.all([page.waitForURL(`${r.url}/queue`), page.click('button[type=submit]')]);
    expect(await page.locator('.who strong').textContent()).toBe('anna');
    const session = (await context.cookies()).find((c) => c.name === 'm365_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.locator('article.draft').count()).toBe(6);
    expect(await card(d.speOld).count()).toBe(0);
    expect(await card(d.keepAd).locator('a.ticket-link').getAttribute('href')).toBe(`${r.zd.url}/agent/tickets/${d.keepAd.ticketId}`);
    await page.screenshot({ path: screenshotPath('queue.png'), clip: { x: 0, y: 0, width: 1360, height: 1250 }, fullPage: true });
  }, 90_000);

  it('filters by branch and language', async () => {
    const pending = [d.keepAd, d.basicAuth, d.ldap, d.speNew, d.hostile, d.unknownDs];
    const expected = (f: (x: DraftRow) => boolean) => pending.filter(f).map((x) => x.id).sort((a, b) => b - a);
    expect(expected((x) => x.branch === 'hybrid').length).toBeGreaterThan(1);
    await page.selectOption('select[name=branch]', 'hybrid');
    await Promise.all([page.waitForURL(/branch=hybrid/), page.click('form.filters button')]);
    const shown = () => page.locator('article.draft').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-draft-id'))));
    expect(await shown()).toEqual(expected((x) => x.branch === 'hybrid'));
    await page.goto(`${r.url}/queue?branch=hybrid&language=de`);
    expect(await shown()).toEqual(expected((x) => x.branch === 'hybrid' && x.language === 'de'));
    await page.goto(`${r.url}/queue?language=en`);
    expect(await shown()).toEqual(expected((x) => x.language === 'en'));
    await page.goto(`${r.url}/queue`);
  }, 60_000);

  it('approve posts exactly one public reply, as the mapped Zendesk agent, even when approved twice', async () => {
    // A second tab holds the same (soon stale) form, like a second agent or a double submit.
    const other = await context.newPage();
    await other.goto(`${r.url}/queue`);

    await Promise.all([page.waitForURL(/done=approved/), card(d.keepAd).locator('button[data-action=approve]').first().click()]);
    expect(await page.locator('.notice.ok').textContent()).toContain(`Draft #${d.keepAd.id} approved`);
    await drain();
    const ticket = Number(d.keepAd.ticketId);
    expect(r.zd.publicReplies(ticket)).toHaveLength(1);
    expect(r.zd.publicReplies(ticket)[0]!.comment).toMatchObject({ html_body: replyHtml(d.keepAd.text), public: true, author_id: ANNA_ZENDESK_ID });
    expect(await r.store.getDraft(d.keepAd.id)).toMatchObject({ state: 'posted', decidedBy: 'review:anna', door: 'review', editedText: null });

    // The refusal is a redirect to a GET (POST-redirect-GET): reloading it shows it again and posts nothing.
    const again = await Promise.all([other.waitForNavigation(), other.locator(`#draft-${d.keepAd.id} button[data-action=approve]`).first().click()]);
    expect(again[0]?.request().method()).toBe('GET');
    expect(again[0]?.request().redirectedFrom()?.method()).toBe('POST');
    expect(other.url()).toMatch(/refused=approve/);
    expect(await other.locator('#notice.error').textContent()).toMatch(/already (approved|been posted)/);
    const reloaded = await other.reload();
    expect(reloaded?.request().method()).toBe('GET');
    expect(await other.locator('#notice.error').textContent()).toMatch(/already (approved|been posted)/);
    await drain();
    expect(r.zd.publicReplies(ticket)).toHaveLength(1);
    const audit = await r.store.listAudit({ draftId: d.keepAd.id });
    expect(audit.filter((a) => a.action === 'draft.approved').map((a) => a.actor)).toEqual(['review:anna']);
    await other.close();
  }, 90_000);

  it('with the edit box open and changed, the one Approve button sends the edit; the fake Zendesk receives the edited text', async () => {
    const edited = `${d.basicAuth.text}\n\nPS: Anna from MailStore support will call you tomorrow.`;
    const c = card(d.basicAuth);
    // There is no second, plain Approve in the card that could post the original while an edit is open (the other
    // buttons reject, or re-draft with a corrected reading; neither posts anything).
    expect(await c.locator('button[data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')))).toEqual(['approve', 'reject', 'correct']);
    await c.locator('details.edit summary').click();
    expect(await c.locator('label[for$="-edit"]').textContent()).toMatch(/Markdown/);
    await c.locator('textarea[name=editedText]').fill(edited);
    expect(await c.locator('button[data-action=approve]').textContent()).toBe(`Approve and send the edited reply draft #${d.basicAuth.id}`);
    // Even with the box closed again, the edit is what goes out.
    await c.locator('details.edit summary').click();
    await Promise.all([page.waitForURL(/done=edited/), c.locator('button[data-action=approve]').click()]);
    expect(await page.locator('#notice').textContent()).toContain('approved with your edits');
    await drain();
    const replies = r.zd.publicReplies(Number(d.basicAuth.ticketId));
    expect(replies.map((w) => w.comment.html_body)).toEqual([replyHtml(edited)]);
    expect(await r.store.getDraft(d.basicAuth.id)).toMatchObject({ state: 'posted', editedText: edited, decidedBy: 'review:anna' });
  }, 90_000);

  it('reject records the reason and who rejected; nothing is posted', async () => {
    const reason = 'Customer uses LDAP over SSL: needs a personal answer';
    await card(d.ldap).locator('details.reject summary').click();
    await card(d.ldap).locator('input[name=reason]').fill(reason);
    await Promise.all([page.waitForURL(/done=rejected/), card(d.ldap).locator('button[data-action=reject]').click()]);
    expect(await r.store.getDraft(d.ldap.id)).toMatchObject({ state: 'rejected', reason, decidedBy: 'review:anna', door: 'review' });
    const audit = await r.store.listAudit({ draftId: d.ldap.id });
    expect(audit.find((a) => a.action === 'draft.rejected')).toMatchObject({ actor: 'review:anna', details: { reason } });
    await drain();
    expect(r.zd.publicReplies(Number(d.ldap.ticketId))).toHaveLength(0);
  }, 90_000);

  it('a script tag in a ticket renders as text and never runs', async () => {
    const body = card(d.hostile).locator('.part[data-where=body] .ticket-text');
    expect(await body.textContent()).toContain('<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">');
    expect(await card(d.hostile).locator('.part[data-where=subject]').textContent()).toContain('<script>alert(1)</script>');
    expect(await card(d.hostile).locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
  }, 60_000);

  it('a form post without the CSRF token is refused and changes nothing', async () => {
    const form = card(d.hostile).locator('form[action$="/approve"]').first();
    await form.evaluate((f) => f.querySelector('input[name=_csrf]')?.remove());
    const res = await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
    expect(res[0]?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Form expired');
    expect(await r.store.getDraft(d.hostile.id)).toMatchObject({ state: 'pending' });
    // The worker's own note went out with the draft; nothing else was queued for it, no public reply above all.
    expect((await r.store.listOutbox({})).filter((o) => o.draftId === d.hostile.id).map((o) => o.kind)).toEqual(['zendesk.note']);
  }, 60_000);

  it('an edit the server cannot take (too long) comes back in its box, marked, and nothing is sent', async () => {
    await page.goto(`${r.url}/queue`);
    const c = card(d.hostile);
    await c.locator('details.edit summary').click();
    const tooLong = `${d.hostile.text}\n${'x'.repeat(20_000)}`;
    await c.locator('textarea[name=editedText]').fill(tooLong);
    const res = await Promise.all([page.waitForNavigation(), c.locator('button[data-action=approve]').click()]);
    expect(res[0]?.status()).toBe(400);
    expect(await page.locator('#notice.error').textContent()).toMatch(/longer than 20000 characters; nothing was sent/);
    const box = card(d.hostile).locator('textarea[name=editedText]');
    expect(await box.inputValue()).toBe(tooLong);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await card(d.hostile).locator('details.edit').getAttribute('open')).not.toBeNull();
    expect(await r.store.getDraft(d.hostile.id)).toMatchObject({ state: 'pending' });
    await page.goto(`${r.url}/queue`);
  }, 90_000);

  it('superseded drafts show as such and cannot be approved, also from a page opened before', async () => {
    await page.goto(`${r.url}/queue?view=superseded`);
    const old = card(d.speOld);
    expect(await old.getAttribute('data-state')).toBe('superseded');
    expect(await old.locator('.state').textContent()).toContain(`Superseded by draft #${d.speNew.id}`);
    expect(await old.locator('button[data-action]').count()).toBe(0);

    // The queue is open with the full-guide draft pending; then the customer writes again.
    await page.goto(`${r.url}/queue`);
    const newer = await draftFromWebhook(r, { ...TICKETS.unknownDs, comments: [{ author: 'customer', body: 'Wir haben nachgesehen: es ist Active Directory.' }] }, { ticketId: Number(d.unknownDs.ticketId) });
    // The agent had edited the stale draft: the refusal links to the newer draft and gives the edit back to copy.
    const myEdit = `${d.unknownDs.text}\n\nPS: my own words, not to be lost.`;
    await card(d.unknownDs).locator('details.edit summary').click();
    await card(d.unknownDs).locator('textarea[name=editedText]').fill(myEdit);
    const res = await Promise.all([page.waitForNavigation(), card(d.unknownDs).locator('button[data-action=approve]').click()]);
    expect(res[0]?.request().method()).toBe('GET');
    expect(res[0]?.request().redirectedFrom()?.method()).toBe('POST');
    expect(await page.locator('#notice.error').textContent()).toMatch(/newer customer message/);
    expect(await page.locator(`#notice a[href="/queue#draft-${newer.id}"]`).textContent()).toContain(`#${newer.id}`);
    expect(await page.locator('.unsent textarea').inputValue()).toBe(myEdit);
    expect(await card(newer).getAttribute('data-state')).toBe('pending');
    await page.reload();
    await drain();
    expect(r.zd.publicReplies(Number(d.unknownDs.ticketId))).toHaveLength(0);
    expect((await r.store.listAudit({ draftId: d.unknownDs.id })).filter((a) => a.action === 'draft.approved')).toEqual([]);
  }, 90_000);

  it('analytics: the charts are drawn and the numbers include what was just decided', async () => {
    await page.goto(`${r.url}/analytics?days=14`);
    for (const id of ['chart-days', 'chart-branches']) {
      await page.locator(`#${id}[data-drawn=true]`).waitFor({ timeout: TIMEOUT });
      const painted = await page.locator(`#${id}`).evaluate((el) => {
        const c = el as unknown as Canvas;
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
      expect(painted, id).toBeGreaterThan(2000);
    }
    expect(await page.locator('table.numbers').first().textContent()).toContain('hybrid');
    expect(await page.locator('main').textContent()).toContain('Customer uses LDAP over SSL: needs a personal answer');
    expect(await page.locator('text=Corrected auto-sends').count()).toBe(1);
    expect(await page.locator('h2:has-text("Corrected auto-sends") + .table-wrap table tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('analytics.png'), fullPage: true });
  }, 90_000);

  it('no page had a CSP violation, a script error or a dialog', () => {
    expect(problems).toEqual([]);
  });
});
