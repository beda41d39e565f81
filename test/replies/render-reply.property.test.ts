import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRANCHES, LANGUAGES, PRODUCTS, type Branch } from '../../src/classify/types.js';
import { renderReply } from '../../src/replies/render-reply.js';
import type { ReplyInput } from '../../src/replies/types.js';
import { ALL_URLS, hrefOf } from './articles.js';

const HOSTILE_PIECES = [
  '{{ticket.id}}',
  '{{',
  '}}',
  '{',
  '}',
  '{{{raw}}}',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123ABC>',
  '<#C123>',
  '<!subteam^S123|team>',
  '<https://evil.example|click>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](https://evil.example)',
  '![img](https://evil.example/x.png)',
  '**bold**',
  '_it_',
  '`code`',
  '# heading',
  '- item',
  '1. item',
  '\\',
  '&amp;',
  '&lt;',
  '"',
  "'",
  '\n',
  '\r\n',
  '\u2028',
  '\u202e',
  '\u0000',
  '\ud800',
  ' ',
  'Jana',
  'Müller',
  '👨‍👩‍👧',
  '東京',
];

const hostileName = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE_PIECES), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('x'.repeat(10_000), '{'.repeat(10_000), '<!channel>'.repeat(1_000), '\n'.repeat(10_000)),
);

const input = fc.record({
  branch: fc.constantFrom(...BRANCHES.filter((b): b is Exclude<Branch, 'off-topic'> => b !== 'off-topic')),
  language: fc.constantFrom(...LANGUAGES),
  product: fc.constantFrom(...PRODUCTS),
  requesterName: hostileName,
}) satisfies fc.Arbitrary<ReplyInput>;

const OUR_HTML_TAG =
  /<\/?(?:p|ol|ul|li|strong|code|h[1-6])>|<ol start="\d+">|<a href="https:\/\/help\.mailstore\.com\/[^"<>]*" rel="noopener noreferrer">|<\/a>/g;
const OUR_HREFS = new Set(ALL_URLS.map(hrefOf));

describe('renderReply with hostile requester names', () => {
  it('never throws and never leaks placeholder syntax, in any destination', () => {
    fc.assert(
      fc.property(input, (i) => {
        for (const d of ['markdown', 'mrkdwn', 'html', 'text'] as const) {
          const { text } = renderReply(i, d);
          expect(text).not.toMatch(/\{\{|\}\}/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the greeting on one line and the name short', () => {
    fc.assert(
      fc.property(input, (i) => {
        const lines = renderReply(i, 'text').text.split('\n');
        expect(lines[0]).toMatch(/^(Hello|Hallo|Guten Tag)\b.*,$/);
        expect(lines[1]).toBe('');
        expect([...lines[0]!].length).toBeLessThan(80 * 8 + 20);
      }),
      { numRuns: 300 },
    );
  });

  it('links only to our articles in Markdown', () => {
    fc.assert(
      fc.property(input, (i) => {
        const md = renderReply(i, 'markdown').text;
        for (const m of md.matchAll(/(?<!\\)\[([^\]]*)\]\(/g)) expect(ALL_URLS).toContain(m[1]);
      }),
      { numRuns: 300 },
    );
  });

  it('never produces a Slack mention, broadcast or foreign link in mrkdwn', () => {
    fc.assert(
      fc.property(input, (i) => {
        const mrkdwn = renderReply(i, 'mrkdwn').text;
        for (const m of mrkdwn.matchAll(/<([^>|]*)[^>]*>/g)) expect(OUR_HREFS).toContain(m[1]);
        expect(mrkdwn).not.toMatch(/<[!@#]/);
      }),
      { numRuns: 300 },
    );
  });

  it('never produces an unescaped < in HTML outside our own tags', () => {
    fc.assert(
      fc.property(input, (i) => {
        const html = renderReply(i, 'html').text;
        expect(html.replace(OUR_HTML_TAG, '')).not.toContain('<');
      }),
      { numRuns: 300 },
    );
  });
});
