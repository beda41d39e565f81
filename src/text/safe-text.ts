// Text from outside (Zendesk tickets, names, webhook fields) is made storable before anything else sees it:
// PostgreSQL's text and jsonb refuse U+0000, and a lone UTF-16 surrogate cannot be encoded as UTF-8 (jsonb refuses
// the escape). One such character used to fail the event ten times and lose the ticket silently (issue 12).
// Bidirectional overrides (U+202A–U+202E, U+2066–U+2069) are removed too: they can make an evidence quote in a note
// or a Slack card read differently from what the customer wrote.

const NUL = /\u0000/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one (String#toWellFormed is ES2024).
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NUL and bidi overrides removed, lone surrogates replaced by U+FFFD; everything else kept as it is. */
export function safeText(s: string): string {
  return s.replace(NUL, '').replace(BIDI, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** True when the text needed changing: callers that must refuse rather than repair (signed ids) ask this. */
export function isSafeText(s: string): boolean {
  return safeText(s) === s;
}
