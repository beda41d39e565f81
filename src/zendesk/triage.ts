// The stable tag set and the triage mapping. Other Zendesk rules and reports key on these tags: never rename one
// without a migration note in the README. Pure.
import type { Classification } from '../classify/types.js';
import type { TriageMap, TriageRule } from '../config.js';

export const TAG_PREFIX = 'm365_';
export const TAGS = {
  needsApproval: 'm365_needs_approval',
  approved: 'm365_approved',
  rejected: 'm365_rejected',
  autoSent: 'm365_auto_sent',
  offTopic: 'm365_off_topic',
  onTopic: 'm365_topic_conversion',
} as const;

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '_').toLowerCase();

/** Tags describing a classification: topic, branch, language, product, directory service, usernames, choice. */
export function classificationTags(c: Classification): string[] {
  if (c.slots.topic === 'off-topic') return [TAGS.offTopic, `${TAG_PREFIX}lang_${c.slots.language}`];
  return [
    TAGS.onTopic,
    `${TAG_PREFIX}branch_${slug(c.branch)}`,
    `${TAG_PREFIX}lang_${c.slots.language}`,
    `${TAG_PREFIX}product_${c.slots.product}`,
    `${TAG_PREFIX}ds_${slug(c.slots.directoryService)}`,
    `${TAG_PREFIX}names_${c.slots.usernamesChange}`,
    `${TAG_PREFIX}choice_${c.slots.choice}`,
  ];
}

// Tags we own and recompute on every classification; anything else (including the approve/reject tags an agent
// may have just added) is kept unless named in `remove`.
const CLASSIFICATION_TAG = /^m365_(topic_|off_topic$|branch_|lang_|product_|ds_|names_|choice_|needs_approval$)/;

/** True for a tag the service recomputes on every classification (an approve or fix tag must never be one). */
export function isClassificationTag(tag: string): boolean {
  return CLASSIFICATION_TAG.test(tag);
}

/**
 * Zendesk's `tags` on a ticket update replaces all tags, so we merge. For a row that carries a new classification:
 * keep every tag that is not a classification tag of ours, drop our stale classification tags, add the new ones, and
 * drop the tags in `remove`.
 */
export function replaceClassificationTags(current: readonly string[], ours: readonly string[], remove: readonly string[] = []): string[] {
  const kept = current.filter((t) => !CLASSIFICATION_TAG.test(t) || ours.includes(t));
  return [...new Set([...kept, ...ours])].filter((t) => !remove.includes(t));
}

/**
 * For every other row (approval, rejection, a notice): add and remove only the named tags. The classification tags
 * stay as they are; Zendesk rules and reports key on them.
 */
export function editTags(current: readonly string[], add: readonly string[], remove: readonly string[] = []): string[] {
  return [...new Set([...current, ...add])].filter((t) => !remove.includes(t));
}

export function triageFor(c: Classification, map: TriageMap): TriageRule {
  return { ...(map.default ?? {}), ...(map[c.branch] ?? {}) };
}
