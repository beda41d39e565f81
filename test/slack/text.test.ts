// Hostile text must come out of every Slack text helper inert: no mention, no channel or user-group ping, no link,
// no live Zendesk placeholder, within Slack's length limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cap, escapeUntrusted, inlineUntrusted, quoteUntrusted, sections, TEXT_LIMIT } from '../../src/slack/text.js';

const HOSTILE = ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<#C123>', '<!subteam^S123>', '<https://evil.example|click>', '{{ticket.id}}', '*bold*', '```', '&lt;!channel&gt;', '<mailto:x@y|x>'];
const hostileText = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 40 }).map((a) => a.join(''));

/** Anything Slack would turn into a mention, a link or a special token starts with a raw `<`. */
const live = (s: string) => /<[!@#a-z]/i.test(s);

describe('untrusted text for Slack', () => {
  it('property: escaped, quoted and capped text never produces a mention, a link or a placeholder', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 1, max: 800 }), (text, max) => {
        for (const out of [escapeUntrusted(text, max), inlineUntrusted(text, max), quoteUntrusted(text, max)]) {
          expect(live(out), out).toBe(false);
          expect(out).not.toContain('{{');
          expect(out).not.toMatch(/&[a-z]{0,3}$/); // never half an entity
          expect(out.length).toBeLessThanOrEqual(max * 2 + 8);
        }
        // Inside a quote no backtick run can close the block early.
        expect(quoteUntrusted(text, max).slice(3, -3)).not.toContain('`');
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the words readable', () => {
    expect(escapeUntrusted('Tom & Jerry <!channel> {{ticket.id}}', 100)).toBe('Tom &amp; Jerry &lt;!channel&gt; { {ticket.id} }');
    expect(inlineUntrusted('*bold*\nnext')).toBe('`*bold* next`');
  });

  it('caps at the limit without splitting a surrogate pair', () => {
    const s = 'a'.repeat(9) + '😀😀';
    const out = cap(s, 11);
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out).not.toMatch(/[\uD800-\uDBFF]…$/);
  });

  it('splits long text of our own into sections within the text object limit', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} ${'x'.repeat(400)}`).join('\n\n') + '\n\n' + 'y'.repeat(7000);
    const blocks = sections(text) as Array<{ text: { text: string; verbatim: boolean } }>;
    expect(blocks.length).toBeGreaterThan(3);
    for (const b of blocks) {
      expect(b.text.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(b.text.verbatim).toBe(true);
    }
    expect(blocks.map((b) => b.text.text).join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
  });

  it('cuts a paragraph longer than a section at its last line break that fits, so no line is split', () => {
    // One paragraph (no blank line) of 40 lines of 99 characters: 3,999 characters with the line breaks.
    const lines = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')} ${'w'.repeat(96)}`);
    const blocks = sections(lines.join('\n')) as Array<{ text: { text: string } }>;
    expect(blocks.map((b) => b.text.text.split('\n'))).toEqual([lines.slice(0, 30), lines.slice(30)]); // 30 × 100 − 1 = 2,999
  });
});
