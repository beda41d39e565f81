import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BRANCHES } from '../../src/classify/types.js';
import type { Branch, Thread } from '../../src/classify/types.js';
import { classify } from '../../src/cli/engine.js';
import { describeWithSharedCorpus } from '../helpers/shared-corpus.js';
import { CORPUS_PATH, corpusRecords, runCli } from './helpers.js';
import type { CorpusRecord } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'm365-guide-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const thread = (r: CorpusRecord): Thread => ({ subject: r.subject, body: r.body, ...(r.comments ? { comments: r.comments } : {}) });

function writeJsonl(name: string, records: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

/** Labels equal to what the classifier says: by construction no auto-send can be wrong. */
function selfLabelled(r: CorpusRecord): CorpusRecord {
  const c = classify(thread(r));
  return { ...r, labels: { ...c.slots, branch: c.branch } };
}

describeWithSharedCorpus('eval on the development corpus', () => {
  it('prints accuracy, the confusion matrix and the key figures last; PASS and exit 0 (no wrong auto-send)', async () => {
    const run = await runCli(['eval', CORPUS_PATH]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Per-slot accuracy');
    expect(run.stdout).toMatch(/^ {2}directoryService +\d+\/72 +\d+\.\d%$/m);
    expect(run.stdout).toContain('Confusion matrix (rows: expected branch, columns: actual branch)');
    expect(run.stdout).toMatch(/^ {2}expected \\ actual +off-topic +full-guide +modern-direct +rename-or-hybrid +rename +hybrid +total$/m);
    // the row totals are the corpus counts from ../shared/corpus/README.md
    for (const [branch, n] of [['off-topic', 16], ['full-guide', 9], ['modern-direct', 12], ['rename-or-hybrid', 13], ['rename', 11], ['hybrid', 11]] as const) {
      expect(run.stdout).toMatch(new RegExp(`^  ${branch} +(\\d+ +){6}${n}$`, 'm'));
    }
    const tail = run.lines.slice(-7);
    expect(tail[0]).toBe('Summary');
    expect(tail[1]).toMatch(/^ {2}Tickets: +72$/);
    expect(tail[3]).toMatch(/^ {2}Branch accuracy: +\d+\/72 \(\d+\.\d%\)$/);
    expect(tail[4]).toMatch(/^ {2}Auto-send coverage: +\d+\/56 on-topic tickets \(\d+\.\d%\)$/);
    expect(tail[5]).toMatch(/^ {2}Auto-send errors: +\d+ of \d+ marked auto-send/);

    // The documented figure (README, accuracy table: dev.jsonl, 0 wrong auto-sends) and gate: PASS and exit 0.
    expect(tail[5]).toMatch(/^ {2}Auto-send errors: +0 of \d+ marked auto-send/);
    expect(tail[6]).toMatch(/Result: +PASS/);
    expect(run.code).toBe(0);
  });

  it('--json gives the same figures machine-readably', async () => {
    const run = await runCli(['eval', CORPUS_PATH, '--json']);
    const report = JSON.parse(run.stdout) as {
      tickets: number;
      pass: boolean;
      skippedLines: number;
      branch: { correct: number; total: number };
      confusion: Record<Branch, Record<Branch, number>>;
      autoSend: { onTopic: number; errors: number };
      narrowerWrongAtAutoSendConfidence: number;
      misses: Array<{ id: string; evidence: unknown[] }>;
    };
    expect(report.tickets).toBe(72);
    expect(report.skippedLines).toBe(0);
    expect(report.branch.total).toBe(72);
    expect(Object.keys(report.confusion)).toEqual([...BRANCHES]);
    expect(report.autoSend.onTopic).toBe(56);
    expect(report.misses).toHaveLength(72 - report.branch.correct);
    expect(report.autoSend.errors).toBe(0);
    expect(report.pass).toBe(true);
    expect(run.code).toBe(0);
  });

  it('prints the reliability table and the misses by harm', async () => {
    const run = await runCli(['eval', CORPUS_PATH]);
    expect(run.stdout).toContain('Reliability (confidence bins against branch accuracy; calibrated, the two columns agree)');
    expect(run.stdout).toMatch(/^ {2}confidence +tickets +right +mean confidence +accuracy$/m);
    // seven bins whose ticket counts add up to the file
    const bins = [...run.stdout.matchAll(/^ {2}(\d\.\d\d)-(\d\.\d\d) +(\d+) +(\d+) /gm)];
    expect(bins.map((b) => b[1])).toEqual(['0.00', '0.50', '0.60', '0.70', '0.80', '0.90', '0.95']);
    expect(bins.reduce((n, b) => n + Number(b[3]), 0)).toBe(72);
    expect(run.stdout).toMatch(/^ {2}expected calibration error: +\d+\.\d%$/m);
    expect(run.stdout).toContain('Misses by harm');
    for (const kind of ['narrower and wrong', 'broader', 'off-topic drafted', 'on-topic missed', 'narrower and wrong at auto-send confidence']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${kind} +\\d+ `, 'm'));
    }
  });
});

describe('eval exit codes on hand-built labelled files', () => {
  it('exits 0 when no auto-send is wrong', async () => {
    const path = writeJsonl('self.jsonl', corpusRecords().map(selfLabelled));
    const run = await runCli(['eval', path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Misses: none');
    expect(run.lines.at(-1)).toMatch(/Result: +PASS/);
  });

  it('exits 1 and names the ticket when an auto-send ticket gets the wrong branch', async () => {
    const records = corpusRecords().map(selfLabelled);
    const target = records.find((r) => classify(thread(r)).autoSend);
    expect(target, 'the classifier marks at least one corpus ticket autoSend').toBeDefined();
    const actual = target!.labels.branch as Branch;
    const contradicting = BRANCHES.find((b) => b !== actual)!;
    target!.labels = { ...target!.labels, branch: contradicting };
    const path = writeJsonl('wrong.jsonl', records);

    const run = await runCli(['eval', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`  ${target!.id}: expected ${contradicting}, actual ${actual}`);
    expect(run.stdout).toContain('** AUTO-SEND ERROR **');
    expect(run.lines.at(-2)).toMatch(new RegExp(`Auto-send errors: +1 of \\d+ marked auto-send: ${target!.id}$`));
    expect(run.lines.at(-1)).toMatch(/Result: +FAIL \(wrong branch on an auto-send ticket\)/);
  });

  it('a wrong branch without auto-send is a miss with its evidence, but exit 0', async () => {
    const records = corpusRecords().map(selfLabelled);
    const target = records.find((r) => { const c = classify(thread(r)); return !c.autoSend && c.evidence.length > 0; });
    expect(target, 'the classifier leaves at least one ticket with evidence for review').toBeDefined();
    const actual = target!.labels.branch as Branch;
    const contradicting = BRANCHES.find((b) => b !== actual)!;
    target!.labels = { ...target!.labels, branch: contradicting };
    const run = await runCli(['eval', writeJsonl('miss.jsonl', records)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Misses (1): tickets whose branch is wrong');
    expect(run.stdout).toContain(`  ${target!.id}: expected ${contradicting}, actual ${actual}`);
    expect(run.stdout).toContain(classify(thread(target!)).evidence[0]!.rule);
  });

  it('lines without valid labels are reported, skipped, and fail the gate', async () => {
    const records: unknown[] = corpusRecords().slice(0, 3).map(selfLabelled);
    const { labels: _drop, ...unlabelled } = records[1] as CorpusRecord;
    records[1] = unlabelled;
    (records[2] as CorpusRecord).labels = { ...(records[2] as CorpusRecord).labels, branch: 'maybe' };
    const run = await runCli(['eval', writeJsonl('labels.jsonl', records)]);
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(/^line 2: labels is missing \(eval needs labelled tickets\)/);
    expect(run.errors[1]).toMatch(/^line 3: labels\.branch must be one of off-topic, full-guide, .*; got "maybe"/);
    expect(run.stdout).toMatch(/Tickets: +1$/m);
    expect(run.stdout).toMatch(/Lines skipped: +2 \(see stderr\)$/m);
    expect(run.lines.at(-1)).toMatch(/Result: +FAIL \(lines skipped/);
  });
});
