// Reads what the accuracy figures need for a window: labels decided in it (without their text) and the drafts that
// were auto-sent in it. Shared by the analytics page and /metrics, so both show the same numbers.
import type { Store } from '../store/types.js';
import { readingAccuracy, type ReadingAccuracy } from './accuracy.js';

const PAGE = 1000;

export async function loadReadingAccuracy(store: Store, from: Date, to: Date): Promise<ReadingAccuracy> {
  const labels = [];
  for (let afterId = 0; ; ) {
    const page = await store.listLabels({ since: from, until: to, afterId, limit: PAGE });
    labels.push(...page);
    if (page.length < PAGE) break;
    afterId = page.at(-1)!.id;
  }
  // Auto-sent: made in state auto (the worker's auto-send), posted or not yet; a human door never leaves door null.
  const auto = await store.sql.query<{ id: number | string }>(
    `SELECT id FROM drafts
     WHERE created_at >= $1 AND created_at <= $2
       AND (state = 'auto' OR (state = 'posted' AND (door IS NULL OR door = 'auto')))`,
    [from, to],
  );
  return readingAccuracy(labels, auto.map((r) => Number(r.id)));
}
