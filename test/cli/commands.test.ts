// classify, draft, render, help and usage errors, through main() with injected streams.
import { describe, expect, it } from 'vitest';
import { BRANCHES, LANGUAGES, PRODUCTS, SLOT_NAMES } from '../../src/classify/types.js';
import type { Classification } from '../../src/classify/types.js';
import { classify, renderReply } from '../../src/cli/engine.js';
import { CORPUS_PATH, corpusLines, corpusRecords, parseLines, runCli } from './helpers.js';

const REPLY_BRANCHES = BRANCHES.filter((b) => b !== 'off-topic');

type ClassifyLine = { id: string; branch: string; slots: Record<string, string>; confidence: number; autoSend: boolean; evidence: unknown[] };
type DraftLine = { id: string; branch: string; language: string; template: { id: string; version: string } | null; text: string };

describe('help and usage errors', () => {
  it.each([[[]], [['help']], [['--help']], [['-h']], [['classify', '--help']], [['render', '-h']]])('%j prints usage, exit 0', async (argv) => {
    const run = await runCli(argv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: m365-guide <command>/);
    for (const c of ['classify', 'draft', 'render', 'eval']) expect(run.stdout).toContain(`  ${c} `);
    expect(run.stderr).toBe('');
  });

  it('unknown command: error and usage on stderr, exit 2', async () => {
    const run = await runCli(['clasify']);
    expect(run.code).toBe(2);
    expect(run.errors[0]).toBe('m365-guide: unknown command "clasify"');
    expect(run.stderr).toContain('Usage: m365-guide');
    expect(run.stdout).toBe('');
  });

  it.each([
    [['classify', '--verbose'], /^m365-guide classify: Unknown option '--verbose'/],
    [['classify', 'a.jsonl', 'b.jsonl'], /^m365-guide classify: expected at most one FILE, got 2/],
    [['eval'], /^m365-guide eval: FILE is required/],
    [['classify', '/nonexistent/tickets.jsonl'], /^m365-guide classify: cannot open \/nonexistent\/tickets\.jsonl: ENOENT/],
    [['eval', '/tmp'], /^m365-guide eval: cannot read \/tmp: it is a directory/],
  ])('%j → exit 2', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.errors[0]).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('classify', () => {
  it('writes one line per corpus ticket, in order, with the documented shape', async () => {
    const records = corpusRecords();
    const run = await runCli(['classify', CORPUS_PATH]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = parseLines<ClassifyLine>(run);
    expect(out.map((o) => o.id)).toEqual(records.map((r) => r.id));
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['id', 'branch', 'slots', 'confidence', 'autoSend', 'evidence']);
      expect(Object.keys(o.slots)).toEqual([...SLOT_NAMES]);
      expect(BRANCHES).toContain(o.branch);
      expect(typeof o.confidence).toBe('number');
      expect(typeof o.autoSend).toBe('boolean');
      expect(Array.isArray(o.evidence)).toBe(true);
    }
  });

  it('agrees with the classifier called directly (labels and trap are ignored)', async () => {
    const records = corpusRecords().slice(0, 12);
    const run = await runCli(['classify'], records.map((r) => JSON.stringify(r)).join('\n'));
    const out = parseLines<ClassifyLine>(run);
    records.forEach((r, i) => {
      const c: Classification = classify({ subject: r.subject, body: r.body, ...(r.comments ? { comments: r.comments } : {}) });
      expect(out[i]).toEqual({ id: r.id, branch: c.branch, slots: c.slots, confidence: c.confidence, autoSend: c.autoSend, evidence: c.evidence });
    });
  });

  it('reads stdin when FILE is - or absent, and names tickets without id line-N', async () => {
    const lines = corpusLines().slice(0, 3).map((l) => {
      const { id: _drop, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
    const text = `${lines[0]}\n\n${lines[1]}\n${lines[2]}\n`;
    for (const argv of [['classify'], ['classify', '-']]) {
      const run = await runCli(argv, text);
      expect(run.code).toBe(0);
      expect(parseLines<ClassifyLine>(run).map((o) => o.id)).toEqual(['line-1', 'line-3', 'line-4']);
    }
  });

  it('accepts numeric ids and null optional fields', async () => {
    const run = await runCli(['classify'], '{"id":4711,"subject":null,"body":"Modern auth for MailStore?","comments":null}\n');
    expect(run.code).toBe(0);
    expect(parseLines<ClassifyLine>(run)[0]!.id).toBe('4711');
  });

  it('empty input: no output, exit 0', async () => {
    const run = await runCli(['classify'], '');
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('draft', () => {
  it('keeps order and ids; off-topic gets template null and empty text; wording uses the classified product', async () => {
    const records = corpusRecords();
    const run = await runCli(['draft', CORPUS_PATH], '', undefined);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = parseLines<DraftLine>(run);
    expect(out.map((o) => o.id)).toEqual(records.map((r) => r.id));
    let onTopic = 0;
    records.forEach((r, i) => {
      const o = out[i]!;
      expect(Object.keys(o)).toEqual(['id', 'branch', 'language', 'template', 'text']);
      const c = classify({ subject: r.subject, body: r.body, ...(r.comments ? { comments: r.comments } : {}) });
      expect(o.branch).toBe(c.branch);
      expect(o.language).toBe(c.slots.language);
      if (c.branch === 'off-topic') {
        expect(o.template).toBeNull();
        expect(o.text).toBe('');
        return;
      }
      onTopic += 1;
      const reply = renderReply({ branch: c.branch, language: c.slots.language, product: c.slots.product, slots: c.slots }, 'markdown');
      expect(o.template).toEqual({ id: reply.templateId, version: reply.version });
      expect(o.text).toBe(reply.text);
      expect(o.text.trim()).not.toBe('');
    });
    expect(onTopic).toBeGreaterThan(0);
  });

  it('passes requesterName from the line to the reply', async () => {
    const ticket = { id: 'n1', requesterName: 'Jana Kraus', subject: 'Umstellung auf Microsoft 365 Modern Authentication', body: 'Hallo, wir nutzen MailStore Server mit Active Directory und wollen auf Microsoft 365 Modern Authentication umstellen. Wie gehen wir vor?' };
    const run = await runCli(['draft'], JSON.stringify(ticket) + '\n');
    const [o] = parseLines<DraftLine>(run);
    if (o!.branch !== 'off-topic') expect(o!.text).toContain('Kraus');
  });
});

describe('render', () => {
  for (const branch of REPLY_BRANCHES) {
    for (const lang of LANGUAGES) {
      it(`${branch} in ${lang} prints the rendered reply`, async () => {
        const run = await runCli(['render', '--branch', branch, '--lang', lang]);
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
        const expected = renderReply({ branch, language: lang, product: 'unknown' }, 'markdown').text;
        expect(run.stdout.trimEnd()).toBe(expected.trimEnd());
        expect(run.stdout.trim()).not.toBe('');
      });
    }
  }

  it.each(PRODUCTS)('--product %s and --name are used', async (product) => {
    const run = await runCli(['render', '--branch', 'hybrid', '--lang', 'en', `--product=${product}`, '--name', 'Marta Kowalska']);
    expect(run.code).toBe(0);
    const expected = renderReply({ branch: 'hybrid', language: 'en', product, requesterName: 'Marta Kowalska' }, 'markdown').text;
    expect(run.stdout.trimEnd()).toBe(expected.trimEnd());
  });

  it.each([
    [['--branch', 'nope', '--lang', 'en'], 'm365-guide render: --branch "nope" is not valid; allowed values: full-guide, modern-direct, rename-or-hybrid, rename, hybrid'],
    [['--branch', 'off-topic', '--lang', 'en'], 'm365-guide render: --branch "off-topic" is not valid; allowed values: full-guide, modern-direct, rename-or-hybrid, rename, hybrid'],
    [['--lang', 'en'], 'm365-guide render: --branch is required; allowed values: full-guide, modern-direct, rename-or-hybrid, rename, hybrid'],
    [['--branch', 'hybrid'], 'm365-guide render: --lang is required; allowed values: en, de'],
    [['--branch', 'hybrid', '--lang', 'fr'], 'm365-guide render: --lang "fr" is not valid; allowed values: en, de'],
    [['--branch', 'hybrid', '--lang', 'en', '--product', 'cloud'], 'm365-guide render: --product "cloud" is not valid; allowed values: server, spe, unknown'],
    [['--branch', 'hybrid', '--lang', 'en', 'extra'], 'm365-guide render: unexpected argument "extra"'],
  ])('%j → exit 2 with a clear error', async (args, message) => {
    const run = await runCli(['render', ...args]);
    expect(run.code).toBe(2);
    expect(run.errors[0]).toBe(message);
    expect(run.stdout).toBe('');
  });

  it('a flag without its value is a usage error', async () => {
    const run = await runCli(['render', '--lang', 'en', '--branch']);
    expect(run.code).toBe(2);
    expect(run.errors[0]).toMatch(/^m365-guide render: Option '--branch <value>' argument missing/);
  });
});
