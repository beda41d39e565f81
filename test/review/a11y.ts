// axe-core in the page, and the reflow check, for the accessibility tests. axe's source is evaluated through the
// DevTools protocol (page.evaluate), which the page's Content-Security-Policy does not govern, so the policy stays on
// while we test (an inline <script> would be refused by it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// WCAG 2.0–2.2 A and AA rules (axe's tags), plus axe's best-practice rules that matter to these pages.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical axe violations on the page as it is now, one line each with the elements. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const res = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, TAGS);
  return (violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(' | ')}`);
}

/** How far the page is wider than the window (0 = no sideways scrolling), and the widest element sticking out. */
export async function overflow(page: Page): Promise<{ excess: number; culprit: string | null }> {
  return page.evaluate(() => {
    type El = { getBoundingClientRect(): { right: number }; tagName: string; className: string; id: string; parentElement: El | null };
    const g = globalThis as unknown as { innerWidth: number; getComputedStyle(e: El): { overflowX: string }; document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<El> } };
    const doc = g.document;
    const width = g.innerWidth;
    // Content inside a scroll container (a wide table in its own region) does not widen the page.
    const scrolled = (el: El) => {
      for (let p = el.parentElement; p; p = p.parentElement) if (g.getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const excess = doc.documentElement.scrollWidth - width;
    let culprit: string | null = null;
    if (excess > 0) {
      let right = width;
      for (const el of Array.from(doc.querySelectorAll('body *'))) {
        const r = el.getBoundingClientRect().right;
        if (r > right && !scrolled(el)) {
          right = r;
          culprit = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} right=${Math.round(r)}`;
        }
      }
    }
    return { excess: Math.max(0, excess), culprit };
  });
}

export const WIDTHS = { phone: { width: 390, height: 844 }, tablet: { width: 768, height: 1024 }, desktop: { width: 1366, height: 900 } } as const;
