// Escapers for untrusted text (a requester's name). Each is pure and does one job; callers combine them.

// CommonMark lets a backslash escape any ASCII punctuation. These are the characters that can start markup in
// Markdown (Zendesk comments by agents) or GFM: emphasis, links, images, headings, lists, code, HTML, strikethrough.
const MARKDOWN_SPECIAL = /[\\`*_[\]()#+\-!<>~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

// Slack mrkdwn has no backslash escape: `&`, `<` and `>` are the only characters it defines entities for, and
// escaping them is enough to make `<!channel>`, `<@U1>`, `<!subteam^…>` and `<https://x|label>` plain text.
// https://api.slack.com/reference/surfaces/formatting#escaping
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

// Zendesk renders Liquid in comments sent through the API: `{{…}}` placeholders (unknown ones are silently dropped)
// and `{% … %}` tags (https://support.zendesk.com/hc/en-us/articles/4408886858138, "Using Liquid markup"). So no
// output may contain two braces in a row, nor a brace next to a percent sign. A space between them keeps the text
// readable and is never Liquid. The lookaheads also split longer runs (`{{{` → `{ { {`).
export function neutralisePlaceholders(text: string): string {
  return text
    .replace(/\{(?=[{%])/g, '{ ')
    .replace(/\}(?=\})/g, '} ')
    .replace(/%(?=\})/g, '% ');
}
