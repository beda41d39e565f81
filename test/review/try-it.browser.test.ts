// Try it in real headless Chromium: a German and an English ticket get the right branch, the evidence marked in
// the text, and the reply in the ticket's language with a switch to the other one. No sign-in needed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_SEND_THRESHOLD } from '../../src/classify/auto-send.js';
import { classify } from '../../src/classify/index.js';
import type { Thread } from '../../src/classify/types.js';
import { renderReply, toDestination } from '../../src/replies/index.js';
import { loadExampleTickets } from '../../src/review/example-tickets.js';
import { EXAMPLES } from '../../src/review/examples.js';
import { overflow, seriousViolations } from './a11y.js';
import { launch, openPage, screenshotPath, TIMEOUT } from './browser.js';
import { startReviewApp, type ReviewApp } from './helpers.js';

const TICKETS = loadExampleTickets();

/**
 * The colour the page actually paints in the middle of the confidence bar's filled part: an element screenshot,
 * decoded by Chromium itself in a blank page (no PNG decoder needed here).
 */
async function barColour(page: Page): Promise<[number, number, number]> {
  const meter = page.locator('#result meter');
  const png = (await meter.screenshot()).toString('base64');
  const box = (await meter.boundingBox())!;
  const value = Number(await meter.getAttribute('value'));
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(
      async ({ png, x, y }) => {
        const g = globalThis as unknown as { Image: new () => { src: string; decode(): Promise<void> }; document: { createElement(t: 'canvas'): { width: number; height: number; getContext(k: '2d'): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } } };
        const img = new g.Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const c = g.document.createElement('canvas');
        c.width = 400;
        c.height = 60;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(x, y, 1, 1).data;
        return [d[0]!, d[1]!, d[2]!] as [number, number, number];
      },
      { png, x: Math.max(2, Math.floor(box.width * value * 0.5)), y: Math.floor(box.height / 2) },
    );
  } finally {
    await blank.close();
  }
}

/** Every piece of evidence the classifier reports is marked, with its slot, in the part of the thread it names. */
async function expectEvidenceMarked(page: Page, thread: Thread): Promise<void> {
  const { evidence } = classify(thread);
  expect(evidence.length).toBeGreaterThan(0);
  for (const e of evidence) {
    const marked = await page.locator(`.part[data-where="${e.where}"] mark[data-slot~="${e.slot}"]`).allTextContents();
    expect(marked.join(''), `${e.slot} evidence "${e.text}" in ${e.where}`).toContain(e.text);
  }
}

