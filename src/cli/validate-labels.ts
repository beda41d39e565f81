// Reads the `labels` object of a labelled ticket (eval only). All seven fields are required, as in the corpus.
import {
  BRANCHES,
  CHOICES,
  DIRECTORY_SERVICES,
  LANGUAGES,
  PRODUCTS,
  TOPICS,
  USERNAMES_CHANGE,
} from '../classify/types.js';
import type { Expected } from './eval-metrics.js';
import { describe, isRecord } from './validate-ticket.js';

const ALLOWED: { [K in keyof Expected]: readonly string[] } = {
  topic: TOPICS,
  directoryService: DIRECTORY_SERVICES,
  usernamesChange: USERNAMES_CHANGE,
  choice: CHOICES,
  product: PRODUCTS,
  language: LANGUAGES,
  branch: BRANCHES,
};

export type LabelCheck = { ok: true; expected: Expected } | { ok: false; error: string };

export function validateLabels(record: Record<string, unknown>): LabelCheck {
  const labels = record.labels;
  if (labels === undefined || labels === null) return { ok: false, error: 'labels is missing (eval needs labelled tickets)' };
  if (!isRecord(labels)) return { ok: false, error: `labels must be an object, got ${describe(labels)}` };
  const out: Record<string, string> = {};
  for (const [field, allowed] of Object.entries(ALLOWED)) {
    const v = labels[field];
    if (typeof v !== 'string' || !allowed.includes(v)) {
      return { ok: false, error: `labels.${field} must be one of ${allowed.join(', ')}; got ${describe(v)}` };
    }
    out[field] = v;
  }
  return { ok: true, expected: out as unknown as Expected };
}
