// The labelled tickets as corpus JSONL, oldest first, a page at a time (memory stays flat for any number of
// labels). Used by GET /admin/labels and `m365-guide export-labels`.
import type { Store } from '../store/types.js';
import { corpusLine, type ExportOptions } from './export-format.js';

const PAGE = 500;

export async function* exportLabelLines(store: Store, o: ExportOptions & { since?: Date }): AsyncGenerator<string> {
  for (let afterId = 0; ; ) {
    const page = await store.listLabels({ withText: true, includeThread: true, afterId, limit: PAGE, ...(o.since ? { since: o.since } : {}) });
    for (const l of page) {
      const line = corpusLine(l, o);
      if (line) yield `${JSON.stringify(line)}\n`;
    }
    if (page.length < PAGE) return;
    afterId = page.at(-1)!.id;
  }
}
