// One headless Chromium per test file (Debian's /usr/bin/chromium driven by playwright-core), generous timeouts
// for a 2-core machine, and a record of CSP violations and page errors so a test can assert there were none.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// 60 s: on a 2-core runner with other work beside it one page action took over 30 s (the queue with every form open).
export const TIMEOUT = 60_000;

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });

export interface WatchedPage {
  page: Page;
  /** Console errors (CSP violations among them), uncaught page errors, failed subresources and dialogs. */
  problems: string[];
}

export async function openPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.setDefaultNavigationTimeout(TIMEOUT);
  const problems: string[] = [];
  // Pages answered with 4xx on purpose (refused sign-in, stale form) log "Failed to load resource" too; failed
  // subresources (a script, the stylesheet) are caught from the responses instead.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== 'document') problems.push(`${res.status()} ${res.url()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

/** docs/ with UPDATE_SCREENSHOTS=1 (then commit them), else a temp dir: every run still takes them. */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(process.cwd(), 'docs') : join(tmpdir(), 'm365-guide-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
