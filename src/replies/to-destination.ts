import { escapeHtml, escapeMrkdwn, neutralisePlaceholders } from './escape.js';
import { parseMarkdown, plainText, type Block, type Inline } from './markdown-subset.js';
import type { Destination } from './types.js';

/**
 * Converts a reply rendered as Markdown (our template subset, untrusted parts already escaped) to a destination.
 * Every branch ends in neutralisePlaceholders: whatever the format, Zendesk must never see a live `{{`.
 */
export function toDestination(markdown: string, destination: Destination): string {
  switch (destination) {
    case 'markdown':
      return neutralisePlaceholders(markdown);
    case 'mrkdwn':
      return neutralisePlaceholders(renderBlocks(parseMarkdown(markdown), mrkdwn));
    case 'html':
      return neutralisePlaceholders(renderBlocks(parseMarkdown(markdown), html));
    case 'text':
      return neutralisePlaceholders(renderBlocks(parseMarkdown(markdown), text));
    default:
      throw new Error(`Unknown destination "${String(destination satisfies never)}"`);
  }
}

interface Format {
  inline(node: Inline): string;
  heading(content: string, level: number): string;
  paragraph(lines: string[]): string;
  list(items: string[][], ordered: boolean, start: number): string;
  separator: string;
}

function renderBlocks(blocks: Block[], f: Format): string {
  const inlines = (nodes: Inline[]) => nodes.map((n) => f.inline(n)).join('');
  return blocks
    .map((b) => {
      if (b.kind === 'heading') return f.heading(inlines(b.content), b.level);
      if (b.kind === 'paragraph') return f.paragraph(b.lines.map(inlines));
      return f.list(
        b.items.map((lines) => lines.map(inlines)),
        b.ordered,
        b.start,
      );
    })
    .join(f.separator);
}

const plainLines = (items: string[][], ordered: boolean, start: number, bullet: string) =>
  items.map((lines, i) => `${ordered ? `${start + i}.` : bullet} ${lines.join(' ')}`).join('\n');

// Templates show article URLs as the link text; in plain text that address needs no repeating.
const isBareUrl = (label: string) => label.startsWith('https://');

const mrkdwn: Format = {
  inline(n) {
    switch (n.kind) {
      case 'text':
        return escapeMrkdwn(n.text);
      case 'code':
        return `\`${escapeMrkdwn(n.text)}\``;
      case 'strong':
        return `*${n.children.map((c) => mrkdwn.inline(c)).join('')}*`;
      case 'link': {
        const label = plainText(n.children);
        return label === n.href ? `<${escapeMrkdwn(n.href)}>` : `<${escapeMrkdwn(n.href)}|${escapeMrkdwn(label)}>`;
      }
    }
  },
  heading: (content) => `*${content}*`,
  paragraph: (lines) => lines.join('\n'),
  list: (items, ordered, start) => plainLines(items, ordered, start, '•'),
  separator: '\n\n',
};

const html: Format = {
  inline(n) {
    switch (n.kind) {
      case 'text':
        return escapeHtml(n.text);
      case 'code':
        return `<code>${escapeHtml(n.text)}</code>`;
      case 'strong':
        return `<strong>${n.children.map((c) => html.inline(c)).join('')}</strong>`;
      case 'link':
        return `<a href="${escapeHtml(n.href)}" rel="noopener noreferrer">${n.children.map((c) => html.inline(c)).join('')}</a>`;
    }
  },
  heading: (content, level) => `<h${level}>${content}</h${level}>`,
  paragraph: (lines) => `<p>${lines.join('\n')}</p>`,
  list(items, ordered, start) {
    const tag = ordered ? 'ol' : 'ul';
    const open = ordered && start !== 1 ? `<ol start="${start}">` : `<${tag}>`;
    return `${open}\n${items.map((lines) => `<li>${lines.join('\n')}</li>`).join('\n')}\n</${tag}>`;
  },
  separator: '\n',
};

const text: Format = {
  inline(n) {
    switch (n.kind) {
      case 'text':
      case 'code':
        return n.text;
      case 'strong':
        return n.children.map((c) => text.inline(c)).join('');
      case 'link': {
        const label = plainText(n.children);
        return isBareUrl(label) ? label : `${label} (${n.href})`;
      }
    }
  },
  heading: (content) => content,
  paragraph: (lines) => lines.join('\n'),
  list: (items, ordered, start) => plainLines(items, ordered, start, '-'),
  separator: '\n\n',
};
