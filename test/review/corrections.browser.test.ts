// Issue 13's end-to-end check on a real server process (src/server.ts, embedded storage in a temp dir) with the
// loopback Zendesk and real Chromium: a drafted ticket is corrected on the review page ("Wrong reading?"), the
// corrected draft is approved, the public reply at Zendesk is the corrected branch, the analytics page shows one
// correction for that slot, and the export (GET /admin/labels while it runs, `m365-guide export-labels` after it
// stopped) holds the ticket with the corrected labels.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { hashSync } from '@node-rs/argon2';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { exportLabelsCommand } from '../../src/cli/commands/export-labels.js';
import { renderReply } from '../../src/replies/index.js';
import { replyHtml } from '../../src/zendesk/draft-note.js';
import { FakeZendesk, type FakeTicket } from '../fakes/zendesk.js';
import { commentAdded, sign, WEBHOOK_SECRET } from '../helpers/harness.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { launch, openPage } from './browser.js';

const ADMIN = 'admin-token-0123456789';
const PASSWORD = 'anna-password-1234';
const TICKET = {
  subject: 'Moving to Microsoft 365 modern authentication',
  body: 'Hello,\nMailStore Server 24.1 uses Active Directory integration, our usernames are like jdoe. What are our options for Microsoft 365 Modern Authentication?\nThanks',
};

