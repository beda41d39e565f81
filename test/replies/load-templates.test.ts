import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplyError } from '../../src/replies/errors.js';
import {
  DEFAULT_TEMPLATES_DIR,
  listTemplates,
  loadTemplates,
  TEMPLATE_IDS,
  type TemplateInfo,
} from '../../src/replies/load-templates.js';

const REPO_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const dirs: string[] = [];

function copyTemplates(): string {
  const dir = mkdtempSync(join(tmpdir(), 'm365-templates-'));
  dirs.push(dir);
  cpSync(REPO_TEMPLATES, dir, { recursive: true });
  return dir;
}

const byId = (list: TemplateInfo[]) => Object.fromEntries(list.map((t) => [t.id, t.version]));

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadTemplates', () => {
  it('finds templates/ at the repo root (two levels up, as from dist/replies/ after the build)', () => {
    expect(DEFAULT_TEMPLATES_DIR).toBe(REPO_TEMPLATES);
  });

  it('lists one template per branch and language, off-topic excluded', () => {
    const ids = listTemplates().map((t) => t.id);
    expect(ids).toEqual([...TEMPLATE_IDS].sort());
    expect(ids).toHaveLength(10);
    expect(ids.some((id) => id.startsWith('off-topic'))).toBe(false);
  });

  it('gives every template a short, distinct version', () => {
    const versions = listTemplates().map((t) => t.version);
    for (const v of versions) expect(v).toMatch(/^[0-9a-f]{12}$/);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('keeps versions stable for the same content, wherever it is read from', () => {
    expect(loadTemplates(copyTemplates()).list()).toEqual(listTemplates());
    expect(loadTemplates().list()).toEqual(loadTemplates().list());
  });

  it('changes the version of exactly the templates that use a changed partial', () => {
    const dir = copyTemplates();
    const before = byId(loadTemplates(dir).list());
    const file = join(dir, 'partials', 'hybrid-steps.en.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Journal profiles', 'Journal archiving profiles'));
    const after = byId(loadTemplates(dir).list());
    const changed = Object.keys(before).filter((id) => before[id] !== after[id]);
    expect(changed).toEqual(['hybrid.en']);
  });

  it('follows partials used by other partials', () => {
    const dir = copyTemplates();
    const before = byId(loadTemplates(dir).list());
    // hybrid.de and rename-or-hybrid.de reach admin-place only through other partials (hybrid-caveat, compare-usernames).
    const file = join(dir, 'partials', 'admin-place.de.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('als Administrator', 'als Admin'));
    const after = byId(loadTemplates(dir).list());
    for (const id of ['full-guide.de', 'modern-direct.de', 'rename-or-hybrid.de', 'hybrid.de']) {
      expect(after[id], id).not.toBe(before[id]);
    }
    for (const id of TEMPLATE_IDS.filter((i) => i.endsWith('.en'))) expect(after[id]).toBe(before[id]);
  });

  it('changes a version when the template itself changes', () => {
    const dir = copyTemplates();
    const before = byId(loadTemplates(dir).list());
    writeFileSync(join(dir, 'rename.de.hbs'), readFileSync(join(dir, 'rename.de.hbs'), 'utf8') + '\n');
    expect(byId(loadTemplates(dir).list())['rename.de']).not.toBe(before['rename.de']);
  });

  it('refuses an incomplete directory with a message naming what is missing', () => {
    const dir = copyTemplates();
    rmSync(join(dir, 'hybrid.de.hbs'));
    expect(() => loadTemplates(dir)).toThrow(/missing hybrid\.de\.hbs/);
    try {
      loadTemplates(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(ReplyError);
      expect((err as ReplyError).code).toBe('templates_invalid');
    }
  });

  it('refuses unexpected template names and unknown partials', () => {
    const dir = copyTemplates();
    writeFileSync(join(dir, 'hybird.en.hbs'), 'x');
    expect(() => loadTemplates(dir)).toThrow(/unexpected hybird\.en\.hbs/);
    rmSync(join(dir, 'hybird.en.hbs'));
    rmSync(join(dir, 'partials', 'closing.de.hbs'));
    expect(() => loadTemplates(dir)).toThrow(/uses unknown partial partials\/closing\.de/);
  });

  it('names the file with a syntax error', () => {
    const dir = copyTemplates();
    writeFileSync(join(dir, 'partials', 'closing.en.hbs'), 'Best {{#if name}}regards');
    expect(() => loadTemplates(dir)).toThrow(/partials\/closing\.en\.hbs: Parse error/);
  });

  it('refuses a directory that does not exist', () => {
    expect(() => loadTemplates(join(tmpdir(), 'no-such-templates-dir'))).toThrow(/Cannot read templates/);
  });
});
