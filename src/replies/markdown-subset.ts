// A parser for the small Markdown subset our templates use, so that converting a reply to Slack mrkdwn, HTML or
// plain text works on structure rather than on regex replacements over text that may hold a requester's name.
//
// Blocks: paragraphs, `#` headings, `- ` bullet lists, `1. ` ordered lists (blank lines separate blocks).
// Inlines: backslash escapes, `**strong**`, `` `code` ``, `[text](https://…)`.
// Anything else is literal text. Untrusted text reaches this parser only through escapeMarkdown, which escapes
// every character that could open a construct here, so only template text can produce links or emphasis.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; content: Inline[] }
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][][] };

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
// Only absolute https links from our templates; anything that could break out of an href or a Slack `<url|label>`
// (quotes, spaces, angle brackets, `|`) disqualifies the link and leaves it as text.
const SAFE_HREF = /^https:\/\/[^\s"'<>|\\`{}]+$/;

const HEADING = /^(#{1,6}) +(.*)$/;
const BULLET = /^- +(.*)$/;
const ORDERED = /^(\d{1,9})\. +(.*)$/;

export function parseMarkdown(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    if (line.trim() === '') {
      open = undefined;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, content: parseInline(heading[2]!.trim()) });
      open = undefined;
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (bullet || ordered) {
      const isOrdered = !bullet;
      const content = parseInline((bullet ? bullet[1] : ordered![2])!.trim());
      if (open?.kind === 'list' && open.ordered === isOrdered) {
        open.items.push([content]);
      } else {
        open = { kind: 'list', ordered: isOrdered, start: ordered ? Number(ordered[1]) : 1, items: [[content]] };
        blocks.push(open);
      }
      continue;
    }
    const content = parseInline(line.trim());
    if (open?.kind === 'paragraph') open.lines.push(content);
    else if (open?.kind === 'list') open.items[open.items.length - 1]!.push(content); // lazy continuation
    else {
      open = { kind: 'paragraph', lines: [content] };
      blocks.push(open);
    }
  }
  return blocks;
}

export function parseInline(src: string, insideStrong = false): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '\\' && next !== undefined && ASCII_PUNCTUATION.test(next)) {
      text += next;
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: src.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (!insideStrong && c === '*' && next === '*') {
      const end = indexOfUnescaped(src, '**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'strong', children: parseInline(src.slice(i + 2, end), true) });
        i = end + 2;
        continue;
      }
    }
    if (c === '[') {
      const link = matchLink(src, i);
      if (link) {
        flush();
        out.push({ kind: 'link', href: link.href, children: parseInline(link.text, insideStrong) });
        i = link.end;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flush();
  return out;
}

/** The plain text of inlines, with all markup removed. */
export function plainText(inlines: Inline[]): string {
  return inlines.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : plainText(n.children))).join('');
}

function indexOfUnescaped(src: string, token: string, from: number): number {
  for (let i = from; i < src.length; i += 1) {
    if (src[i] === '\\') i += 1;
    else if (src.startsWith(token, i)) return i;
  }
  return -1;
}

// `[text](href)` with balanced parentheses in href, as CommonMark allows (MediaWiki titles contain them).
function matchLink(src: string, start: number): { text: string; href: string; end: number } | undefined {
  const close = indexOfUnescaped(src, ']', start + 1);
  if (close < 0 || src[close + 1] !== '(') return undefined;
  const text = src.slice(start + 1, close);
  if (indexOfUnescaped(text, '[', 0) >= 0) return undefined;
  let depth = 0;
  for (let i = close + 2; i < src.length; i += 1) {
    const c = src[i];
    if (c === '(') depth += 1;
    else if (c === ')') {
      if (depth === 0) {
        const href = src.slice(close + 2, i);
        return SAFE_HREF.test(href) ? { text, href, end: i + 1 } : undefined;
      }
      depth -= 1;
    }
  }
  return undefined;
}
