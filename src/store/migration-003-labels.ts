// Labels from agent decisions (issue 13) and corrected drafts. Migration 002 belongs to another change; numbers only
// need to be increasing. Written to add, never to change what the previous version uses: the only index that changes
// (one draft per customer statement) keeps its meaning for every draft the previous version can insert.
import type { Migration } from './migrations.js';

export const labelsSchema: Migration = {
  version: 3,
  name: 'labels from decisions, corrected drafts',
  statements: [
    // A corrected draft answers the same customer statement as the draft it corrects: it points back to it.
    `ALTER TABLE drafts ADD COLUMN corrected_from bigint`,
    `DROP INDEX drafts_one_per_version`,
    // Still one draft made by the classifier per customer statement (two instances racing on one event) …
    `CREATE UNIQUE INDEX drafts_one_per_version ON drafts (ticket_id, ticket_version) WHERE corrected_from IS NULL`,
    // … and one correction per draft, whichever door or instance corrects it first.
    `CREATE UNIQUE INDEX drafts_one_correction ON drafts (corrected_from) WHERE corrected_from IS NOT NULL`,

    // One row per draft the classifier made and an agent decided (or corrected after it was auto-sent).
    // thread is the only customer text: NULL once purged (LABEL_RETENTION_DAYS) or erased (DELETE /admin/labels).
    `CREATE TABLE labels (
      id bigserial PRIMARY KEY,
      draft_id bigint NOT NULL UNIQUE,
      ticket_id text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('confirmed', 'corrected', 'unknown')),
      thread jsonb,
      reading jsonb NOT NULL,
      labels jsonb,
      auto_sent boolean NOT NULL DEFAULT false,
      actor text NOT NULL,
      door text NOT NULL,
      template_id text NOT NULL,
      template_version text NOT NULL,
      decided_at timestamptz NOT NULL,
      text_erased_at timestamptz
    )`,
    `CREATE INDEX labels_ticket ON labels (ticket_id)`,
    `CREATE INDEX labels_decided ON labels (decided_at)`,
    `CREATE INDEX labels_with_text ON labels (decided_at) WHERE thread IS NOT NULL`,
  ],
};
