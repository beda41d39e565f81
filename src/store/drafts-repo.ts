// Drafts: creation supersedes the older pending draft of the ticket in the same transaction; every later state
// change is one conditional UPDATE, so two doors or two instances cannot both win.
import { byId, clampLimit, json, toDraft, type Raw } from './rows.js';
import type { DraftRow, Sql, Store } from './types.js';

type DraftsRepo = Pick<
  Store,
  'createDraft' | 'getDraft' | 'latestDraft' | 'findDraftByInput' | 'listDrafts' | 'transitionDraft'
>;
type TransitionFields = Parameters<Store['transitionDraft']>[3];

// Advisory-lock namespace for per-ticket draft creation (the two-key form; migrations use the one-key form).
const DRAFT_LOCK_SPACE = 4_242;

const FIELD_COLUMNS: Record<keyof TransitionFields, string> = {
  decidedAt: 'decided_at',
  decidedBy: 'decided_by',
  door: 'door',
  reason: 'reason',
  editedText: 'edited_text',
  postedAt: 'posted_at',
  supersededBy: 'superseded_by',
};

export function draftsRepo(sql: Sql): DraftsRepo {
  const one = async (text: string, params: unknown[]): Promise<DraftRow | null> => {
    const [row] = await sql.query<Raw>(text, params);
    return row ? toDraft(row) : null;
  };

  return {
    createDraft(d, now, state = 'pending') {
      return sql.tx(async (tx) => {
        // Two workers drafting for one ticket at once must not both leave a pending draft behind.
        await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DRAFT_LOCK_SPACE, d.ticketId]);
        const [next] = await tx.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('drafts', 'id')) AS id`);
        const id = Number(next!.id);
        // A draft superseded without a successor yet (an approved reply the customer overtook, see
        // drafts/supersede-overtaken.ts, or an off-topic follow-up) gets this one as its successor too, so every door
        // can link to the draft that answers the newer statement; its decision time stays.
        const superseded = await tx.query<Raw>(
          `UPDATE drafts SET state = 'superseded', superseded_by = $1, decided_at = COALESCE(decided_at, $2)
           WHERE ticket_id = $3 AND (state = 'pending' OR (state = 'superseded' AND superseded_by IS NULL))
           RETURNING *`,
          [id, now, d.ticketId],
        );
        const c = d.classification;
        const [row] = await tx.query<Raw>(
          `INSERT INTO drafts (id, ticket_id, ticket_version, state, branch, language, product, confidence,
             auto_send_eligible, slots, evidence, thread, input_hash, template_id, template_version, text, created_at,
             corrected_from)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15, $16, $17, $18)
           RETURNING *`,
          [
            id, d.ticketId, d.ticketVersion, state, c.branch, c.slots.language, c.slots.product, c.confidence,
            c.autoSend, json(c.slots), json(c.evidence), json(d.thread), d.inputHash, d.templateId,
            d.templateVersion, d.text, now, d.correctedFrom ?? null,
          ],
        );
        return { draft: toDraft(row!), superseded: byId(superseded.map(toDraft)) };
      });
    },

    getDraft: (id) => one('SELECT * FROM drafts WHERE id = $1', [id]),
    latestDraft: (ticketId) => one('SELECT * FROM drafts WHERE ticket_id = $1 ORDER BY id DESC LIMIT 1', [ticketId]),
    findDraftByInput: (ticketId, inputHash) =>
      one('SELECT * FROM drafts WHERE ticket_id = $1 AND input_hash = $2 ORDER BY id DESC LIMIT 1', [
        ticketId,
        inputHash,
      ]),

    async listDrafts(f) {
      const rows = await sql.query<Raw>(
        `SELECT * FROM drafts
         WHERE ($1::text[] IS NULL OR state = ANY($1::text[]))
           AND ($2::text IS NULL OR branch = $2)
           AND ($3::text IS NULL OR language = $3)
           AND ($4::text IS NULL OR ticket_id = $4)
         ORDER BY id DESC
         LIMIT $5`,
        [f.states ?? null, f.branch ?? null, f.language ?? null, f.ticketId ?? null, clampLimit(f.limit)],
      );
      return rows.map(toDraft);
    },

    transitionDraft(id, from, to, fields) {
      const sets = ['state = $3'];
      const params: unknown[] = [id, from, to];
      for (const [field, column] of Object.entries(FIELD_COLUMNS) as [keyof TransitionFields, string][]) {
        const value = fields[field];
        if (value === undefined) continue;
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      }
      return one(`UPDATE drafts SET ${sets.join(', ')} WHERE id = $1 AND state = ANY($2::text[]) RETURNING *`, params);
    },
  };
}

