// Input limits of the CLI. They keep one hostile or broken line from exhausting memory or stalling a batch; a line
// over a limit is reported on stderr and skipped, the run goes on.

/** Real tickets are a few KiB; 1 MiB of text (UTF-8 bytes of subject + body + comment bodies) is far beyond any
 *  genuine mail thread and still classifies in milliseconds. */
export const MAX_TICKET_TEXT_BYTES = 1024 * 1024;

/** Hard cap on one raw JSONL line. Larger than the text limit because JSON escaping can multiply the size
 *  (`\u00e4` is 6 bytes for one character) and labels/metadata ride along. Bytes past this cap are counted and
 *  dropped without being buffered, so a multi-GB line without a newline cannot exhaust memory. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