describe('Try it in a browser', () => {
  let r: ReviewApp;
  let browser: Browser;
  beforeAll(async () => {
    // Without review users: Try it must work on a fresh `npm start`.
    r = await startReviewApp({ review: null });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await r?.close();
  });

  it('an English ticket: modern-direct, evidence marked, English reply', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${r.url}/`);
    await page.fill('input[name=subject]', EXAMPLES.en.subject);
    await page.fill('textarea[name=body]', EXAMPLES.en.body);
    await page.click('button[type=submit][name=lang][value=""]');
    const result = page.locator('#result');
    await result.waitFor({ timeout: TIMEOUT });
    expect(await result.getAttribute('data-branch')).toBe('modern-direct');
    expect(await result.getAttribute('data-language')).toBe('en');
    const ds = await page.locator('.part[data-where=body] mark[data-slot~=directoryService]').allTextContents();
    expect(ds.join('')).toContain('Microsoft 365 (Basic Authentication)');
    await expectEvidenceMarked(page, { subject: EXAMPLES.en.subject, body: EXAMPLES.en.body });
    expect(await page.locator('article.reply[lang=en]').textContent()).toMatch(/Modern Authentication/);
    expect(problems).toEqual([]);
  }, 90_000);

  it('a German ticket with a follow-up: hybrid, choice marked in the German text, switch to English and back', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${r.url}/?example=de`);
    expect(await page.inputValue('textarea[name=body]')).toBe(EXAMPLES.de.body);
    // A second follow-up row comes from review.js (no inline script: CSP).
    await page.click('#add-followup');
    const rows = page.locator('#followups .followup');
    expect(await rows.count()).toBe(2);
    await rows.nth(0).locator('select').selectOption('agent');
    const comments = [
      { author: 'agent' as const, body: 'Hallo Herr Müller, wollen Sie umbenennen oder das AD belassen?' },
      { author: 'customer' as const, body: 'Wir belassen das AD als Verzeichnisdienst, wie geschrieben.' },
    ];
    await rows.nth(0).locator('textarea').fill(comments[0]!.body);
    await rows.nth(1).locator('textarea').fill(comments[1]!.body);
    await page.click('button[type=submit][name=lang][value=""]');
    await page.locator('#result').waitFor();
    expect(await page.locator('#result').getAttribute('data-branch')).toBe('hybrid');
    expect(await page.locator('#result').getAttribute('data-language')).toBe('de');
    expect((await page.locator('.part[data-where="comment 2"] mark[data-slot~=choice]').allTextContents()).join(' ')).toContain('belassen');
    await expectEvidenceMarked(page, { subject: EXAMPLES.de.subject, body: EXAMPLES.de.body, comments });
    // The agent's follow-up is shown but never evidence.
    expect(await page.locator('.part[data-where="comment 1"] mark').count()).toBe(0);
    expect(await page.locator('article.reply[lang=de]').textContent()).toMatch(/Hallo|Guten Tag/);
    await page.screenshot({ path: screenshotPath('try-it.png'), fullPage: true });

    await page.click('#switch-language');
    await page.locator('article.reply[lang=en]').waitFor();
    expect(await page.locator('#result').getAttribute('data-branch')).toBe('hybrid');
    await page.click('#switch-language');
    await page.locator('article.reply[lang=de]').waitFor();
    expect(problems).toEqual([]);
  }, 90_000);

  it('"Load an example" runs it: the German rename example shows its branch and a German reply at once', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${r.url}/`);
    expect(await page.locator('#example option[value]:not([value=""])').count()).toBe(TICKETS.length);
    const rename = TICKETS.find((t) => t.branch === 'rename' && t.language === 'de')!;
    await page.selectOption('#example', rename.id);
    await Promise.all([page.waitForURL(new RegExp(`example=${rename.id}`)), page.click('form.examples button')]);
    expect(await page.locator('#result').getAttribute('data-branch')).toBe('rename');
    expect(await page.inputValue('textarea[name=body]')).toBe(rename.thread.body);
    expect(await page.locator('article.reply[lang=de]').count()).toBe(1);
    expect(problems).toEqual([]);
  }, 90_000);

  it('an off-topic ticket says that no reply would be drafted', async () => {
    const { page } = await openPage(browser);
    const off = TICKETS.find((t) => t.branch === 'off-topic')!;
    await page.goto(`${r.url}/?example=${off.id}`);
    expect(await page.locator('#result').getAttribute('data-branch')).toBe('off-topic');
    const text = (await page.locator('#result').textContent())!;
    expect(text).toContain('No reply would be drafted');
    expect(text).not.toMatch(/an agent approves it/);
    expect(await page.locator('article.reply').count()).toBe(0);
  }, 60_000);

  it('choose product, language and another branch to see any reply', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${r.url}/?example=en`);
    expect(await page.locator('#result').getAttribute('data-branch')).toBe('modern-direct');
    await page.selectOption('select[name=branch]', 'hybrid');
    await page.selectOption('select[name=product]', 'spe');
    await page.selectOption('select[name=reply_lang]', 'de');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit][name=lang][value=""]')]);
    const expected = renderReply({ branch: 'hybrid', language: 'de', product: 'spe', slots: classify(EXAMPLES.en).slots, requesterName: 'Dana Lee' }, 'markdown');
    expect(await page.locator('#result').getAttribute('data-reply-branch')).toBe('hybrid');
    expect(await page.locator('.override').textContent()).toMatch(/chosen by hand/);
    expect(await page.locator('#reply-markdown').textContent()).toBe(expected.text);
    expect(await page.locator('article.reply[lang=de]').count()).toBe(1);
    // The choices stay selected for the next run.
    expect(await page.inputValue('select[name=product]')).toBe('spe');
    expect(problems).toEqual([]);
  }, 90_000);

  it('copies the reply as Markdown (as it goes to Zendesk) and as plain text', async () => {
    const { page, problems } = await openPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: r.url });
    await page.goto(`${r.url}/?example=de`);
    const c = classify(EXAMPLES.de);
    const md = renderReply({ branch: c.branch as 'hybrid', language: 'de', product: c.slots.product, slots: c.slots, requesterName: 'Markus Müller' }, 'markdown').text;
    const clipboard = () => page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    await page.getByRole('button', { name: /Copy Markdown/ }).click();
    await page.locator('.copy-status', { hasText: 'Copied the Markdown' }).waitFor();
    expect(await clipboard()).toBe(md);
    await page.getByRole('button', { name: 'Copy plain text' }).click();
    await page.locator('.copy-status', { hasText: 'Copied the plain text' }).waitFor();
    expect(await clipboard()).toBe(toDestination(md, 'text'));
    expect(problems).toEqual([]);
  }, 90_000);

  it("the confidence bar is green inside the auto-send band and amber below it, and says which", async () => {
    const { page } = await openPage(browser);
    const readings = TICKETS.filter((t) => t.branch !== 'off-topic').map((t) => ({ t, confidence: classify(t.thread).confidence }));
    const inBand = readings.find((x) => x.confidence >= AUTO_SEND_THRESHOLD)!;
    const below = readings.find((x) => x.confidence < AUTO_SEND_THRESHOLD)!;
    await page.goto(`${r.url}/?example=${inBand.t.id}`);
    expect(await page.locator('#result .band').textContent()).toMatch(/^in the auto-send band/);
    const [gr, gg, gb] = await barColour(page);
    expect(gg, `in band: rgb(${gr}, ${gg}, ${gb})`).toBeGreaterThan(gr + 40);
    await page.goto(`${r.url}/?example=${below.t.id}`);
    expect(await page.locator('#result .band').textContent()).toMatch(/^below the auto-send band/);
    const [ar, ag, ab] = await barColour(page);
    expect(ar, `below: rgb(${ar}, ${ag}, ${ab})`).toBeGreaterThan(ag + 40);
    expect(ar).toBeGreaterThan(ab + 80);
  }, 90_000);

  it('without review users the queue explains how to configure them', async () => {
    const { page } = await openPage(browser);
    const res = await page.goto(`${r.url}/queue`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toMatch(/not set up/);
    expect(await page.locator('main').textContent()).toContain('REVIEW_USERS');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflow(page)).toEqual({ excess: 0, culprit: null });
  }, 60_000);
});
