export { renderReply } from './render-reply.js';
export { toDestination } from './to-destination.js';
export { escapeHtml, escapeMarkdown, escapeMrkdwn, neutralisePlaceholders } from './escape.js';
export { cleanRequesterName, MAX_NAME_LENGTH } from './requester-name.js';
export { listTemplates, loadTemplates, defaultTemplates, TEMPLATE_IDS, DEFAULT_TEMPLATES_DIR } from './load-templates.js';
export type { TemplateInfo, TemplateSet, LoadedTemplate } from './load-templates.js';
export { ReplyError, type ReplyErrorCode } from './errors.js';
export type { Destination, ReplyInput, RenderedReply } from './types.js';
