import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { BRANCHES, LANGUAGES } from '../classify/types.js';
import { ReplyError } from './errors.js';
import type { ReplyContext } from './reply-context.js';

// This file runs from src/replies/ (vitest, tsx) and from dist/replies/ (build); both are two levels below the
// repo root, where templates/ lives.
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

// strict: a missing variable throws instead of rendering as ''. noEscape: Handlebars' HTML escaping is wrong for
// Markdown; untrusted values are escaped for Markdown before they enter the context (reply-context.ts).
// knownHelpersOnly: templates can use only the built-in helpers, so a typo fails instead of rendering nothing.
// ignoreStandalone + partials without their final newline: a partial is pasted in place like text, whether it
// stands on its own line or sits inside a sentence, so one partial can serve both. The price is that a block tag
// on its own line leaves an empty line; templates put those only between paragraphs and renderReply tidies up.
const COMPILE_OPTIONS = {
  strict: true,
  noEscape: true,
  knownHelpersOnly: true,
  ignoreStandalone: true,
  preventIndent: true,
} as const;

export const TEMPLATE_IDS: readonly string[] = BRANCHES.filter((b) => b !== 'off-topic').flatMap((b) =>
  LANGUAGES.map((l) => `${b}.${l}`),
);

export interface TemplateInfo {
  id: string;
  /** Short sha256 over the template and every partial it uses, directly or through other partials. */
  version: string;
}

export interface LoadedTemplate extends TemplateInfo {
  render(context: ReplyContext): string;
}

export interface TemplateSet {
  get(id: string): LoadedTemplate | undefined;
  list(): TemplateInfo[];
}

/** Reads and checks a templates directory: every branch × language present, every partial reference resolvable. */
export function loadTemplates(dir: string = DEFAULT_TEMPLATES_DIR): TemplateSet {
  const hb = Handlebars.create();
  const templates = readSources(dir, '');
  const partials = readSources(join(dir, 'partials'), 'partials/');

  const unknown = [...templates.keys()].filter((id) => !TEMPLATE_IDS.includes(id));
  const missing = TEMPLATE_IDS.filter((id) => !templates.has(id));
  if (unknown.length || missing.length) {
    throw invalid(dir, [...missing.map((id) => `missing ${id}.hbs`), ...unknown.map((id) => `unexpected ${id}.hbs`)]);
  }

  const refs = new Map<string, string[]>();
  for (const [name, source] of [...templates, ...partials]) {
    const used = partialNames(name, parse(hb, name, source));
    const absent = used.filter((p) => !partials.has(p));
    if (absent.length) throw invalid(dir, absent.map((p) => `${name} uses unknown partial ${p}`));
    refs.set(name, used);
  }
  for (const [name, source] of partials) {
    hb.registerPartial(name, hb.compile(source.replace(/\r?\n$/, ''), COMPILE_OPTIONS));
  }

  const loaded = new Map<string, LoadedTemplate>();
  for (const [id, source] of templates) {
    const version = hashVersion(id, source, closure(id, refs), partials);
    const compiled = hb.compile(source, COMPILE_OPTIONS);
    loaded.set(id, { id, version, render: (context) => compiled(context) });
  }
  const list = [...loaded.values()].map(({ id, version }) => ({ id, version })).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { get: (id) => loaded.get(id), list: () => list.map((t) => ({ ...t })) };
}

let defaults: TemplateSet | undefined;

/** The repo's templates/, read once on first use. */
export function defaultTemplates(): TemplateSet {
  defaults ??= loadTemplates();
  return defaults;
}

export function listTemplates(): TemplateInfo[] {
  return defaultTemplates().list();
}

function readSources(dir: string, prefix: string): Map<string, string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new ReplyError('templates_invalid', `Cannot read templates from ${dir}: ${(err as Error).message}`);
  }
  const out = new Map<string, string>();
  for (const e of entries.filter((e) => e.isFile() && e.name.endsWith('.hbs')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    out.set(prefix + e.name.slice(0, -'.hbs'.length), readFileSync(join(dir, e.name), 'utf8'));
  }
  return out;
}

function parse(hb: typeof Handlebars, name: string, source: string): unknown {
  try {
    return hb.parse(source);
  } catch (err) {
    throw new ReplyError('templates_invalid', `${name}.hbs: ${(err as Error).message}`);
  }
}

function partialNames(owner: string, ast: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; name?: { type?: string; original?: unknown } };
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      // Versions are computed from static partial names; a computed name would escape them.
      if (n.name?.type !== 'PathExpression' || typeof n.name.original !== 'string') {
        throw new ReplyError('templates_invalid', `${owner}: dynamic partial names are not supported`);
      }
      found.add(n.name.original);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') visit(value);
  };
  visit(ast);
  return [...found];
}

function closure(root: string, refs: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  const walk = (name: string, path: string[]): void => {
    for (const p of refs.get(name) ?? []) {
      if (path.includes(p)) throw new ReplyError('templates_invalid', `Partial cycle: ${[...path, p].join(' > ')}`);
      if (seen.has(p)) continue;
      seen.add(p);
      walk(p, [...path, p]);
    }
  };
  walk(root, [root]);
  return [...seen].sort();
}

function hashVersion(id: string, source: string, used: string[], partials: Map<string, string>): string {
  const hash = createHash('sha256').update(`${id}\0${source}`);
  for (const name of used) hash.update(`\0${name}\0${partials.get(name)}`);
  return hash.digest('hex').slice(0, 12);
}

function invalid(dir: string, problems: string[]): ReplyError {
  return new ReplyError('templates_invalid', `Templates in ${dir} are invalid: ${problems.join('; ')}`);
}
