// Labels: one row per classifier draft an agent decided. The thread is the only customer text in a row; retention
// and erasure null it and keep the rest (the reading and the right reading hold no personal data), so the accuracy
// figures outlive the text.
import { clampLimit, json, toLabel, type Raw } from './rows.js';
import type { Sql, Store } from './types.js';

type LabelsRepo = Pick<Store, 'recordLabel' | 'getLabel' | 'listLabels' | 'purgeLabelText' | 'eraseTicketText'>;

const COLUMNS = `id, draft_id, ticket_id, outcome, reading, labels, auto_sent, actor, door, template_id, template_version,
  decided_at, text_erased_at`;

// A draft's customer text, emptied: the row stays (its state and audit trail matter), the words go.
const ERASED_THREAD = json({ subject: '', body: '' });

export function labelsRepo(sql: Sql): LabelsRepo {
  return {
    async recordLabel(l, mode) {
      const conflict =
        mode === 'replace'
          ? `DO UPDATE SET outcome = EXCLUDED.outcome, labels = EXCLUDED.labels, actor = EXCLUDED.actor, door = EXCLUDED.door,
               decided_at = EXCLUDED.decided_at, auto_sent = labels.auto_sent OR EXCLUDED.auto_sent`
          : 'DO NOTHING';
      const rows = await sql.query(
        `INSERT INTO labels (draft_id, ticket_id, outcome, thread, reading, labels, auto_sent, actor, door, template_id,
           template_version, decided_at, text_erased_at)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (draft_id) ${conflict}
         RETURNING id`,
        [
          l.draftId, l.ticketId, l.outcome, l.thread === null ? null : json(l.thread), json(l.reading),
          l.labels === null ? null : json(l.labels), l.autoSent, l.actor, l.door, l.templateId, l.templateVersion,
          l.decidedAt, l.thread === null ? l.decidedAt : null,
        ],
      );
      return rows.length === 1;
    },

    async getLabel(draftId) {
      const [row] = await sql.query<Raw>('SELECT * FROM labels WHERE draft_id = $1', [draftId]);
      return row ? toLabel(row) : null;
    },

    async listLabels(f) {
      const rows = await sql.query<Raw>(
        `SELECT ${COLUMNS}${f.includeThread ? ', thread' : ''} FROM labels
         WHERE ($1::timestamptz IS NULL OR decided_at >= $1)
           AND ($2::timestamptz IS NULL OR decided_at <= $2)
           AND ($3::text IS NULL OR ticket_id = $3)
           AND ($4::boolean IS NOT TRUE OR thread IS NOT NULL)
           AND id > $5
         ORDER BY id
         LIMIT $6`,
        [f.since ?? null, f.until ?? null, f.ticketId ?? null, f.withText ?? false, f.afterId ?? 0, clampLimit(f.limit, 1000)],
      );
      return rows.map(toLabel);
    },

    async purgeLabelText(before, now) {
      const rows = await sql.query(
        `UPDATE labels SET thread = NULL, text_erased_at = $2 WHERE thread IS NOT NULL AND decided_at < $1 RETURNING id`,
        [before, now],
      );
      return rows.length;
    },

    eraseTicketText(ticketId, now) {
      return sql.tx(async (tx) => {
        const labels = await tx.query(
          `UPDATE labels SET thread = NULL, text_erased_at = $2 WHERE ticket_id = $1 AND thread IS NOT NULL RETURNING id`,
          [ticketId, now],
        );
        // Evidence quotes the customer too. A draft that can still be sent (pending, approved) keeps its reply;
        // every other draft loses its reply text as well (it greets the customer by name).
        const drafts = await tx.query(
          `UPDATE drafts SET thread = $2::jsonb, evidence = '[]'::jsonb,
             text = CASE WHEN state IN ('pending', 'approved') THEN text ELSE '' END,
             edited_text = CASE WHEN state IN ('pending', 'approved') THEN edited_text ELSE NULL END
           WHERE ticket_id = $1 RETURNING id`,
          [ticketId, ERASED_THREAD],
        );
        // Only sent rows: a pending or dead row (an admin may revive it) still needs its payload to be sent.
        const outbox = await tx.query(
          `UPDATE outbox SET payload = '{}'::jsonb, result = NULL WHERE ticket_id = $1 AND state = 'sent' RETURNING id`,
          [ticketId],
        );
        return { labels: labels.length, drafts: drafts.length, outbox: outbox.length };
      });
    },
  };
}
