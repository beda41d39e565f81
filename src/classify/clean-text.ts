// Splits one message into regions: the customer's own words, quoted earlier mail, forwarded mail (with its header
// lines) and the signature. Regions are offsets into the ORIGINAL text, so evidence can point back into it.
//
// email-reply-parser finds quote headers in many languages, but it hides everything after the first one, while
// customers also write below quotes (a `>` block followed by their own lines). So the library only nominates
// header lines; the walk below decides where each region ends.
import EmailReplyParser from 'email-reply-parser';
import { isClosingLine, lineIsSignatureLike, SIGNATURE_START } from './signature.js';

export type SegmentKind = 'own' | 'quoted' | 'forwarded' | 'header' | 'signature';
export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
}

/** Only this much of a message is analysed: longer text is almost always pasted logs or a quoted thread. */
export const MAX_SCAN = 30_000;
/** email-reply-parser runs some lazy `[\s\S]+?` patterns over the whole text; keep its input small. */
const LIBRARY_LIMIT = 8_000;

interface Line {
  start: number;
  end: number;
  text: string;
}

const QUOTE_LINE = /^\s*>/;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|original-nachricht)\s*-{0,}\s*$/i;
const REPLY_HEADERS = [
  /^\s*on\s.{1,200}\swrote:?\s*$/i,
  /^\s*am\s.{1,200}\sschrieb\b.{0,200}:\s*$/i,
  /^.{1,120}\s<[^>\s]{1,100}>\s(?:wrote|schrieb):\s*$/i,
  ORIGINAL_MESSAGE,
];
const FORWARD_HEADERS = [
  /^\s*-{2,}\s*(?:forwarded message|weitergeleitete nachricht|forwarded mail|weitergeleitete e-mail)\s*-{0,}\s*$/i,
  /^\s*(?:begin forwarded message|anfang der weitergeleiteten (?:nachricht|e-mail)):?\s*$/i,
];
const HEADER_FIELD = /^\s*(?:from|von|to|an|cc|bcc|date|datum|sent|gesendet|subject|betreff|reply-to|antwort an)\s?:/i;
const OUTLOOK_FROM = /^\s*(?:from|von)\s?:\s*\S/i;
const OUTLOOK_NEXT = /^\s*(?:sent|gesendet|date|datum|to|an|subject|betreff)\s?:/i;
const BLOCK_END = /^\s*[-_=*]{5,}\s*$/;
const DASH_FENCE = /^\s*-{5,}\s*$/;
const FORWARD_SUBJECT = /^\s*(?:fwd?|wg|weitergeleitet)\s*:/i;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    start = nl + 1;
  }
  return lines;
}

// Words every header the library knows contains; without one of them it cannot find anything, so skip it.
const LIBRARY_GATE = /wrote|schrieb|écrit|escribió|scritto|schreef|skrev|pisze|napisał|kirjoitti|작성|写道|のメッセージ|^\s*(?:from|von|de|van|da)\s?:|original|ursprüngliche|oprindelig|<[^>\s]+@[^>\s]+>:/im;

/** Line indexes the library takes for quote headers (it sees more languages and formats than our own list). */
function libraryQuoteHeaders(text: string, lines: Line[]): Set<number> {
  const found = new Set<number>();
  if (text.length > LIBRARY_LIMIT || !LIBRARY_GATE.test(text)) return found;
  let fragments;
  try {
    fragments = new EmailReplyParser().read(text).getFragments();
  } catch {
    return found;
  }
  let cursor = 0;
  for (const fragment of fragments) {
    const first = fragment.getContent().split('\n').find((l) => l.trim() !== '')?.trim();
    if (first === undefined) continue;
    for (let i = cursor; i < lines.length; i++) {
      const line = lines[i]!.text.trim();
      if (line === first || (first.length > 20 && line.length > 10 && first.startsWith(line))) {
        if (fragment.isQuoted() && !QUOTE_LINE.test(line)) found.add(i);
        cursor = i + 1;
        break;
      }
    }
  }
  return found;
}

function nextNonBlank(lines: Line[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i]!.text.trim() !== '') return i;
  return -1;
}

function isOutlookHeader(lines: Line[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i]!.text)) return false;
  for (let k = i + 1; k <= i + 3 && k < lines.length; k++) if (OUTLOOK_NEXT.test(lines[k]!.text)) return true;
  return false;
}

/** A closing line ("Regards,", "Viele Grüße") counts only if everything after it looks like a signature. */
function signatureFrom(lines: Line[], i: number, stop: number): boolean {
  let count = 0;
  for (let k = i + 1; k < stop; k++) {
    const t = lines[k]!.text;
    if (t.trim() === '') continue;
    if (!lineIsSignatureLike(t)) return false;
    if (++count > 8) return false;
  }
  return true;
}

export interface SegmentOptions {
  subject?: string;
  requesterName?: string;
}

