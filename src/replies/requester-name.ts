// The requester's display name comes from the ticket system and is shown in the greeting. It is data, never
// template source: this module only makes it a safe single line; escaping for the destination happens later.
import { LONE_SURROGATE } from '../text/safe-text.js';

export const MAX_NAME_LENGTH = 80;

// C0/C1 controls and DEL, plus the Unicode line/paragraph separators and bidi overrides that can reorder or break
// the line the name sits in. Zero-width joiners stay: emoji sequences and some scripts need them.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// What a greeting keeps of a name: letters (with their marks), spaces, hyphens and apostrophes. A "name" such as
// `https://evil.example/login` or `www.evil.example` must not become the first line of a public reply (issue 12).
const NOT_NAME = /[^\p{L}\p{M}\s'’-]+/gu;
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*/giu;

/** A one-line, trimmed name of at most MAX_NAME_LENGTH graphemes; '' when nothing usable is left. */
export function cleanRequesterName(raw: string | undefined): string {
  if (!raw) return '';
  // Cut before the heavier work so a 10 MB name costs no more than a short one (a grapheme is rarely > 8 units).
  const head = raw.slice(0, MAX_NAME_LENGTH * 8);
  const oneLine = head
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .replace(UNSAFE, ' ')
    .replace(URL_LIKE, ' ')
    .replace(NOT_NAME, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s'’-]+|[\s'’-]+$/gu, '')
    .trim();
  let out = '';
  let count = 0;
  for (const { segment } of graphemes.segment(oneLine)) {
    if (count === MAX_NAME_LENGTH) break;
    out += segment;
    count += 1;
  }
  return out.trim();
}
