// The first schema. Released: never edit it, add the next migration instead (see migrations.ts).
import type { Migration } from './migrations.js';

export const initialSchema: Migration = {
  version: 1,
  name: 'events, drafts, outbox, audit, meta',
  statements: [
    `CREATE TABLE events (
      id bigserial PRIMARY KEY,
      key text NOT NULL UNIQUE,
      source text NOT NULL,
      ticket_id text NOT NULL,
      type text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'processing', 'done', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      received_at timestamptz NOT NULL,
      next_attempt_at timestamptz NOT NULL,
      claimed_by text,
      locked_until timestamptz,
      last_error text
    )`,
    // The claim query looks for due pending rows and for processing rows whose lease ran out.
    `CREATE INDEX events_due ON events (next_attempt_at, id) WHERE state = 'pending'`,
    `CREATE INDEX events_leases ON events (locked_until) WHERE state = 'processing'`,

    `CREATE TABLE drafts (
      id bigserial PRIMARY KEY,
      ticket_id text NOT NULL,
      ticket_version text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'approved', 'posted', 'rejected', 'superseded', 'auto')),
      branch text NOT NULL,
      language text NOT NULL,
      product text NOT NULL,
      confidence double precision NOT NULL,
      auto_send_eligible boolean NOT NULL,
      slots jsonb NOT NULL,
      evidence jsonb NOT NULL,
      thread jsonb NOT NULL,
      input_hash text NOT NULL,
      template_id text NOT NULL,
      template_version text NOT NULL,
      text text NOT NULL,
      edited_text text,
      created_at timestamptz NOT NULL,
      decided_at timestamptz,
      decided_by text,
      door text CHECK (door IN ('zendesk', 'slack', 'review', 'auto')),
      reason text,
      posted_at timestamptz,
      -- deferred: createDraft points the older drafts at the new id just before inserting it
      superseded_by bigint REFERENCES drafts (id) DEFERRABLE INITIALLY DEFERRED
    )`,
    `CREATE INDEX drafts_ticket ON drafts (ticket_id, id DESC)`,
    `CREATE INDEX drafts_input ON drafts (ticket_id, input_hash)`,
    `CREATE INDEX drafts_state ON drafts (state, id DESC)`,
    // At most one draft per ticket waits for approval: the tag door approves "the" pending draft of a ticket.
    `CREATE UNIQUE INDEX drafts_one_pending ON drafts (ticket_id) WHERE state = 'pending'`,
    // One draft per customer statement: two instances racing on the same event cannot both draft it.
    `CREATE UNIQUE INDEX drafts_one_per_version ON drafts (ticket_id, ticket_version)`,

    // draft_id has no foreign key on purpose: rows outlive pruned drafts and some kinds have no draft at all.
    `CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      kind text NOT NULL,
      ticket_id text NOT NULL,
      draft_id bigint,
      payload jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'sent', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      claimed_by text,
      claimed_until timestamptz,
      last_error text,
      result jsonb,
      created_at timestamptz NOT NULL,
      sent_at timestamptz
    )`,
    `CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending'`,
    `CREATE INDEX outbox_leases ON outbox (claimed_until) WHERE state = 'claimed'`,
    `CREATE INDEX outbox_state ON outbox (state, id DESC)`,
    `CREATE INDEX outbox_draft ON outbox (draft_id) WHERE draft_id IS NOT NULL`,

    // Append-only: the code never issues UPDATE or DELETE against it.
    `CREATE TABLE audit (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      action text NOT NULL,
      ticket_id text,
      draft_id bigint,
      event_key text,
      actor text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`,
    `CREATE INDEX audit_ticket ON audit (ticket_id, id DESC) WHERE ticket_id IS NOT NULL`,
    `CREATE INDEX audit_draft ON audit (draft_id, id DESC) WHERE draft_id IS NOT NULL`,

    `CREATE TABLE meta (
      key text PRIMARY KEY,
      value text NOT NULL
    )`,
  ],
};
