import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLOT_NAMES } from '../../src/classify/types.js';
import { highlight, type Span } from '../../src/review/highlight.js';

// What a browser would show: tags removed, the five entities decoded.
// The text of the ticket: marks unwrapped, the slot labels after them left out.
const LABEL = /<span class="mark-slot" lang="en"><span class="vh"> \(<\/span>[^<]*<span class="vh">\)<\/span><\/span>/g;
const visibleText = (h: string) =>
  h.replace(LABEL, '').replace(/<\/?mark[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const withoutOwnTags = (h: string) => h.replace(LABEL, '').replace(/<mark class="[^"<>]*" data-slot="[^"<>]*" title="[^"<>]*">|<\/mark>/g, '');
const label = (words: string) => `<span class="mark-slot" lang="en"><span class="vh"> (</span>${words}<span class="vh">)</span></span>`;

const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', ' ', '\n', 'script', '/', '=', 'ü'), maxLength: 200 }),
  fc.constant('<script>alert(1)</script><img src=x onerror=alert(1)>'),
);
const spanFor = (len: number) =>
  fc.record({
    slot: fc.oneof(fc.constantFrom(...SLOT_NAMES), fc.string({ maxLength: 20 })),
    value: fc.string({ maxLength: 30 }),
    rule: fc.string({ maxLength: 30 }),
    start: fc.integer({ min: -5, max: len + 5 }),
    end: fc.integer({ min: -5, max: len + 5 }),
  }) as fc.Arbitrary<Span>;
const textAndSpans = hostile.chain((text) => fc.tuple(fc.constant(text), fc.array(spanFor(text.length), { maxLength: 8 })));

describe('highlight', () => {
  it('marks each evidence span with its slot and escapes the rest', () => {
    const text = 'We use <Active Directory> & LDAP';
    const out = highlight(text, [
      { slot: 'directoryService', value: 'active-directory', start: 8, end: 24, rule: 'ds.ad' },
      { slot: 'directoryService', value: 'ldap', start: 28, end: 32 },
    ]);
    expect(out).toBe(
      `We use &lt;<mark class="slot-directoryService" data-slot="directoryService" title="Directory service now = active-directory (ds.ad)">Active Directory</mark>${label('Directory service now')}&gt; &amp; ` +
        `<mark class="slot-directoryService" data-slot="directoryService" title="Directory service now = ldap">LDAP</mark>${label('Directory service now')}`,
    );
  });

  it('splits overlapping spans so marks never nest', () => {
    const out = highlight('keep the AD please', [
      { slot: 'choice', value: 'hybrid', start: 0, end: 11 },
      { slot: 'directoryService', value: 'active-directory', start: 9, end: 11 },
    ]);
    expect(out).toContain(`<mark class="slot-choice" data-slot="choice" title="Customer&#39;s choice = hybrid">keep the </mark><mark`);
    expect(out).toContain('data-slot="choice directoryService"');
    expect(out).not.toMatch(/<mark[^>]*>[^<]*<mark/);
    // One label for the stretch, in words, naming both slots.
    expect(out).toContain(`AD</mark>${label('Customer&#39;s choice, Directory service now')} please`);
    expect(out.match(/mark-slot/g)).toHaveLength(1);
  });

  it('ignores spans that do not fit the text', () => {
    expect(highlight('short', [{ slot: 'topic', value: 'x', start: 3, end: 99 }])).toBe('short');
    expect(highlight('short', [{ slot: 'topic', value: 'x', start: 2, end: 2 }])).toBe('short');
  });

  it('property: hostile text and spans never yield a raw < outside our own mark tags, and the text survives', () => {
    fc.assert(
      fc.property(textAndSpans, ([text, spans]) => {
        const out = highlight(text, spans);
        const rest = withoutOwnTags(out);
        expect(rest).not.toContain('<');
        expect(rest).not.toContain('>');
        expect(rest).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        expect(visibleText(out)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('highlight joins', () => {
  it('overlapping spans of one slot become one mark', () => {
    const out = highlight('Anmeldenamen ohne Domain', [
      { slot: 'usernamesChange', value: 'yes', start: 13, end: 24 },
      { slot: 'usernamesChange', value: 'yes', start: 0, end: 17 },
    ]);
    expect(out).toBe(`<mark class="slot-usernamesChange" data-slot="usernamesChange" title="Usernames would change = yes">Anmeldenamen ohne Domain</mark>${label('Usernames would change')}`);
  });
});
