import { escapeMarkdown, neutralisePlaceholders } from './escape.js';
import { cleanRequesterName } from './requester-name.js';
import type { ReplyInput } from './types.js';

/**
 * What a template sees. The templates are compiled with `noEscape`, so every string here must already be safe
 * Markdown; the flags are plain booleans so that a template never compares slot strings itself.
 */
export interface ReplyContext {
  /** The requester's name, cleaned and Markdown-escaped; '' when unknown (templates fall back to a plain greeting). */
  name: string;
  isSpe: boolean;
  productUnknown: boolean;
  dsUnknown: boolean;
  dsM365Basic: boolean;
  dsM365Modern: boolean;
  namesChange: boolean;
  namesSame: boolean;
  namesUnknown: boolean;
}

export function buildReplyContext(input: ReplyInput): ReplyContext {
  const directoryService = input.slots?.directoryService ?? 'unknown';
  const usernamesChange = input.slots?.usernamesChange ?? 'unknown';
  return {
    name: neutralisePlaceholders(escapeMarkdown(cleanRequesterName(input.requesterName))),
    isSpe: input.product === 'spe',
    productUnknown: input.product === 'unknown',
    dsUnknown: directoryService === 'unknown',
    dsM365Basic: directoryService === 'm365-basic',
    dsM365Modern: directoryService === 'm365-modern',
    namesChange: usernamesChange === 'yes',
    namesSame: usernamesChange === 'no',
    namesUnknown: usernamesChange === 'unknown',
  };
}
