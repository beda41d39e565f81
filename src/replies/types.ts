import type { Branch, Language, Product, Slots } from '../classify/types.js';

/** Where a rendered reply goes; each destination has its own escaping rules. */
export type Destination = 'markdown' | 'mrkdwn' | 'html' | 'text';

export interface ReplyInput {
  branch: Exclude<Branch, 'off-topic'>;
  language: Language;
  product: Product;
  /** Untrusted (comes from the ticket system): escaped per destination, never template source. */
  requesterName?: string;
  /** The classified slots, so a template can ask only for what is still unknown. */
  slots?: Partial<Slots>;
}

export interface RenderedReply {
  /** e.g. `hybrid.de` */
  templateId: string;
  /** Content hash of the template and every partial it may use: changes whenever the wording changes. */
  version: string;
  branch: Branch;
  language: Language;
  product: Product;
  /** The format of `text` (added; renderReply always sets it). */
  destination?: Destination;
  text: string;
}
