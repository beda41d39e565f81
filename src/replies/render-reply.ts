import { LANGUAGES, PRODUCTS } from '../classify/types.js';
import { ReplyError } from './errors.js';
import { defaultTemplates, type TemplateSet } from './load-templates.js';
import { buildReplyContext } from './reply-context.js';
import { toDestination } from './to-destination.js';
import type { Destination, RenderedReply, ReplyInput } from './types.js';

/**
 * Renders the reply for a classified ticket. Templates produce Markdown; other destinations are converted from it.
 * Off-topic tickets get no reply: callers check the branch first, and passing one is a programming error.
 */
export function renderReply(
  input: ReplyInput,
  destination: Destination = 'markdown',
  templates: TemplateSet = defaultTemplates(),
): RenderedReply {
  const branch: string = input.branch;
  if (branch === 'off-topic') {
    throw new ReplyError('no_reply_for_branch', 'Off-topic tickets get no reply: check the branch before calling renderReply.');
  }
  if (!(LANGUAGES as readonly string[]).includes(input.language)) {
    throw new ReplyError('invalid_reply_input', `Unknown language "${String(input.language)}"`);
  }
  if (!(PRODUCTS as readonly string[]).includes(input.product)) {
    throw new ReplyError('invalid_reply_input', `Unknown product "${String(input.product)}"`);
  }
  const templateId = `${branch}.${input.language}`;
  const template = templates.get(templateId);
  if (!template) throw new ReplyError('invalid_reply_input', `No template for branch "${branch}"`);

  const markdown = tidy(template.render(buildReplyContext(input)));
  return {
    templateId,
    version: template.version,
    branch: input.branch,
    language: input.language,
    product: input.product,
    destination,
    text: toDestination(markdown, destination),
  };
}

// Conditional blocks leave blank lines and line ends behind; collapse them so the Markdown has one blank line
// between blocks and no trailing spaces (two of which would be a hard line break).
function tidy(markdown: string): string {
  return markdown
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