export function segmentMessage(original: string, options: SegmentOptions = {}): Segment[] {
  const text = original.length > MAX_SCAN ? original.slice(0, MAX_SCAN) : original;
  const lines = splitLines(text);
  const kinds: SegmentKind[] = new Array<SegmentKind>(lines.length).fill('own');
  const libHeaders = libraryQuoteHeaders(text, lines);
  const isForward = FORWARD_SUBJECT.test(options.subject ?? '');
  const requester = options.requesterName?.trim().toLowerCase();

  // Where each structural block (quote, forward, reply header) starts, so a signature search stops before it.
  // Computed once, backwards, to keep the walk linear.
  const nextStructuralAt = new Array<number>(lines.length + 1).fill(lines.length);
  for (let k = lines.length - 1; k >= 0; k--) {
    const t = lines[k]!.text;
    const structural = QUOTE_LINE.test(t) || FORWARD_HEADERS.some((r) => r.test(t)) || REPLY_HEADERS.some((r) => r.test(t)) || libHeaders.has(k) || isOutlookHeader(lines, k);
    nextStructuralAt[k] = structural ? k : nextStructuralAt[k + 1]!;
  }
  const nextStructural = (from: number): number => nextStructuralAt[Math.min(from, lines.length)]!;

  let mode: 'own' | 'forwarded' = 'own';
  let inForwardHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    const trimmed = t.trim();
    if (QUOTE_LINE.test(t)) {
      kinds[i] = 'quoted';
      continue;
    }
    // A forward marker, or an Outlook header block or "-----Original Message-----" in a mail whose subject says it
    // is forwarded: Outlook forwards with those, and a closing dash line gives the forwarder's text below back.
    if (FORWARD_HEADERS.some((r) => r.test(t)) || (isForward && mode === 'own' && (isOutlookHeader(lines, i) || ORIGINAL_MESSAGE.test(t)))) {
      mode = 'forwarded';
      inForwardHeader = true;
      kinds[i] = 'header';
      continue;
    }
    if (mode === 'forwarded' && inForwardHeader) {
      if (HEADER_FIELD.test(t) || trimmed === '') {
        kinds[i] = 'header';
        continue;
      }
      inForwardHeader = false;
    }
    if (mode === 'forwarded' && BLOCK_END.test(t)) {
      kinds[i] = 'header';
      mode = 'own';
      continue;
    }
    const replyHeader = mode === 'own' && (REPLY_HEADERS.some((r) => r.test(t)) || libHeaders.has(i) || isOutlookHeader(lines, i));
    if (replyHeader) {
      const next = nextNonBlank(lines, i + 1);
      kinds[i] = 'quoted';
      // "-----Original Message-----" … "-----": the quoted mail is fenced, and what follows the fence is the
      // customer's again (partners paste the end customer's mail and write their own decision below it).
      const fence = ORIGINAL_MESSAGE.test(t) ? lines.findIndex((l, k) => k > i && DASH_FENCE.test(l.text)) : -1;
      if (fence > i) {
        for (let k = i + 1; k <= fence; k++) kinds[k] = 'quoted';
        i = fence;
        continue;
      }
      // "On … wrote:" followed by `>` lines: only that block is quoted. Outlook style: the rest of the mail is.
      if (next !== -1 && QUOTE_LINE.test(lines[next]!.text) && !/original|ursprüngliche/i.test(t)) continue;
      for (let k = i + 1; k < lines.length; k++) kinds[k] = 'quoted';
      break;
    }
    const startsSignature =
      SIGNATURE_START.test(t) ||
      (requester !== undefined && requester.length > 2 && trimmed.toLowerCase() === requester) ||
      (isClosingLine(trimmed) && signatureFrom(lines, i, nextStructural(i + 1)));
    if (startsSignature) {
      const stop = nextStructural(i + 1);
      for (let k = i; k < stop; k++) kinds[k] = 'signature';
      i = stop - 1;
      mode = 'own';
      continue;
    }
    kinds[i] = mode;
  }
  markTrailingNameBlock(lines, kinds);
  return toSegments(lines, kinds, original.length);
}

/** A name and company at the very end with no closing formula ("…properly.\nMike"). */
function markTrailingNameBlock(lines: Line[], kinds: SegmentKind[]): void {
  let last = lines.length - 1;
  while (last >= 0 && (lines[last]!.text.trim() === '' || kinds[last] !== 'own')) {
    if (kinds[last] !== 'own' && lines[last]!.text.trim() !== '') return;
    last--;
  }
  let first = last;
  while (first >= 0 && kinds[first] === 'own' && lines[first]!.text.trim() !== '' && lineIsSignatureLike(lines[first]!.text)) {
    first--;
    if (last - first > 4) return;
  }
  if (first === last || first < 0) return;
  const before = lines[first]!.text.trim();
  if (kinds[first] !== 'own' || before === '' || !/[.!?)]$/.test(before)) return;
  for (let k = first + 1; k <= last; k++) kinds[k] = 'signature';
}

function toSegments(lines: Line[], kinds: SegmentKind[], totalLength: number): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const kind = kinds[i]!;
    const end = i + 1 < lines.length ? lines[i + 1]!.start : Math.min(line.end, totalLength);
    const prev = segments[segments.length - 1];
    if (prev && prev.kind === kind) prev.end = end;
    else segments.push({ kind, start: line.start, end });
  }
  return segments.filter((s) => s.end > s.start);
}
