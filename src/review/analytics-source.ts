// Reads what the analytics need straight from the drafts table, in one query over the window: Store.listDrafts
// pages at 1000 rows and has no date filter. Only the columns the metrics use are read; the texts only for drafts
// approved with edits. (A read-only query like ops/health-routes.ts; a `store.draftStats(since)` would be its home.)
import type { Branch } from '../classify/types.js';
import type { Door, DraftState, Store } from '../store/types.js';
import type { AnalyticsDraft } from './analytics-metrics.js';

interface Raw {
  id: string | number;
  ticket_id: string;
  state: DraftState;
  branch: Branch;
  door: Door | null;
  created_at: string | Date;
  decided_at: string | Date | null;
  reason: string | null;
  text: string | null;
  edited_text: string | null;
  agent_comments: string | number;
}

/** Drafts created, decided or posted since `from`: every draft an event in the window belongs to. */
export async function loadAnalyticsDrafts(store: Store, from: Date): Promise<AnalyticsDraft[]> {
  const rows = await store.sql.query<Raw>(
    `SELECT id, ticket_id, state, branch, door, created_at, decided_at, reason,
            CASE WHEN edited_text IS NOT NULL THEN text END AS text, edited_text,
            (SELECT count(*) FROM jsonb_array_elements(CASE WHEN jsonb_typeof(thread->'comments') = 'array'
                                                          THEN thread->'comments' ELSE '[]'::jsonb END) c
              WHERE c->>'author' = 'agent') AS agent_comments
     FROM drafts
     WHERE created_at >= $1 OR decided_at >= $1 OR posted_at >= $1
     ORDER BY id`,
    [from],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    ticketId: r.ticket_id,
    state: r.state,
    branch: r.branch,
    door: r.door,
    createdAt: new Date(r.created_at),
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at),
    reason: r.reason,
    text: r.text,
    editedText: r.edited_text,
    agentComments: Number(r.agent_comments),
  }));
}
