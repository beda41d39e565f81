// The vocabulary of the classifier. Values and meanings follow ../shared/corpus/README.md exactly:
// other parts (tags, Slack picker, review page) key on these strings, so never rename one.

export const TOPICS = ['m365-conversion', 'off-topic'] as const;
export const DIRECTORY_SERVICES = [
  'm365-basic',
  'm365-modern',
  'active-directory',
  'ldap',
  'application-integration',
  'internal',
  'other',
  'unknown',
] as const;
export const USERNAMES_CHANGE = ['yes', 'no', 'unknown'] as const;
export const CHOICES = ['rename', 'hybrid', 'undecided'] as const;
export const PRODUCTS = ['server', 'spe', 'unknown'] as const;
export const LANGUAGES = ['en', 'de'] as const;
export const BRANCHES = ['off-topic', 'full-guide', 'modern-direct', 'rename-or-hybrid', 'rename', 'hybrid'] as const;

export type Topic = (typeof TOPICS)[number];
export type DirectoryService = (typeof DIRECTORY_SERVICES)[number];
export type UsernamesChange = (typeof USERNAMES_CHANGE)[number];
export type Choice = (typeof CHOICES)[number];
export type Product = (typeof PRODUCTS)[number];
export type Language = (typeof LANGUAGES)[number];
export type Branch = (typeof BRANCHES)[number];

export interface Slots {
  topic: Topic;
  directoryService: DirectoryService;
  usernamesChange: UsernamesChange;
  choice: Choice;
  product: Product;
  language: Language;
}
export type SlotName = keyof Slots;
export const SLOT_NAMES: readonly SlotName[] = [
  'topic',
  'directoryService',
  'usernamesChange',
  'choice',
  'product',
  'language',
];

export interface ThreadComment {
  author: 'customer' | 'agent';
  body: string;
}

/** A ticket thread in the corpus format (../shared/corpus/README.md). */
export interface Thread {
  subject: string;
  body: string;
  comments?: ThreadComment[];
  /** Display name of the requester, when the caller knows it (Zendesk does; the corpus does not). */
  requesterName?: string;
}

/** Where a piece of evidence was found: the subject, the first message, or comment N (1-based, as in the thread). */
export type Where = 'subject' | 'body' | `comment ${number}`;

export interface Evidence {
  slot: SlotName;
  value: string;
  /** Stable id of the rule that fired, e.g. `ds.active-directory.named`. */
  rule: string;
  where: Where;
  /** Character offsets into the original, uncleaned text of `where` (so a UI can highlight them). */
  start: number;
  end: number;
  /** The matched text itself (= original.slice(start, end)). */
  text: string;
  confidence: number;
}

export interface Classification {
  slots: Slots;
  branch: Branch;
  /** Overall confidence in the branch, 0..1. */
  confidence: number;
  /** True only inside the measured auto-send band (see auto-send.ts); eligibility only, nothing is sent. */
  autoSend: boolean;
  /** One or more entries per slot that was set from text; slots left at their default have none. */
  evidence: Evidence[];
}
