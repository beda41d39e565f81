// Everything we put into Slack goes through here. Two kinds of text:
// - ours (labels, template output already converted by replies/ for mrkdwn): passed through, length-capped;
// - untrusted (ticket subject, customer message, evidence, reasons): escaped so it can never become a mention
//   (`<!channel>`, `<!here>`, `<@U…>`, `<!subteam^…>`), a channel link or a disguised link (`<https://x|y>`),
//   quoted so `*bold*`/`_x_` stay literal, and stripped of `{{` so nothing copied back to Zendesk is a placeholder.
// Every mrkdwn text object carries `verbatim: true` so Slack does not auto-link or parse bare @mentions either.
// https://api.slack.com/reference/surfaces/formatting#escaping · integrations.md trap 6
import type { types } from '@slack/bolt';
import { escapeMrkdwn, neutralisePlaceholders } from '../replies/index.js';

/** Slack's limit for one text object (section text, field, context element). */
export const TEXT_LIMIT = 3000;
export const FIELD_LIMIT = 2000;

export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: cap(text, TEXT_LIMIT), verbatim: true };
}

/** A section field: Slack allows 2,000 characters per field (https://docs.slack.dev/reference/block-kit/blocks/section-block). */
export function field(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: cap(text, FIELD_LIMIT), verbatim: true };
}

export function plain(text: string, max = 75): types.PlainTextElement {
  return { type: 'plain_text', text: cap(text, max), emoji: false };
}

export function section(text: string): types.KnownBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function context(text: string): types.KnownBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

/**
 * Cuts to `max` characters with an ellipsis. Never leaves half an entity (`&am`) or half a surrogate pair, either
 * of which Slack would show as garbage.
 */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]{0,4}$/, '').replace(/[\uD800-\uDBFF]$/, '');
  return `${cut}…`;
}

/** Untrusted text as mrkdwn-safe characters (no quoting): for names and reasons inside our own sentences. */
export function escapeUntrusted(text: string, max: number): string {
  // Cap the raw text first (what a person wrote), then again after escaping (what Slack counts).
  const raw = neutralisePlaceholders(text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ''));
  return cap(escapeMrkdwn(cap(raw, max)), max * 2);
}

/** Untrusted text on one line as inline code, so mrkdwn markers inside it stay literal. */
export function inlineUntrusted(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim().replace(/`/g, 'ˋ');
  return one ? `\`${escapeUntrusted(one, max)}\`` : '_(empty)_';
}

/** Untrusted multi-line text as a preformatted block (backticks replaced so it cannot close the block early). */
export function quoteUntrusted(text: string, max = 600): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/`/g, 'ˋ').trim();
  return body ? `\`\`\`${escapeUntrusted(body, max)}\`\`\`` : '_(empty)_';
}

/** Splits long mrkdwn of our own (a rendered guide) into section blocks, at paragraph breaks where possible. */
export function sections(text: string, limit = TEXT_LIMIT): types.KnownBlock[] {
  const chunks: string[] = [];
  let current = '';
  for (const para of text.split(/\n{2,}/)) {
    const next = current ? `${current}\n\n${para}` : para;
    if (next.length <= limit) {
      current = next;
      continue;
    }
    if (current) chunks.push(current);
    current = para;
    while (current.length > limit) {
      // A paragraph longer than the limit: cut at the last line break that fits, else hard.
      const at = current.lastIndexOf('\n', limit);
      const cut = at > limit / 2 ? at : limit;
      chunks.push(current.slice(0, cut));
      current = current.slice(cut).replace(/^\n/, '');
    }
  }
  if (current) chunks.push(current);
  return chunks.map((c) => section(c));
}

/** `<@U123>` for Slack actors (`slack:U123`), a plain label for the other doors. */
export function actorLabel(actor: string | null): string {
  if (!actor) return 'someone';
  const slack = /^slack:([UW][A-Z0-9]{2,20})$/.exec(actor);
  if (slack) return `<@${slack[1]}>`;
  const zd = /^zendesk:(\d{1,20})$/.exec(actor);
  if (zd) return `Zendesk agent ${zd[1]}`;
  return escapeUntrusted(actor, 80);
}

/** A date Slack shows in each reader's own time zone; the ISO string is the fallback. */
export function slackDate(d: Date): string {
  return `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} {time}|${d.toISOString()}>`;
}
