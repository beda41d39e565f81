import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeMrkdwn, neutralisePlaceholders } from '../../src/replies/escape.js';
import { cleanRequesterName, MAX_NAME_LENGTH } from '../../src/replies/requester-name.js';

describe('escapeMarkdown', () => {
  it('backslash-escapes every character that can start Markdown syntax', () => {
    expect(escapeMarkdown('\\ * _ [ ] ( ) # + - ! ` < > ~')).toBe(
      '\\\\ \\* \\_ \\[ \\] \\( \\) \\# \\+ \\- \\! \\` \\< \\> \\~',
    );
  });
  it('turns a link and an image into plain text', () => {
    expect(escapeMarkdown('[click](https://evil.example)')).toBe('\\[click\\]\\(https://evil.example\\)');
    expect(escapeMarkdown('![x](y)')).toBe('\\!\\[x\\]\\(y\\)');
  });
  it('leaves ordinary names alone', () => {
    expect(escapeMarkdown('Jana Kraus')).toBe('Jana Kraus');
    expect(escapeMarkdown('Zoë Ødegård')).toBe('Zoë Ødegård');
  });
});

describe('escapeMrkdwn', () => {
  it('escapes only & < >', () => {
    expect(escapeMrkdwn('a & b < c > d *e* _f_')).toBe('a &amp; b &lt; c &gt; d *e* _f_');
  });
  it('makes mentions, broadcasts and links inert', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <!subteam^S1> <https://x|label>')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;!subteam^S1&gt; &lt;https://x|label&gt;',
    );
  });
  it('escapes & first so existing entities stay visible text', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<script>alert("x" + 'y') & co</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;) &amp; co&lt;/script&gt;',
    );
  });
});

describe('neutralisePlaceholders', () => {
  it('breaks up double braces so Zendesk renders no placeholder', () => {
    expect(neutralisePlaceholders('{{ticket.id}}')).toBe('{ {ticket.id} }');
  });
  it('also breaks longer runs', () => {
    expect(neutralisePlaceholders('{{{x}}}')).toBe('{ { {x} } }');
    expect(neutralisePlaceholders('{{{{')).not.toMatch(/\{\{/);
  });
  it('breaks up Liquid tags ({% … %}) too', () => {
    expect(neutralisePlaceholders('{% if x %}hi{% endif %}')).toBe('{ % if x % }hi{ % endif % }');
    expect(neutralisePlaceholders('{%- assign a = 1 -%}')).not.toMatch(/\{%|%\}/);
  });
  it('leaves single braces alone', () => {
    expect(neutralisePlaceholders('{a} }b{')).toBe('{a} }b{');
  });
});

describe('cleanRequesterName', () => {
  it('returns an empty string for missing or blank names', () => {
    expect(cleanRequesterName(undefined)).toBe('');
    expect(cleanRequesterName('')).toBe('');
    expect(cleanRequesterName(' \n\t\u0000 ')).toBe('');
  });
  it('makes one line with single spaces', () => {
    expect(cleanRequesterName('  Jana\r\n  Kraus\u2028GmbH\t ')).toBe('Jana Kraus GmbH');
  });
  it('removes control characters and bidi overrides', () => {
    expect(cleanRequesterName('Ja\u0007na\u202e Kraus\u0085')).toBe('Ja na Kraus');
  });
  it(`caps the name at ${MAX_NAME_LENGTH} graphemes without splitting one`, () => {
    expect(cleanRequesterName('x'.repeat(10_000))).toHaveLength(MAX_NAME_LENGTH);
    // "é" written as e + combining accent is one grapheme of two code units: never cut in half.
    const e = 'e\u0301';
    expect(cleanRequesterName(e.repeat(200))).toBe(e.repeat(MAX_NAME_LENGTH).normalize('NFC'));
  });
  it('drops lone surrogates', () => {
    expect(cleanRequesterName('a\ud800b')).toBe('a b');
  });
  it('keeps letters, spaces, hyphens and apostrophes only: a URL or www name never reaches the greeting', () => {
    expect(cleanRequesterName("Anne-Marie O'Neill")).toBe("Anne-Marie O'Neill");
    expect(cleanRequesterName('Zoë Ødegård')).toBe('Zoë Ødegård');
    expect(cleanRequesterName('https://evil.example/login')).toBe('');
    expect(cleanRequesterName('Jana www.evil.example Kraus')).toBe('Jana Kraus');
    expect(cleanRequesterName('{% raw %}Eve{{x}} 555-0100')).toBe('raw Eve x');
    expect(cleanRequesterName('👨‍👩‍👧')).toBe('');
  });
});
