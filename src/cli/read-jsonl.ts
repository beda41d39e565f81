// Streams JSONL: splits bytes into lines, decodes each as strict UTF-8 and parses it as JSON, one line at a time.
//
// Why not node:readline: it decodes with replacement characters, so invalid UTF-8 would slip through as U+FFFD
// instead of being reported, and it buffers a line of any length (a huge file without newlines would be loaded
// whole). Splitting on the 0x0A byte is safe for UTF-8, because that byte never occurs inside a multi-byte sequence.
import { TextDecoder } from 'node:util';
import { MAX_LINE_BYTES, formatBytes } from './limits.js';

export type JsonLine =
  | { lineNo: number; ok: true; value: unknown }
  | { lineNo: number; ok: false; error: string };

export type ByteSource = AsyncIterable<Buffer | Uint8Array | string>;

/** Yields one entry per non-blank line, numbered from 1 as an editor would show it. */
export async function* readJsonl(source: ByteSource, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<JsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let size = 0;
  // > 0 once the current line has passed the cap: from then on bytes are only counted, never kept.
  let overflow = 0;
  let lineNo = 0;

  const take = (segment: Buffer): void => {
    if (segment.length === 0) return;
    if (overflow > 0) {
      overflow += segment.length;
    } else if (size + segment.length > maxLineBytes) {
      overflow = size + segment.length;
      parts = [];
      size = 0;
    } else {
      parts.push(segment);
      size += segment.length;
    }
  };

  const finish = (): JsonLine | null => {
    const lineOverflow = overflow;
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    overflow = 0;
    if (lineOverflow > 0) {
      return fail(lineNo, `line is ${formatBytes(lineOverflow)}, over the ${formatBytes(maxLineBytes)} line limit (skipped unread)`);
    }
    return parseLine(lineNo, bytes, decoder);
  };

  for await (const chunk of source) {
    const buf = toBuffer(chunk);
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(0x0a, start);
      if (nl === -1) {
        take(buf.subarray(start));
        break;
      }
      take(buf.subarray(start, nl));
      lineNo += 1;
      const line = finish();
      if (line) yield line;
      start = nl + 1;
    }
  }
  // A last line without a trailing newline is still a line.
  if (size > 0 || overflow > 0) {
    lineNo += 1;
    const line = finish();
    if (line) yield line;
  }
}

function parseLine(lineNo: number, raw: Buffer, decoder: TextDecoder): JsonLine | null {
  let bytes = raw;
  if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1); // CRLF files
  // Raw NUL bytes never occur in JSON text; they mean a binary file (or UTF-16) was passed in.
  if (bytes.includes(0)) return fail(lineNo, 'contains NUL bytes (binary data, or a UTF-16 file?)');
  let text: string;
  try {
    // fatal: true makes invalid sequences throw; a leading BOM is dropped by the decoder.
    text = decoder.decode(bytes);
  } catch {
    return fail(lineNo, 'is not valid UTF-8 (is the file in another encoding, e.g. Windows-1252?)');
  }
  if (text.trim() === '') return null; // blank lines (e.g. a trailing empty line) are not tickets
  try {
    return { lineNo, ok: true, value: JSON.parse(text) };
  } catch (err) {
    // V8 quotes the offending text in its message; keep the diagnostic one short line.
    const message = err instanceof Error ? err.message : String(err);
    return fail(lineNo, `not valid JSON (${truncate(message.replace(/\s+/g, ' '), 160)})`);
  }
}

function fail(lineNo: number, error: string): JsonLine {
  return { lineNo, ok: false, error };
}

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
