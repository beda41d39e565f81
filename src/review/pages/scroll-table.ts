// A table that may be wider than a phone scrolls inside its own labelled, focusable region, so the page itself never
// scrolls sideways (WCAG 1.4.10 Reflow) and a keyboard user can still reach the hidden columns (2.1.1). Every
// numbers table on the analytics page goes through this, the reading-accuracy part included.
import { html, type SafeHtml } from '../html.js';

/** `labelledBy`: the id of the heading that names the table (the region's accessible name). */
export const scrollTable = (labelledBy: string, table: SafeHtml): SafeHtml =>
  html`<div class="table-wrap" role="region" aria-labelledby="${labelledBy}" tabindex="0">${table}</div>`;
