// The chaos run's verdict: each check a user would care about, printed with what was expected and PASS/FAIL.
import type { ChaosReport } from './run.js';

export interface ChaosCheck {
  label: string;
  shown: string;
  expected: string;
  pass: boolean;
}

export function chaosChecks(r: ChaosReport): ChaosCheck[] {
  const f = r.findings;
  const severalDrafts = f.versionsWithSeveralDrafts.length;
  const severalNotes = f.versionsWithSeveralNotes.length;
  const replyProblems = f.repliesNotOne.filter((x) => x.why !== 'public reply dead-lettered');
  const noteProblems = f.latestWithoutNote.filter((x) => !x.why.startsWith('note dead-lettered'));
  return [
    { label: 'work settled (no unfinished event or outbox row)', shown: r.settled ? 'yes' : 'no', expected: 'yes', pass: r.settled },
    {
      label: 'drafts per customer statement',
      shown: severalDrafts ? `${severalDrafts} statements with >1` : `1 each (${f.versionsDrafted})`,
      expected: 'exactly 1',
      pass: severalDrafts === 0 && f.latestWithoutDraft.length === 0,
    },
    {
      label: 'private notes per customer statement',
      shown: severalNotes ? `${severalNotes} statements with >1` : `≤ 1 each (${f.notesArrived} notes)`,
      expected: '≤ 1, latest = 1',
      pass: severalNotes === 0 && noteProblems.length === 0,
    },
    {
      label: 'public replies per approval',
      shown: replyProblems.length ? `${replyProblems.length} tickets off` : `1 each (${f.approvals - f.approvalsOvertaken})`,
      expected: '1 (0 if overtaken)',
      pass: replyProblems.length === 0,
    },
    { label: 'events lost (accepted, not stored)', shown: String(f.events.lost), expected: '0', pass: f.events.lost === 0 },
    { label: 'events not finished or given up', shown: String(f.events.unfinished + f.events.failed), expected: '0', pass: f.events.unfinished + f.events.failed === 0 },
    { label: 'deliveries never accepted', shown: String(r.traffic.abandoned), expected: '0', pass: r.traffic.abandoned === 0 },
    {
      label: 'dead letters, each explained',
      shown: `${f.deadLetters.length} (${f.unexplainedDeadLetters} unexplained)`,
      expected: 'all explained',
      pass: f.unexplainedDeadLetters === 0,
    },
    ...(r.recovery
      ? [
          {
            label: 'dead letters retried by an admin (Zendesk healthy)',
            shown: `${r.recovery.revived} retried, ${r.recovery.deadAfter} still dead`,
            expected: 'all sent, 0 dead',
            pass: r.recovery.settled && r.recovery.deadAfter === 0 && r.recovery.revived === f.deadLetters.length,
          },
          {
            label: 'duplicates after the retry (notes, replies)',
            shown: String(r.recovery.severalNotes + r.recovery.repliesNotOne),
            expected: '0',
            pass: r.recovery.severalNotes === 0 && r.recovery.repliesNotOne === 0,
          },
        ]
      : []),
  ];
}

export function formatChaos(r: ChaosReport): string {
  const f = r.findings;
  const o = r.options;
  const out = [
    `chaos: 2 instances on one PostgreSQL, ${Math.round(o.failureRate * 100)}% of Zendesk calls failing, 1 SIGKILL + restart, seed ${o.seed}`,
    `  traffic: ${r.traffic.deliveries} deliveries (${r.traffic.duplicates} duplicates = ${Math.round((r.traffic.duplicates / Math.max(1, r.traffic.deliveries)) * 100)}%), ${f.tickets} tickets, ${f.approvals} approvals` +
      `${f.approvalsSkipped ? ` (+${f.approvalsSkipped} skipped: their note never arrived)` : ''}` +
      `${f.approvalsOvertaken ? `, ${f.approvalsOvertaken} overtaken by the customer's follow-up (nothing sent, approver told by note)` : ''}; ${r.traffic.failedOver} attempts failed over to the other instance`,
    `  injected: ${r.injected.rateLimited} × 429, ${r.injected.serverError} × 500, ${r.injected.hangApplied + r.injected.hangNotApplied} hangs (${r.injected.hangApplied} applied, answer lost); ${r.injected.forwarded} calls answered normally`,
    `  outcome: ${f.events.stored} events stored (${f.events.done} done), ${f.versionsDrafted} statements drafted, ${f.notesArrived} notes, ${f.staleNotesDropped} stale notes dropped by design, ${f.publicReplies} public replies`,
    `  wall time: ${(r.wallMs / 1000).toFixed(1)} s (traffic ${(r.trafficMs / 1000).toFixed(1)} s, ${r.kills} kill, ${r.restarts} restart)`,
  ];
  if (r.recovery) {
    out.push(`  after the run: Zendesk healthy, POST /admin/outbox/retry-dead: ${r.recovery.revived} rows retried, ${r.recovery.notesArrived} more notes arrived, ${r.recovery.staleNotesDropped} dropped as stale`);
  }
  for (const c of chaosChecks(r)) out.push(`  ${c.label.padEnd(50)} ${c.shown.padStart(26)}   expected ${c.expected.padEnd(16)} ${c.pass ? 'PASS' : 'FAIL'}`);
  for (const d of f.deadLetters) out.push(`    dead letter #${d.id} ${d.kind} ticket ${d.ticketId}, ${d.attempts} attempts: ${d.explanation} (${(d.lastError ?? '').slice(0, 120)})`);
  for (const v of f.versionsWithSeveralDrafts.slice(0, 10)) out.push(`    ticket ${v.ticketId} statement ${v.version}: ${v.drafts} drafts`);
  for (const v of f.versionsWithSeveralNotes.slice(0, 10)) out.push(`    ticket ${v.ticketId} statement ${v.version}: ${v.notes} notes`);
  for (const t of f.latestWithoutDraft.slice(0, 10)) out.push(`    ticket ${t}: latest statement has no draft`);
  for (const t of f.latestWithoutNote.slice(0, 10)) out.push(`    ticket ${t.ticketId}: latest draft has no note (${t.why})`);
  for (const t of f.repliesNotOne.slice(0, 10)) out.push(`    ticket ${t.ticketId}: ${t.replies} public replies (${t.why})`);
  for (const e of f.events.failedErrors.slice(0, 10)) out.push(`    event given up: ${e.slice(0, 160)}`);
  return out.join('\n');
}
