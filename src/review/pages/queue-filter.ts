// Pure: the queue's filter (branch, language, which drafts) from the query string or a form's hidden fields, and
// back, so an action returns the agent to the view they acted from.
import { BRANCHES, LANGUAGES, type Branch, type Language } from '../../classify/types.js';
import type { DraftState } from '../../store/types.js';
import { html, type SafeHtml } from '../html.js';

export const VIEWS = {
  pending: { label: 'Pending', states: ['pending'] },
  superseded: { label: 'Superseded', states: ['superseded'] },
  decided: { label: 'Decided', states: ['approved', 'posted', 'rejected', 'auto'] },
} as const satisfies Record<string, { label: string; states: DraftState[] }>;
export type View = keyof typeof VIEWS;

export interface QueueFilter {
  branch: Branch | null;
  language: Language | null;
  view: View;
}

const pick = <T extends string>(allowed: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;

export function parseFilter(q: unknown): QueueFilter {
  const o = (q && typeof q === 'object' ? q : {}) as Record<string, unknown>;
  return {
    branch: pick(BRANCHES, o.branch),
    language: pick(LANGUAGES, o.language),
    view: pick(Object.keys(VIEWS) as View[], o.view) ?? 'pending',
  };
}

export function filterQuery(f: QueueFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.branch) p.set('branch', f.branch);
  if (f.language) p.set('language', f.language);
  if (f.view !== 'pending') p.set('view', f.view);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function filterFields(f: QueueFilter): SafeHtml {
  return html`${f.branch ? html`<input type="hidden" name="branch" value="${f.branch}">` : ''}${f.language ? html`<input type="hidden" name="language" value="${f.language}">` : ''}${f.view !== 'pending' ? html`<input type="hidden" name="view" value="${f.view}">` : ''}`;
}

/** The filter bar (a GET form: it changes nothing, so it needs no CSRF token). */
export function filterForm(f: QueueFilter): SafeHtml {
  const option = (value: string, label: string, selected: boolean) =>
    selected ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
  return html`<form class="filters" method="get" action="/queue">
  <label>Show <select name="view">${(Object.keys(VIEWS) as View[]).map((v) => option(v, VIEWS[v].label, f.view === v))}</select></label>
  <label>Branch <select name="branch">${option('', 'all', !f.branch)}${BRANCHES.map((b) => option(b, b, f.branch === b))}</select></label>
  <label>Language <select name="language">${option('', 'all', !f.language)}${option('en', 'English', f.language === 'en')}${option('de', 'German', f.language === 'de')}</select></label>
  <button type="submit" class="secondary">Filter</button>
</form>`;
}
