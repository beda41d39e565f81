// A tagged template that escapes every interpolation unless it is already SafeHtml, so customer text reaches a
// page only through escapeHtml and a forgotten escape is impossible rather than a review finding.
import { escapeHtml } from '../replies/escape.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks HTML produced by a trusted renderer (our highlighter, the replies module's html destination). */
export const trusted = (value: string): SafeHtml => new SafeHtml(value);

/** JSON for a `<script type="application/json">` block: `<` is escaped so the text can never close the element. */
export function jsonForScript(value: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}

/** Words for screen readers only, e.g. which draft a button acts on (`.vh` in review.css). */
export const vh = (text: string): SafeHtml => html`<span class="vh">${text}</span>`;
