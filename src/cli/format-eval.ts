// Human-readable eval report. Ordered detail first, key figures last, so `| tail` (and a CI log's last screen)
// shows what matters.
import { BRANCHES, SLOT_NAMES } from '../classify/types.js';
import type { EvalMetrics, Ratio } from './eval-metrics.js';

export interface EvalMeta {
  source: string;
  /** Lines that could not be evaluated (bad JSON, missing labels, …); already reported on stderr. */
  skippedLines: number;
}

const EVIDENCE_TEXT_MAX = 70;

export function formatEval(m: EvalMetrics, meta: EvalMeta): string {
  const out: string[] = [];
  out.push(`Evaluated ${m.tickets} labelled ticket${m.tickets === 1 ? '' : 's'} from ${meta.source}`, '');

  out.push('Per-slot accuracy');
  const slotRows = SLOT_NAMES.map((s) => [s, fraction(m.slots[s]), percent(m.slots[s].rate)]);
  slotRows.push(['branch', fraction(m.branch), percent(m.branch.rate)]);
  out.push(...table(slotRows, ['l', 'r', 'r']).map((l) => `  ${l}`), '');

  out.push('Confusion matrix (rows: expected branch, columns: actual branch)');
  const header = ['expected \\ actual', ...BRANCHES, 'total'];
  const rows: string[][] = [header];
  for (const e of BRANCHES) {
    const counts = BRANCHES.map((a) => m.confusion[e][a]);
    rows.push([e, ...counts.map(String), String(counts.reduce((x, y) => x + y, 0))]);
  }
  const colTotals = BRANCHES.map((a) => BRANCHES.reduce((sum, e) => sum + m.confusion[e][a], 0));
  rows.push(['total', ...colTotals.map(String), String(m.tickets)]);
  out.push(...table(rows, ['l', ...BRANCHES.map(() => 'r' as const), 'r']).map((l) => `  ${l}`), '');

  out.push('Reliability (confidence bins against branch accuracy; calibrated, the two columns agree)');
  const relRows = [['confidence', 'tickets', 'right', 'mean confidence', 'accuracy']];
  for (const b of m.reliability) {
    relRows.push([`${b.from.toFixed(2)}-${b.to.toFixed(2)}`, String(b.tickets), String(b.correct), percent(b.meanConfidence), percent(b.accuracy)]);
  }
  out.push(...table(relRows, ['l', 'r', 'r', 'r', 'r']).map((l) => `  ${l}`));
  out.push(`  expected calibration error: ${percent(m.calibrationError)}`, '');

  out.push('Misses by harm');
  const harmRows = [
    ['narrower and wrong', String(m.harm['narrower-and-wrong']), 'a specific path that does not fit (harmful)'],
    ['broader', String(m.harm.broader), 'full-guide or rename-or-hybrid where a narrower reply was right (safe: asks again)'],
    ['off-topic drafted', String(m.harm['off-topic-drafted']), 'a conversion reply drafted for another subject'],
    ['on-topic missed', String(m.harm['on-topic-missed']), 'a conversion ticket read as off-topic (a person answers)'],
    ['narrower and wrong at auto-send confidence', String(m.narrowerWrongAtAutoSendConfidence), 'must be 0'],
  ];
  out.push(...table(harmRows, ['l', 'r', 'l']).map((l) => `  ${l}`), '');

  if (m.misses.length === 0) {
    out.push('Misses: none', '');
  } else {
    out.push(`Misses (${m.misses.length}): tickets whose branch is wrong`);
    for (const miss of m.misses) {
      const flag = miss.autoSend ? '  ** AUTO-SEND ERROR **' : '';
      out.push(
        `  ${miss.id}: expected ${miss.expectedBranch}, actual ${miss.actualBranch}` +
          ` (confidence ${miss.confidence.toFixed(2)}, autoSend ${miss.autoSend ? 'yes' : 'no'})${flag}`,
      );
      for (const d of miss.slotDiffs) out.push(`    slot ${d.slot}: expected ${d.expected}, actual ${d.actual}`);
      if (miss.evidence.length === 0) {
        out.push('    evidence: none (every slot at its default)');
      } else {
        out.push('    evidence:');
        const evRows = miss.evidence.map((e) => [e.rule, e.where, `${e.slot}=${e.value}`, quote(e.text)]);
        out.push(...table(evRows, ['l', 'l', 'l', 'l']).map((l) => `      ${l}`));
      }
    }
    out.push('');
  }

  const a = m.autoSend;
  const summary: string[][] = [
    ['Tickets', String(m.tickets)],
    ['Lines skipped', meta.skippedLines === 0 ? '0' : `${meta.skippedLines} (see stderr)`],
    ['Branch accuracy', `${fraction(m.branch)} (${percent(m.branch.rate)})`],
    ['Auto-send coverage', `${a.eligible}/${a.onTopic} on-topic tickets (${percent(a.coverage)})`],
    ['Auto-send errors', `${a.errors} of ${a.marked} marked auto-send${a.errors > 0 ? `: ${a.errorIds.join(', ')}` : ''}`],
    ['Result', evalVerdict(m, meta).text],
  ];
  out.push('Summary');
  out.push(...table(summary.map(([k, v]) => [`${k}:`, v ?? '']), ['l', 'l']).map((l) => `  ${l}`));
  return out.join('\n') + '\n';
}

/** Pass/fail of an eval run; eval's exit code follows `pass`. A gate that silently scored only part of the file
 *  could pass on data it never saw, so skipped lines fail as well as auto-send errors. */
export function evalVerdict(m: EvalMetrics, meta: EvalMeta): { pass: boolean; text: string } {
  if (m.autoSend.errors > 0) return { pass: false, text: 'FAIL (wrong branch on an auto-send ticket)' };
  if (m.narrowerWrongAtAutoSendConfidence > 0) return { pass: false, text: 'FAIL (a narrower and wrong reply at auto-send confidence)' };
  if (meta.skippedLines > 0) return { pass: false, text: 'FAIL (lines skipped; the figures do not cover the whole file)' };
  return { pass: true, text: 'PASS (no auto-send errors, nothing narrower and wrong at auto-send confidence)' };
}

function fraction(r: Ratio): string {
  return `${r.correct}/${r.total}`;
}

function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

function quote(text: string): string {
  // JSON quoting makes newlines and tabs in matched text visible instead of breaking the table.
  const q = JSON.stringify(text);
  return q.length <= EVIDENCE_TEXT_MAX ? q : `${q.slice(0, EVIDENCE_TEXT_MAX - 2)}…"`;
}

/** Pads cells into aligned columns; 'r' right-aligns (numbers), 'l' left-aligns. Trailing spaces are trimmed. */
export function table(rows: readonly string[][], align: readonly ('l' | 'r')[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