async function until<T>(what: string, get: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a correction on the review page, end to end on a real server process', () => {
  let zd: FakeZendesk;
  let dataDir: string;
  let server: ServerProcess | null = null;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let ticket: FakeTicket;

  beforeAll(async () => {
    zd = await new FakeZendesk().start();
    zd.addUser({ id: 4242, name: 'Anna Agent', email: 'anna@example.com', role: 'agent' });
    dataDir = mkdtempSync(join(tmpdir(), 'm365-corrections-'));
    server = await startServer(
      {
        DATA_DIR: dataDir,
        ZENDESK_URL: zd.url,
        ZENDESK_EMAIL: zd.email,
        ZENDESK_API_TOKEN: zd.token,
        ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET,
        WORKER_POLL_MS: '50',
        RECONCILE_INTERVAL_S: '0',
        ADMIN_TOKEN: ADMIN,
        LOG_LEVEL: 'warn',
        REVIEW_USERS: JSON.stringify([{ login: 'anna', passwordHash: hashSync(PASSWORD), zendeskUserId: '4242' }]),
        REVIEW_SESSION_SECRET: 'review-session-secret-for-tests-only-0123456789',
        REVIEW_COOKIE_SECURE: 'false',
      },
      90_000,
    );
    browser = await launch();
    ({ page, problems } = await openPage(browser));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    await zd.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('corrects, approves, posts the corrected branch, counts it in analytics and exports it', async () => {
    const customer = zd.addUser({ name: 'Jana Kraus', email: 'jana@example.com', role: 'end-user' });
    ticket = zd.addTicket({ ...TICKET, requester: customer });
    const raw = Buffer.from(JSON.stringify(commentAdded(ticket.id, ticket.comments[0]!.id, customer.id)));
    const ts = new Date().toISOString();
    const res = await fetch(`${server!.url}/webhooks/zendesk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-signature': sign(WEBHOOK_SECRET, ts, raw) },
      body: raw,
    });
    expect(res.status).toBe(200);
    await until('the draft note', () => zd.privateNotes(ticket.id).length === 1);
    expect(zd.privateNotes(ticket.id)[0]!.comment.html_body).toMatch(/branch <code>rename-or-hybrid<\/code>/);

    // Sign in and find the draft.
    await page.goto(`${server!.url}/login?next=/queue`);
    await page.getByLabel('Login').fill('anna');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/queue$/), page.locator('button[type=submit]').last().click()]);
    const card = page.locator('article.draft').first();
    expect(await card.locator('.branch').first().textContent()).toBe('rename-or-hybrid');

    // An agent starts editing, then sees the reading is wrong: the customer wants to keep AD (hybrid).
    await card.locator('details.edit summary').click();
    await card.locator('textarea[name=editedText]').fill('Hello Jana, a first attempt I will not need.');
    const wrong = card.locator('details.correct');
    await wrong.locator('summary').focus();
    await page.keyboard.press('Enter'); // keyboard only: the summary opens the picker
    const choice = wrong.getByLabel('Rename or keep the current directory service?');
    expect(await choice.inputValue()).toBe('undecided');
    await choice.selectOption('hybrid');
    await Promise.all([page.waitForLoadState('load'), wrong.locator('button[data-action=correct]').click()]);

    // The typed text is shown back, not dropped; the corrected draft is ready to approve.
    expect(await page.locator('.kept textarea').inputValue()).toBe('Hello Jana, a first attempt I will not need.');
    expect(await page.locator('.notice.ok').textContent()).toMatch(/Reading corrected: draft #\d+ was written for it/);
    const corrected = page.locator('article.draft[data-state=pending]').first();
    expect(await corrected.locator('.branch').first().textContent()).toBe('hybrid');
    expect(await corrected.locator('.state.corrected').count()).toBe(1);
    await Promise.all([page.waitForURL(/done=approved/), corrected.locator('button[data-action=approve]').click()]);

    // The public reply at Zendesk is the hybrid reply, rendered from the templates for the corrected reading.
    await until('the public reply', () => zd.publicReplies(ticket.id).length === 1);
    const slots = { ...classify(TICKET).slots, choice: 'hybrid' as const };
    const hybrid = renderReply({ branch: 'hybrid', language: slots.language, product: slots.product, slots, requesterName: 'Jana Kraus' }, 'markdown');
    expect(zd.publicReplies(ticket.id)[0]!.comment).toMatchObject({ public: true, author_id: 4242, html_body: replyHtml(hybrid.text) });
    expect(zd.privateNotes(ticket.id).map((n) => /branch <code>([a-z-]+)<\/code>/.exec(n.comment.html_body)?.[1])).toEqual(['rename-or-hybrid', 'hybrid']);

    // Analytics: one correction, on the choice slot; the branch the classifier chose was wrong once.
    await page.goto(`${server!.url}/analytics`);
    const slotRow = page.locator('#reading-slots tr[data-key=choice]');
    expect(await slotRow.locator('[data-col=corrected]').textContent()).toBe('1');
    expect(await slotRow.locator('[data-col=confirmed]').textContent()).toBe('0');
    expect(await page.locator('#reading-slots tr[data-key=directoryService] [data-col=confirmed]').textContent()).toBe('1');
    expect(await page.locator('#reading-branches tr[data-key=rename-or-hybrid] [data-col=corrected]').textContent()).toBe('1');
    expect(await page.locator('#reading-confusion td[data-from=rename-or-hybrid][data-to=hybrid]').textContent()).toBe('1');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('#chart-accuracy[data-drawn=true]').waitFor();

    // The export holds the ticket with the corrected labels: over HTTP while running …
    const http = await fetch(`${server!.url}/admin/labels`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(http.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await http.text()).trim().split('\n').map((l) => JSON.parse(l));
    const line = lines.find((l) => l.source.ticketId === String(ticket.id));
    expect(line).toMatchObject({ subject: TICKET.subject, body: TICKET.body, labels: { ...slots, branch: 'hybrid' }, source: { outcome: 'corrected', door: 'review', decidedBy: 'review:anna', reading: { branch: 'rename-or-hybrid', choice: 'undecided' } } });
    expect(problems).toEqual([]);

    // … and with the CLI once the service has stopped (embedded storage opens for one process at a time).
    expect(await server!.kill('SIGTERM')).toBe(0);
    server = null;
    const out = new PassThrough();
    const err = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    let errText = '';
    err.on('data', (d) => (errText += d));
    expect(await exportLabelsCommand(['--redact'], { stdin: new PassThrough(), stdout: out, stderr: err }, { DATA_DIR: dataDir })).toBe(0);
    const cli = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(cli).toHaveLength(lines.length);
    expect(cli.find((l) => l.source.ticketId === String(ticket.id))).toMatchObject({ labels: { ...slots, branch: 'hybrid' }, source: { redacted: true } });
    expect(errText).toContain('exported 1 labelled ticket(s), redacted');
  }, 180_000);
});
