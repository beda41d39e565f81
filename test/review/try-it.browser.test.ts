// Try it in real headless Chromium: a German and an English ticket get the right branch, the evidence marked in
// the text, and the reply in the ticket's language with a switch to the other one. No sign-in needed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import type { Thread } from '../../src/classify/types.js';
import { EXAMPLES } from '../../src/review/examples.js';
import { launch, openPage, screenshotPath, TIMEOUT } from './browser.js';
import { startReviewApp, type ReviewApp } from './helpers.js';

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

  it('without review users the queue explains how to configure them', async () => {
    const { page } = await openPage(browser);
    const res = await page.goto(`${r.url}/queue`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toMatch(/not set up/);
    expect(await page.locator('main').textContent()).toContain('REVIEW_USERS');
  }, 60_000);
});
