import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/replies/escape.js';
import { toDestination } from '../../src/replies/to-destination.js';

const URL = 'https://help.mailstore.com/en/server/Archiving_Emails_from_Microsoft_365_Hybrid';
const PAREN_TEXT = 'https://help.mailstore.com/de/server/E-Mail-Archivierung_von_Microsoft_365_(Modern_Authentication)';
const PAREN_HREF = 'https://help.mailstore.com/de/server/E-Mail-Archivierung_von_Microsoft_365_%28Modern_Authentication%29';

const SAMPLE = [
  'Hello Jana,',
  '',
  `Read “Hybrid” ([${URL}](${URL})) and [the guide](${URL}).`,
  '',
  '1. Go to **Administrative Tools > Users** now.',
  '2. Edit `mailstore-users.txt`.',
  '',
  '- first',
  '- second',
  '',
  '## Heading',
].join('\n');

describe('toDestination', () => {
  it('keeps Markdown as it is', () => {
    expect(toDestination(SAMPLE, 'markdown')).toBe(SAMPLE);
  });

  it('converts to Slack mrkdwn', () => {
    expect(toDestination(SAMPLE, 'mrkdwn')).toBe(
      [
        'Hello Jana,',
        '',
        `Read “Hybrid” (<${URL}>) and <${URL}|the guide>.`,
        '',
        '1. Go to *Administrative Tools &gt; Users* now.',
        '2. Edit `mailstore-users.txt`.',
        '',
        '• first',
        '• second',
        '',
        '*Heading*',
      ].join('\n'),
    );
  });

  it('converts to HTML with escaped text and safe links', () => {
    expect(toDestination(SAMPLE, 'html')).toBe(
      [
        '<p>Hello Jana,</p>',
        `<p>Read “Hybrid” (<a href="${URL}" rel="noopener noreferrer">${URL}</a>) and <a href="${URL}" rel="noopener noreferrer">the guide</a>.</p>`,
        '<ol>',
        '<li>Go to <strong>Administrative Tools &gt; Users</strong> now.</li>',
        '<li>Edit <code>mailstore-users.txt</code>.</li>',
        '</ol>',
        '<ul>',
        '<li>first</li>',
        '<li>second</li>',
        '</ul>',
        '<h2>Heading</h2>',
      ].join('\n'),
    );
  });

  it('converts to plain text', () => {
    expect(toDestination(SAMPLE, 'text')).toBe(
      [
        'Hello Jana,',
        '',
        `Read “Hybrid” (${URL}) and the guide (${URL}).`,
        '',
        '1. Go to Administrative Tools > Users now.',
        '2. Edit mailstore-users.txt.',
        '',
        '- first',
        '- second',
        '',
        'Heading',
      ].join('\n'),
    );
  });

  it('handles URLs with parentheses (MediaWiki titles)', () => {
    const md = `See [${PAREN_TEXT}](${PAREN_HREF}).`;
    expect(toDestination(md, 'html')).toBe(
      `<p>See <a href="${PAREN_HREF}" rel="noopener noreferrer">${PAREN_TEXT}</a>.</p>`,
    );
    expect(toDestination(md, 'mrkdwn')).toBe(`See <${PAREN_HREF}|${PAREN_TEXT}>.`);
    expect(toDestination(md, 'text')).toBe(`See ${PAREN_TEXT}.`);
    // Balanced parentheses in the destination itself, as CommonMark allows.
    expect(toDestination(`[x](https://a.example/b_(c))`, 'mrkdwn')).toBe('<https://a.example/b_(c)|x>');
  });

  it('keeps an ordered list that starts later than 1', () => {
    expect(toDestination('3. three\n4. four', 'html')).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
  });

  it('joins a paragraph over several lines, and a lazy line into its list item', () => {
    expect(toDestination('a\nb', 'html')).toBe('<p>a\nb</p>');
    expect(toDestination('- a\nb', 'text')).toBe('- a b');
  });

  it('turns escaped Markdown back into literal text, never into markup', () => {
    const md = `Hello ${escapeMarkdown('**Bold** [x](https://evil.example) <!channel> <script> `code`')},`;
    expect(toDestination(md, 'text')).toBe('Hello **Bold** [x](https://evil.example) <!channel> <script> `code`,');
    expect(toDestination(md, 'mrkdwn')).toBe(
      'Hello **Bold** [x](https://evil.example) &lt;!channel&gt; &lt;script&gt; `code`,',
    );
    expect(toDestination(md, 'html')).toBe(
      '<p>Hello **Bold** [x](https://evil.example) &lt;!channel&gt; &lt;script&gt; `code`,</p>',
    );
  });

  it('makes only https links into links', () => {
    for (const href of ['javascript:alert(1)', 'http://plain.example', 'https://x.example/"onmouseover="a', 'https://a|b']) {
      const html = toDestination(`[x](${href})`, 'html');
      expect(html).not.toContain('<a ');
      expect(toDestination(`[x](${href})`, 'mrkdwn')).not.toMatch(/<(?!https:)/);
    }
  });

  it('leaves unmatched markers as text', () => {
    expect(toDestination('a ** b [c] (d) `e', 'html')).toBe('<p>a ** b [c] (d) `e</p>');
  });

  it('neutralises placeholders in every destination', () => {
    for (const d of ['markdown', 'mrkdwn', 'html', 'text'] as const) {
      expect(toDestination('Hi {{ticket.id}} and `{{x}}`', d)).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('rejects an unknown destination', () => {
    expect(() => toDestination('x', 'pdf' as never)).toThrow(/Unknown destination/);
  });
});
